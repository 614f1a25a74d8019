/**
 * Behaviour from poses: per-frame features over time windows (s), random-forest classifiers stored
 * as plain data ({@code .lpclf}), and unsupervised motifs (PCA and k-means over pose features).
 */
package org.labpose.analysis.behavior;
