/** Network architectures (MobileNetV2, a tiny test network), the DeepLabCut-style pose head, the manifest of a trained model ({@link org.labpose.net.model.ModelInfo}) and exported model folders. */
package org.labpose.net.model;
