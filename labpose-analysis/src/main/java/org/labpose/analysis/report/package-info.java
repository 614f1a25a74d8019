/**
 * Reports: the assay of a study (per-video measures, group statistics, files) and its HTML report,
 * charts (SVG) and the motif report.
 */
package org.labpose.analysis.report;
