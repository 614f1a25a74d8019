/**
 * DeepLabCut-compatible projects: the {@code config.yaml} keys ({@link
 * org.labpose.core.project.ProjectConfig}) and the folder layout with every path resolved in one
 * place ({@link org.labpose.core.project.Project}).
 */
package org.labpose.core.project;
