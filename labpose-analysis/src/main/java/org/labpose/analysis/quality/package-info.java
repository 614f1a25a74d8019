/** Label audits: duplicate images, points outside the image, swapped left/right labels, outlying points. */
package org.labpose.analysis.quality;
