# (pandas cannot write the table layout with a row MultiIndex, so table fixtures use one-column paths.)
# Makes the pandas-written .h5 label fixtures used by DlcLabelH5Test (run with Debian's python3-pandas
# and python3-tables; the .h5 files are committed so the Java tests need no Python).
import numpy as np
import pandas as pd

nan = np.nan

def frame(multi, rows, split):
    if multi:
        cols = pd.MultiIndex.from_tuples(
            [("LM", ind, bp, c) for ind, bp in [("Animal1", "A"), ("Animal1", "B"), ("Animal2", "A"), ("Animal2", "B"), ("single", "D")] for c in ("x", "y")],
            names=["scorer", "individuals", "bodyparts", "coords"])
    else:
        cols = pd.MultiIndex.from_tuples(
            [("Scorer", bp, c) for bp in ("A", "B", "C") for c in ("x", "y")],
            names=["scorer", "bodyparts", "coords"])
    names = ["img000.png", "img001.png", "img002.png"]
    if split:
        index = pd.MultiIndex.from_tuples([("labeled-data", "video", n) for n in names])
    else:
        index = ["labeled-data/video/" + n for n in names]
    return pd.DataFrame(rows, index=index, columns=cols)

single_rows = [[0.5, 1.25, 2, 3, 4, 5], [12, 13, nan, nan, 15, 16], [nan] * 6]
multi_rows = [[0, 1, 2, 3, 6, 7, 8, 9, nan, nan], [12, 13, nan, nan, 17, 18, 19.5, 20, 22, 23], [nan] * 10]

frame(False, single_rows, False).to_hdf("single_fixed.h5", key="df_with_missing", mode="w", format="fixed")
frame(False, single_rows, True).to_hdf("single_split_fixed.h5", key="df_with_missing", mode="w", format="fixed")
frame(False, single_rows, False).to_hdf("single_table.h5", key="df_with_missing", mode="w", format="table")
frame(True, multi_rows, False).to_hdf("multi_table.h5", key="df_with_missing", mode="w", format="table")
frame(True, multi_rows, True).to_hdf("multi_split_fixed.h5", key="df_with_missing", mode="w", format="fixed")
print("ok")
