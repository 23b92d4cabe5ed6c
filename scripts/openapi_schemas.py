#!/usr/bin/env python3
"""Generates core/apiserver/openapi_schemas_data.cc: the OpenAPI v3 schema table the API server
serves under components.schemas.

The field names, types, required lists and enum values are facts of the Kubernetes API: they are
read from the Go types of k8s.io/api and k8s.io/apimachinery (v0.32.4), given as two checkouts:

  scripts/openapi_schemas.py API_DIR APIMACHINERY_DIR > core/apiserver/openapi_schemas_data.cc

The descriptions are kubeplay's own, from scripts/openapi_descriptions.txt (never the upstream
comments). A type or field without a line there gets no description.
"""
import os
import re
import sys

# Go package directory -> OpenAPI schema name prefix.
API_PACKAGES = {
    "core/v1": "io.k8s.api.core.v1",
    "apps/v1": "io.k8s.api.apps.v1",
    "batch/v1": "io.k8s.api.batch.v1",
    "autoscaling/v2": "io.k8s.api.autoscaling.v2",
    "networking/v1": "io.k8s.api.networking.v1",
    "policy/v1": "io.k8s.api.policy.v1",
    "rbac/v1": "io.k8s.api.rbac.v1",
    "scheduling/v1": "io.k8s.api.scheduling.v1",
    "storage/v1": "io.k8s.api.storage.v1",
    "discovery/v1": "io.k8s.api.discovery.v1",
    "coordination/v1": "io.k8s.api.coordination.v1",
    "authentication/v1": "io.k8s.api.authentication.v1",
    "authorization/v1": "io.k8s.api.authorization.v1",
}
IMPORT_PATHS = {"k8s.io/api/" + k: v for k, v in API_PACKAGES.items()}
IMPORT_PATHS["k8s.io/apimachinery/pkg/apis/meta/v1"] = "io.k8s.apimachinery.pkg.apis.meta.v1"
META = "io.k8s.apimachinery.pkg.apis.meta.v1"

# The kinds served, as the resource table names them: schema name -> (group, version, kind).
KINDS = {}
for kind, gv in [
    ("Pod", "core/v1"), ("ReplicationController", "core/v1"), ("Service", "core/v1"),
    ("ConfigMap", "core/v1"), ("Secret", "core/v1"), ("ServiceAccount", "core/v1"),
    ("PersistentVolumeClaim", "core/v1"), ("PersistentVolume", "core/v1"), ("ResourceQuota", "core/v1"),
    ("LimitRange", "core/v1"), ("Endpoints", "core/v1"), ("Event", "core/v1"), ("Namespace", "core/v1"),
    ("Node", "core/v1"),
    ("DaemonSet", "apps/v1"), ("Deployment", "apps/v1"), ("ReplicaSet", "apps/v1"), ("StatefulSet", "apps/v1"),
    ("HorizontalPodAutoscaler", "autoscaling/v2"), ("CronJob", "batch/v1"), ("Job", "batch/v1"),
    ("StorageClass", "storage/v1"), ("Ingress", "networking/v1"), ("IngressClass", "networking/v1"),
    ("NetworkPolicy", "networking/v1"), ("PodDisruptionBudget", "policy/v1"), ("PriorityClass", "scheduling/v1"),
    ("Role", "rbac/v1"), ("RoleBinding", "rbac/v1"), ("ClusterRole", "rbac/v1"), ("ClusterRoleBinding", "rbac/v1"),
    ("SelfSubjectAccessReview", "authorization/v1"), ("SelfSubjectRulesReview", "authorization/v1"),
    ("SelfSubjectReview", "authentication/v1"),
    ("EndpointSlice", "discovery/v1"), ("Lease", "coordination/v1"),
]:
    group = gv.split("/")[0]
    group = "" if group == "core" else (group if group in ("apps", "batch", "autoscaling", "policy") else "rbac.authorization.k8s.io" if group == "rbac" else group + ".k8s.io")
    KINDS[API_PACKAGES[gv] + "." + kind] = (group, gv.split("/")[1], kind)

# Types with a schema of their own (a custom OpenAPI definition upstream), by full name.
SPECIAL = {
    META + ".Time": {"type": "string", "format": "date-time"},
    META + ".MicroTime": {"type": "string", "format": "date-time"},
    META + ".Duration": {"type": "string"},
    META + ".FieldsV1": {"type": "object"},
    "io.k8s.apimachinery.pkg.api.resource.Quantity": {"oneOf": True},
    "io.k8s.apimachinery.pkg.util.intstr.IntOrString": {"intOrString": True},
    "io.k8s.apimachinery.pkg.runtime.RawExtension": {"type": "object"},
}
# Go types outside the parsed packages: their JSON form.
EXTERNAL = {
    "resource.Quantity": ("ref", "io.k8s.apimachinery.pkg.api.resource.Quantity"),
    "intstr.IntOrString": ("ref", "io.k8s.apimachinery.pkg.util.intstr.IntOrString"),
    "runtime.RawExtension": ("ref", "io.k8s.apimachinery.pkg.runtime.RawExtension"),
    "types.UID": ("string", None),
    "types.NodeName": ("string", None),
}
PRIMITIVES = {
    "string": "string", "int32": "integer:int32", "int64": "integer:int64", "int": "integer",
    "bool": "boolean", "float64": "number:double", "[]byte": "string:byte",
}


