/**
 * Validation statistics: keypoint agreement (errors in px, PCK, ICC, Bland–Altman), behaviour
 * agreement (Cohen's kappa, F1), behaviour annotation files, group comparisons and robust summaries.
 */
package org.labpose.analysis.stats;
