# Checks with h5py that an NWB file LabPose wrote has the structure of the ndx-pose fixture pynwb
# wrote, and what the ndx-pose spec requires; exits non-zero saying what is wrong.
#   nwb_structure.py OURS.nwb FIXTURE.nwb ndx-pose.extensions.yaml
import json
import re
import sys

import h5py
import yaml

ours = h5py.File(sys.argv[1], "r")
ref = h5py.File(sys.argv[2], "r")
spec = yaml.safe_load(open(sys.argv[3]))["groups"]
problems = []
uuid = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$")


def text(v):
    return v.decode() if isinstance(v, bytes) else str(v)


# the root: attributes, required datasets and groups, the reference to the cached specifications
for a in ["namespace", "neurodata_type", "nwb_version", "object_id", ".specloc"]:
    if a not in ours.attrs:
        problems.append(f"root attribute {a} missing")
if ".specloc" in ours.attrs and ours[ours.attrs[".specloc"]].name != "/specifications":
    problems.append(".specloc does not refer to /specifications")
for name in ref:
    if name not in ours and name != "general":
        problems.append(f"/{name} missing")
for name in ["stimulus/presentation", "stimulus/templates", "general"]:
    if name not in ours:
        problems.append(f"/{name} missing")

# every typed group: its attributes, and the datasets the fixture's groups of that type have
def typed(f):
    out = {}
    def visit(name, obj):
        if isinstance(obj, h5py.Group) and "neurodata_type" in obj.attrs and not name.startswith("specifications"):
            out.setdefault(text(obj.attrs["neurodata_type"]), []).append(obj)
    f.visititems(visit)
    return out

ot, rt = typed(ours), typed(ref)
optional = {g["neurodata_type_def"]: [d["name"] for d in g.get("datasets", []) if d.get("quantity") in ("?", "*")] for g in spec}
ids = []
for kind in ["ProcessingModule", "Skeletons", "Skeleton", "PoseEstimation", "PoseEstimationSeries"]:
    if kind not in ot:
        problems.append(f"no {kind} group")
        continue
    model = rt[kind][0]
    for g in ot[kind]:
        for a in model.attrs:
            if a not in g.attrs:
                problems.append(f"{g.name}: attribute {a} missing")
        if text(g.attrs["namespace"]) != text(model.attrs["namespace"]):
            problems.append(f"{g.name}: namespace {g.attrs['namespace']}")
        ids.append(text(g.attrs["object_id"]))
        for child in model:
            link = model.get(child, getlink=True)
            if isinstance(link, h5py.SoftLink):
                continue
            if isinstance(model[child], h5py.Dataset) and child not in ("labeled_videos",):
                if child not in g:
                    if child not in optional.get(kind, []):
                        problems.append(f"{g.name}/{child} missing")
                    continue
                a, b = g[child], model[child]
                if a.dtype.kind in "fiu" and b.dtype.kind in "fiu" and a.dtype.kind != b.dtype.kind and {a.dtype.kind, b.dtype.kind} != {"i", "u"}:
                    problems.append(f"{g.name}/{child}: dtype {a.dtype} where pynwb wrote {b.dtype}")
                if a.ndim != b.ndim:
                    problems.append(f"{g.name}/{child}: {a.ndim} dimensions where pynwb wrote {b.ndim}")
                for attr in b.attrs:
                    if attr not in a.attrs:
                        problems.append(f"{g.name}/{child}: attribute {attr} missing")
for i in ids:
    if not uuid.match(i):
        problems.append(f"object_id {i} is not a UUID 4")
if len(set(ids)) != len(ids):
    problems.append("object_id values repeat")

# the spec's required datasets and the skeleton link
required = {g["neurodata_type_def"]: [d["name"] for d in g.get("datasets", []) if d.get("quantity", 1) not in ("?", "*", 0)] for g in spec}
for kind in ["Skeleton", "PoseEstimationSeries", "PoseEstimation"]:
    for g in ot.get(kind, []):
        for d in required.get(kind, []):
            if d not in g:
                problems.append(f"{g.name}: {d}, required by ndx-pose, missing")
for g in ot.get("PoseEstimation", []):
    skeletons = [g.get(n, getlink=True) for n in g if isinstance(g.get(n, getlink=True), h5py.SoftLink)]
    if not any(text(g[n].attrs.get("neurodata_type", "")) == "Skeleton" for n in g if isinstance(g.get(n, getlink=True), h5py.SoftLink)):
        problems.append(f"{g.name}: no soft link to a Skeleton")

# labelled frames (PoseTraining), when written: the spec's required parts, typed, linked
required_groups = {g["neurodata_type_def"]: [x["name"] for x in g.get("groups", []) if "name" in x and x.get("quantity", 1) not in ("?", "*", 0)]
                   for g in spec}
for kind in ["PoseTraining", "TrainingFrames", "TrainingFrame", "SkeletonInstances", "SkeletonInstance"]:
    for g in ot.get(kind, []):
        if text(g.attrs["namespace"]) != "ndx-pose":
            problems.append(f"{g.name}: namespace {g.attrs['namespace']}")
        ids.append(text(g.attrs["object_id"]))
        for d in required.get(kind, []) + required_groups.get(kind, []):
            if d not in g:
                problems.append(f"{g.name}: {d}, required by ndx-pose, missing")
for g in ot.get("SkeletonInstance", []):
    if g["node_locations"].ndim != 2 or g["node_locations"].shape[1] not in (2, 3) or g["node_locations"].dtype.kind != "f":
        problems.append(f"{g.name}/node_locations: shape {g['node_locations'].shape}, {g['node_locations'].dtype}")
    if not any(isinstance(g.get(n, getlink=True), h5py.SoftLink) and text(g[n].attrs.get("neurodata_type", "")) == "Skeleton" for n in g):
        problems.append(f"{g.name}: no soft link to a Skeleton")
if len(set(ids)) != len(ids):
    problems.append("object_id values repeat")

# the cached specifications, as pynwb caches them
for ns in ["core", "hdmf-common", "ndx-pose"]:
    for version in ref["specifications"][ns]:
        for doc in ref["specifications"][ns][version]:
            path = f"specifications/{ns}/{version}/{doc}"
            if path not in ours:
                problems.append(f"/{path} missing")
            elif json.loads(text(ours[path][()])) != json.loads(text(ref[path][()])):
                problems.append(f"/{path} differs")

if problems:
    sys.exit("\n".join(problems))
