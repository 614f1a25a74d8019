/** File helpers shared by every format: atomic writes, CSV tokenising, input errors that name the place. */
package org.labpose.core.io;
