/**
 * Agreement of tracks with reference tracks: CLEAR MOT (MOTA, identity switches, fragmentations) and
 * the identity measures of Ristani et al. (IDF1). Distances in px.
 */
package org.labpose.multianimal.metrics;
