/** NumPy {@code .npy} arrays and {@code .npz} archives (read), for pretrained weights exported from Python. */
package org.labpose.core.io.npy;
