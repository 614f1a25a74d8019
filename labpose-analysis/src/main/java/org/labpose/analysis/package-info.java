/** From poses to behaviour: filters, kinematics, assays and statistics over {@link org.labpose.core.model.PoseTable}s. */
package org.labpose.analysis;
