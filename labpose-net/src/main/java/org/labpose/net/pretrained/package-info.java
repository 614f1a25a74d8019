/**
 * Pretrained weights from package registries: TensorFlow.js models read in Java (manifest and
 * shards, uint8-quantised and float16 decoding, Keras HWIO → OIHW layouts) and mapped onto
 * LabPose's backbones.
 */
package org.labpose.net.pretrained;
