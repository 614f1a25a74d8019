/** Plain in-memory images shared by the video and network modules (no AWT, no native code). */
package org.labpose.core.image;
