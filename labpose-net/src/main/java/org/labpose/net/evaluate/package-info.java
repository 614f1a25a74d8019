/**
 * Evaluation: pixel errors (px of the original image) of a trained shuffle on its train and test
 * frames, DeepLabCut's results tables, and the fixed-split accuracy benchmark.
 */
package org.labpose.net.evaluate;
