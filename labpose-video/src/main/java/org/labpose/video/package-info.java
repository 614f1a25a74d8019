/** LabPose video module (see the README for its role). */
package org.labpose.video;