class Package:
    def __init__(self, prefix):
        self.prefix = prefix
        self.structs = {}   # name -> [(field or None for inline, gotype, optional, required, imports)]
        self.named = {}     # name -> (gotype, enum?, imports)
        self.consts = {}    # type name -> [values]


def parse_dir(path, prefix):
    pkg = Package(prefix)
    for fn in sorted(os.listdir(path)):
        if not fn.endswith(".go"):
            continue
        src = open(os.path.join(path, fn)).read()
        imports = {}
        for m in re.finditer(r'^\s*(\w+)?\s*"(k8s\.io/[^"]+)"', src, re.M):
            alias = m.group(1) or m.group(2).split("/")[-1]
            imports[alias] = m.group(2)
        lines = src.split("\n")
        i = 0
        comments = []
        while i < len(lines):
            line = lines[i]
            s = line.strip()
            if s.startswith("//"):
                comments.append(s)
                i += 1
                continue
            m = re.match(r"^type (\w+) struct \{\s*$", line)
            if m:
                name = m.group(1)
                fields = []
                fc = []
                i += 1
                depth = 0
                while i < len(lines) and not (lines[i].startswith("}") and depth == 0):
                    fl = lines[i].strip()
                    if fl.startswith("//"):
                        fc.append(fl)
                    elif fl:
                        fm = re.match(r"^(?:(\w+)\s+)?([\w.\[\]*]+)\s+`(.*)`", fl)
                        if fm:
                            tags = fm.group(3)
                            jm = re.search(r'json:"([^"]*)"', tags)
                            j = jm.group(1) if jm else ""
                            jname = j.split(",")[0]
                            opts = j.split(",")[1:]
                            ctext = " ".join(fc)
                            optional = "omitempty" in opts or "+optional" in ctext
                            required = "+required" in ctext
                            if jname != "-":
                                inline = jname == ""
                                fields.append((None if inline else jname, fm.group(2), optional and not required, imports))
                        fc = []
                    i += 1
                pkg.structs[name] = (fields, " ".join(comments))
                comments = []
                i += 1
                continue
            m = re.match(r"^type (\w+) ([\w.\[\]*]+)\s*$", line)
            if m:
                pkg.named[m.group(1)] = (m.group(2), any(c.startswith("// +enum") for c in comments), imports)
            m = re.match(r'^\s*\w+\s+(\w+)\s*=\s*"([^"]*)"', line)
            if m:
                pkg.consts.setdefault(m.group(1), []).append(m.group(2))
            comments = []
            i += 1
    return pkg


def main():
    api, am = sys.argv[1], sys.argv[2]
    pkgs = {}
    for d, prefix in API_PACKAGES.items():
        pkgs[prefix] = parse_dir(os.path.join(api, d), prefix)
    pkgs[META] = parse_dir(os.path.join(am, "pkg/apis/meta/v1"), META)
    descriptions = load_descriptions(os.path.join(os.path.dirname(__file__), "openapi_descriptions.txt"))

    def resolve(gotype, pkg, imports):
        """A Go field type -> (kind, detail): ("prim", "string"), ("ref", name), ("array", sub),
        ("map", sub), with enum values for named string types."""
        t = gotype.lstrip("*")
        if t in PRIMITIVES:
            return ("prim", PRIMITIVES[t], None)
        if t.startswith("[]"):
            return ("array", resolve(t[2:], pkg, imports), None)
        if t.startswith("map["):
            return ("map", resolve(t[t.index("]") + 1:], pkg, imports), None)
        if t in EXTERNAL:
            k, v = EXTERNAL[t]
            return ("ref", v, None) if k == "ref" else ("prim", k, None)
        if "." in t:
            alias, name = t.split(".")
            path = imports.get(alias)
            if path not in IMPORT_PATHS:
                raise SystemExit("unknown import for %s" % t)
            return resolve(name, pkgs[IMPORT_PATHS[path]], {})
        full = pkg.prefix + "." + t
        if full in SPECIAL or t in pkg.structs:
            return ("ref", full, None)
        if t in pkg.named:
            under, enum, imps = pkg.named[t]
            r = resolve(under, pkg, imps)
            if enum and r[0] == "prim":
                return (r[0], r[1], sorted(set(pkg.consts.get(t, []))))
            return r
        raise SystemExit("unknown type %s in %s" % (t, pkg.prefix))

    out_types = {}

    def visit(full):
        if full in out_types:
            return
        if full in SPECIAL:
            out_types[full] = ("special", SPECIAL[full])
            return
        prefix, name = full.rsplit(".", 1)
        pkg = pkgs[prefix]
        fields, _ = pkg.structs[name]
        rows = []
        out_types[full] = ("struct", rows)

        def add(fields, pkg):
            for jname, gotype, optional, imports in fields:
                if jname is None:  # inlined struct: its members become ours
                    t = gotype.lstrip("*")
                    if "." in t:
                        alias, n = t.split(".")
                        ip = pkgs[IMPORT_PATHS[imports[alias]]]
                    else:
                        ip, n = pkg, t
                    add(ip.structs[n][0], ip)
                    continue
                r = resolve(gotype, pkg, imports)
                rows.append((jname, r, not optional))
                walk(r)

        def walk(r):
            if r[0] == "ref":
                visit(r[1])
            elif r[0] in ("array", "map"):
                walk(r[1])

        add(fields, pkg)

    for full in KINDS:
        visit(full)

    emit(out_types, descriptions)


