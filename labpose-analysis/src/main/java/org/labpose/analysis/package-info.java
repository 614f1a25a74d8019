/** LabPose analysis module (see the README for its role). */
package org.labpose.analysis;
