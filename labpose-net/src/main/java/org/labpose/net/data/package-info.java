/** Training samples: images with keypoints, exact geometric and photometric augmentation, target maps. */
package org.labpose.net.data;
