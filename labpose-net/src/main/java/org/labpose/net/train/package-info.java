/** Training: configuration, the loss, the training loop with checkpoints and resumption, and a project shuffle trained end to end ({@link org.labpose.net.train.ProjectTraining}). */
package org.labpose.net.train;
