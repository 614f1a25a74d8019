/** Training: configuration, the loss, the training loop with checkpoints and resumption. */
package org.labpose.net.train;
