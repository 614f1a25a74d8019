/**
 * The plain pose data model: {@link org.labpose.core.model.Skeleton}, labelled frames and label
 * sets for training, and {@link org.labpose.core.model.PoseTable} for predictions. Imports no I/O,
 * video or engine code.
 *
 * <p>Coordinates are image pixels, origin at the top-left corner, x to the right, y down. Missing
 * points are {@code NaN}.
 */
package org.labpose.core.model;
