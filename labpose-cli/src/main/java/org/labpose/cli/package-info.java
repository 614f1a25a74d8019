/**
 * The {@code labpose} command line: one picocli command per pipeline stage. Commands print results
 * to standard output and problems to standard error; bad input exits with status 2 and one line
 * naming the file, the place and what was expected.
 */
package org.labpose.cli;
