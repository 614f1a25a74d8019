/** LabPose net module (see the README for its role). */
package org.labpose.net;
