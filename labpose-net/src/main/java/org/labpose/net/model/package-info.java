/** Network architectures (MobileNetV2, a tiny test network) and the DeepLabCut-style pose head. */
package org.labpose.net.model;
