/** LabPose web module (see the README for its role). */
package org.labpose.web;
