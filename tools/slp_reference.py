# Reads every .slp fixture with h5py (Debian's python3-h5py), independently of LabPose, and writes
# what SlpFileTest compares with: per file the format version, node and track names, frames, user and
# predicted instances, visible points, and sums of their coordinates and scores (format versions before
# 1.1 stored pixel centres at +0.5, as sleap-io corrects). Output committed as
# labpose-core/src/test/resources/org/labpose/core/io/sleap/slp_reference.json:
#   /usr/bin/python3 tools/slp_reference.py ../shared/data/format-fixtures
import json
import os
import sys

import h5py
import numpy as np

root = sys.argv[1]
out = {}
for dirpath, _, names in sorted(os.walk(root)):
    for name in sorted(names):
        if not name.endswith(".slp"):
            continue
        path = os.path.join(dirpath, name)
        f = h5py.File(path, "r")
        meta = json.loads(f["metadata"].attrs["json"])
        fmt = float(f["metadata"].attrs["format_id"])
        shift = -0.5 if fmt < 1.1 else 0.0
        nodes = [n["name"] for n in meta["nodes"]]
        tracks = [json.loads(t)[1] if t.strip().startswith("[") else json.loads(t)["name"] for t in
                  [x.decode() if isinstance(x, bytes) else x for x in f["tracks_json"][()]]] if "tracks_json" in f else []
        inst = f["instances"][()]
        pts = f["points"][()]
        pred = f["pred_points"][()] if "pred_points" in f and len(f["pred_points"]) else None
        user = inst[inst["instance_type"] == 0]
        predicted = inst[inst["instance_type"] == 1]
        sums = {"user_visible": 0, "user_x": 0.0, "user_y": 0.0, "pred_visible": 0, "pred_x": 0.0, "pred_y": 0.0, "pred_score": 0.0}
        for i in user:
            p = pts[i["point_id_start"]:i["point_id_end"]]
            v = p["visible"] & np.isfinite(p["x"]) & np.isfinite(p["y"])
            sums["user_visible"] += int(v.sum())
            sums["user_x"] += float((p["x"][v] + shift).sum())
            sums["user_y"] += float((p["y"][v] + shift).sum())
        for i in predicted:
            p = pred[i["point_id_start"]:i["point_id_end"]]
            v = p["visible"] & np.isfinite(p["x"]) & np.isfinite(p["y"])
            sums["pred_visible"] += int(v.sum())
            sums["pred_x"] += float((p["x"][v] + shift).sum())
            sums["pred_y"] += float((p["y"][v] + shift).sum())
            sums["pred_score"] += float(p["score"][v].sum())
        rel = os.path.relpath(path, root).replace(os.sep, "/")
        per_instance = int(inst[0]["point_id_end"] - inst[0]["point_id_start"]) if len(inst) else len(nodes)
        out[rel] = {"format_id": fmt, "nodes": per_instance, "tracks": tracks, "frames": int(len(f["frames"])),
                    "user_instances": int(len(user)), "predicted_instances": int(len(predicted)), **sums}
print(json.dumps(out, indent=1, sort_keys=True))