def load_descriptions(path):
    """Lines `Type: text` start a type (Type is the short schema name, as PodSpec, or the full
    one when short names clash); indented `field: text` lines under it describe its fields.
    A line ending in a backslash continues on the next; `\\n` is a line break."""
    d = {}
    cur = None
    if not os.path.exists(path):
        return d
    buf = ""
    for raw in open(path):
        raw = raw.rstrip("\n")
        if raw.endswith("\\"):
            buf += raw[:-1]
            continue
        line = buf + raw
        buf = ""
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        key, _, text = line.strip().partition(":")
        text = text.strip().replace("\\n", "\n")
        if line[0] != " ":
            cur = key.strip()
            d[cur] = text
        else:
            d[cur + "." + key.strip()] = text
    return d


def cstr(s):
    return '"' + s.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n") + '"'


def type_code(r):
    if r[0] == "prim":
        return r[1], "", "|".join(r[2] or [])
    if r[0] == "ref":
        return "ref", r[1], ""
    sub, ref, enum = type_code(r[1])
    return ("[]" if r[0] == "array" else "map[]") + sub, ref, enum


def emit(types, descriptions):
    names = sorted(types)
    shorts = {}
    for n in names:
        shorts.setdefault(n.rsplit(".", 1)[1], []).append(n)

    def desc(full, field=None):
        short = full.rsplit(".", 1)[1]
        for key in ([full] if len(shorts[short]) > 1 else [short, full]):
            k = key + ("." + field if field else "")
            if k in descriptions:
                return descriptions[k]
        # A type that repeats another's fields takes that one's descriptions of them.
        twin = {"EphemeralContainer": "Container", "PersistentVolumeSpec": "Volume"}.get(short) or (
            short.replace("PersistentVolumeSource", "VolumeSource") if "PersistentVolumeSource" in short else None)
        if twin and (field or twin.endswith("VolumeSource")):
            k = twin + ("." + field if field else "")
            if k in descriptions:
                return descriptions[k]
        # The shared descriptions: the object fields only for the kinds themselves.
        if field and (full in KINDS or field not in ("apiVersion", "kind", "metadata", "spec", "status")):
            return descriptions.get("*." + field, "")
        return ""

    print("// Generated by scripts/openapi_schemas.py from the Go types of k8s.io/api and")
    print("// k8s.io/apimachinery v0.32.4 (names, types, required fields, enum values) and")
    print("// scripts/openapi_descriptions.txt (kubeplay's own descriptions). Do not edit by hand.")
    print('#include "core/apiserver/openapi_schemas.h"')
    print()
    print("namespace kp::openapi {")
    print("namespace {")
    print()
    for n in names:
        kind, data = types[n]
        if kind != "struct":
            continue
        ident = n.replace(".", "_")
        print("const FieldRow k_%s[] = {" % ident)
        for jname, r, required in data:
            t, ref, enum = type_code(r)
            print("    {%s, %s, %s, %s, %s, %s}," % (cstr(jname), cstr(t), cstr(ref), "true" if required else "false",
                                                     cstr(enum), cstr(desc(n, jname))))
        print("};")
    print()
    print("}  // namespace")
    print()
    print("const std::vector<TypeRow>& typeTable() {")
    print("  static const std::vector<TypeRow> all = {")
    for n in names:
        kind, data = types[n]
        g, v, k = KINDS.get(n, ("", "", ""))
        if kind == "struct":
            fields = "k_%s, sizeof k_%s / sizeof k_%s[0]" % ((n.replace(".", "_"),) * 3)
            t = "object"
        else:
            fields = "nullptr, 0"
            t = "oneOf" if data.get("oneOf") else "intOrString" if data.get("intOrString") else data["type"]
            if data.get("format"):
                t += ":" + data["format"]
        print("      {%s, %s, %s, %s, %s, %s, %s}," % (cstr(n), cstr(t), cstr(desc(n)), cstr(g), cstr(v), cstr(k), fields))
    print("  };")
    print("  return all;")
    print("}")
    print()
    print("}  // namespace kp::openapi")


if __name__ == "__main__":
    main()
