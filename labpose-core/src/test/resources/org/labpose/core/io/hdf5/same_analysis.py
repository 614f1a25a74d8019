# Compares two SLEAP analysis files with h5py: exits non-zero, saying what differs, unless the
# datasets both have (tracks, track_occupancy, node_names, track_names, point_scores, edge_inds)
# hold the same values (NaN where NaN) and the same shapes.
import sys

import h5py
import numpy as np

a = h5py.File(sys.argv[1], "r")
b = h5py.File(sys.argv[2], "r")
checked = []
for name in ["tracks", "track_occupancy", "node_names", "track_names", "point_scores", "edge_inds", "edge_names"]:
    if name in a and name in b:
        x, y = a[name][()], b[name][()]
        if x.shape != y.shape:
            sys.exit(f"{name}: shape {x.shape} vs {y.shape}")
        if x.dtype.kind in "fc":
            same = np.array_equal(x, y, equal_nan=True)
        else:
            same = np.array_equal(x, y)
        if not same:
            sys.exit(f"{name}: values differ")
        checked.append(name)
for name in ["tracks", "track_occupancy", "node_names", "track_names"]:
    if name not in checked:
        sys.exit(f"{name}: missing from one file")
