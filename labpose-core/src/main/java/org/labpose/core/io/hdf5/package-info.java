/** HDF5 files opened for reading only after checks that they are whole (jhdf underneath). */
package org.labpose.core.io.hdf5;
