/**
 * Open-field style measures of one video from its poses and zones: distance (px or cm), speed,
 * time, entries and latency per zone, immobility and freezing (s), rearing and grooming proxies and
 * social measures between animals; per-frame columns and a per-video summary, and their CSV files.
 */
package org.labpose.analysis.assay;
