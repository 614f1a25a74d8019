/**
 * Training sets: the split of a project's labelled frames into training and test frames per
 * shuffle, written and read as DeepLabCut's split files.
 */
package org.labpose.net.dataset;
