# Reads two pandas frames and exits non-zero, saying how they differ, unless they are equal
# (values exactly, NaN where NaN; index and column names and types as pandas compares them).
#   same_frame.py h5 A.h5 B.h5                      both with pandas.read_hdf
#   same_frame.py csv A.h5 B.csv HEADER_ROWS INDEX_COLS   B with pandas.read_csv as DeepLabCut reads it
import sys

import pandas as pd

a = pd.read_hdf(sys.argv[2])
if sys.argv[1] == "h5":
    b = pd.read_hdf(sys.argv[3])
else:
    header, index = int(sys.argv[4]), int(sys.argv[5])
    # round_trip: pandas' default CSV parser may miss the last bit of a 17-digit number
    b = pd.read_csv(sys.argv[3], header=list(range(header)), index_col=list(range(index)) if index > 1 else 0,
                    float_precision="round_trip")
pd.testing.assert_frame_equal(a, b, check_exact=True)
