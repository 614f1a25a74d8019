# Extracts the cached NWB specifications (core 2.9.0, hdmf-common 1.8.0, hdmf-experimental 0.5.0,
# ndx-pose 0.3.0) from the pynwb-written fixture into labpose-core's resources, which the NWB writer
# caches in every file it writes. Run with Debian's python3-h5py:
#   /usr/bin/python3 tools/extract_nwb_specs.py ../shared/data/format-fixtures/nwb/0.3.0_poseestimation_two_cameras.nwb
import os
import sys

import h5py

out = os.path.join(os.path.dirname(__file__), "..", "labpose-core", "src", "main", "resources", "org", "labpose", "core", "io", "nwb", "spec")
f = h5py.File(sys.argv[1], "r")
index = []
for ns in f["specifications"]:
    for version in f["specifications"][ns]:
        for name in f["specifications"][ns][version]:
            text = f["specifications"][ns][version][name][()]
            if isinstance(text, bytes):
                text = text.decode("utf-8")
            path = os.path.join(out, ns, version)
            os.makedirs(path, exist_ok=True)
            with open(os.path.join(path, name + ".json"), "w", encoding="utf-8") as w:
                w.write(text)
            index.append(f"{ns}/{version}/{name}")
with open(os.path.join(out, "index.txt"), "w", encoding="utf-8") as w:
    w.write("\n".join(index) + "\n")
print(len(index), "specification documents")
