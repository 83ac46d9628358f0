#!/usr/bin/python3
# Checks a Sinew results file (study or single run) against docs/results-schema.md: every group,
# dataset and attribute in the file is documented there, every documented one is in the file, and
# every dataset's `units` attribute is the unit the document gives.
"""Usage: /usr/bin/python3 tools/check_results_schema.py results.h5 [docs/results-schema.md]

Reads the tables of the schema document (the names in backticks in each table's first column,
the `units` column where there is one) and compares them with the file. Exit code 0 when the
file matches, 1 with one line per difference otherwise, 2 on bad usage. Debian: python3-h5py.
"""
import os
import re
import sys

import h5py

NAME = re.compile(r"`([^`]+)`")


def cells(line):
    return [c.strip() for c in line.strip().strip("|").split("|")]


def normal_unit(u):
    return u.replace("²", "^2").replace("³", "^3").strip()


class Schema:
    """What docs/results-schema.md documents, table by table."""

    def __init__(self, path):
        self.study_attrs = set()   # root attributes of a study file
        self.arm_attrs = set()     # attributes the study runner adds to an arm
        self.run_attrs = set()     # root attributes of a single run (and of each arm)
        self.datasets = {}         # single-run path pattern -> unit
        self.arm_tables = {}       # "metrics"/"sessions" -> {name: unit}
        self._read(path)

    def _read(self, path):
        with open(path, encoding="utf-8") as f:
            lines = f.read().splitlines()
        part, heading, header, table_index, fence = "", "", None, 0, False
        for i, line in enumerate(lines):
            if line.startswith("```"):
                fence = not fence
                continue
            if fence:
                continue
            if line.startswith("## "):
                part = line
            if line.startswith("#"):
                heading, header, table_index = line, None, 0
                continue
            if not line.startswith("|"):
                header = None
                continue
            if header is None:
                header = [c.lower() for c in cells(line)]
                table_index += 1
                continue
            if set(line.replace("|", "").strip()) <= set("-: "):
                continue
            row = cells(line)
            names = NAME.findall(row[0])
            if not names:
                continue
            unit_col = header.index("units") if "units" in header else None
            units = [normal_unit(u) for u in row[unit_col].split(",")] if unit_col is not None else []
            if len(units) == 1:
                units = units * len(names)
            if units and len(units) != len(names):
                raise ValueError(f"{path}:{i + 1}: {len(names)} names but {len(units)} units")
            study = part.startswith("## Study results file")
            if "Root attributes" in heading:
                (self.study_attrs if study else self.run_attrs).update(names)
            elif study and "Arm attributes" in heading:
                self.arm_attrs.update(names)
            elif study and "/metrics" in heading:
                if table_index > 2:
                    raise ValueError(f"{path}:{i + 1}: a third table under '{heading}'")
                table = "metrics" if table_index == 1 else "sessions"
                for n, u in zip(names, units or [None] * len(names)):
                    self.arm_tables.setdefault(table, {})[n] = u
            elif not study and names[0].startswith("/") and not names[0].startswith("/VTKHDF"):
                for n, u in zip(names, units or [None] * len(names)):
                    self.datasets[n] = u

    def dataset_paths(self):
        """(documented path relative to a run or arm, unit) of every dataset."""
        out = [(path.lstrip("/"), unit) for path, unit in self.datasets.items()]
        for table, names in self.arm_tables.items():
            out += [(f"{table}/{n}", unit) for n, unit in names.items()]
        return out

    def patterns(self):
        """(regex, documented path, unit) of every dataset of one arm / run."""
        return [(path_regex(p), p, u) for p, u in self.dataset_paths()]

    def group_patterns(self):
        """Regexes of the groups the documented datasets live in."""
        groups = {"/".join(p.split("/")[:k]) for p, _ in self.dataset_paths()
                  for k in range(1, p.count("/") + 1)}
        return [path_regex(g) for g in groups]


def path_regex(path):
    """A documented path as a regex: each <placeholder> stands for one path component."""
    parts = re.split(r"(<[^>]+>)", path)
    return re.compile("^" + "".join("[^/]+" if q.startswith("<") else re.escape(q) for q in parts)
                      + "$")


# Attributes every dataset and group may carry (docs/results-schema.md, "Conventions").
DATASET_ATTRS = {"units", "description", "association"}
GROUP_ATTRS = {"description"}


def check_run(group, schema, patterns, groups, label, problems, extra_attrs=frozenset(),
              tables=False):
    documented_attrs = schema.run_attrs | set(extra_attrs)
    attrs = set(group.attrs.keys())
    for a in sorted(attrs - documented_attrs):
        problems.append(f"{label}: attribute '{a}' is not documented")
    for a in sorted(documented_attrs - attrs):
        problems.append(f"{label}: documented attribute '{a}' is missing")

    found = set()

    def visit(name, obj):
        allowed = GROUP_ATTRS if isinstance(obj, h5py.Group) else DATASET_ATTRS
        for a in sorted(set(obj.attrs.keys()) - allowed):
            problems.append(f"{label}/{name}: attribute '{a}' is not documented")
        if not isinstance(obj, h5py.Dataset):
            if not any(rx.match(name) for rx in groups):
                problems.append(f"{label}/{name}: group is not documented")
            if "description" not in obj.attrs:
                problems.append(f"{label}/{name}: group has no 'description'")
            return
        match = [(p, u) for rx, p, u in patterns if rx.match(name)]
        if not match:
            problems.append(f"{label}/{name}: dataset is not documented")
            return
        path, unit = match[0]
        found.add(path)
        if "description" not in obj.attrs:
            problems.append(f"{label}/{name}: no 'description' attribute")
        got = obj.attrs.get("units")
        if isinstance(got, bytes):
            got = got.decode()
        if unit is not None and (got is None or normal_unit(got) != unit):
            problems.append(f"{label}/{name}: units '{got}', documented '{unit}'")

    group.visititems(visit)
    for _, path, _ in patterns:
        if "<" in path or path in found:
            continue  # per-set datasets exist only where such sets do
        if path.startswith("interface/") and "interface" not in group:
            continue  # models without an interface have no /interface
        if path.startswith("fields/contact_"):
            continue  # only models with a `contact` section write the contact fields
        if path.split("/")[0] in ("metrics", "sessions") and not tables:
            continue
        problems.append(f"{label}: documented dataset '{path}' is missing")
    return len(found)


def main(argv):
    if len(argv) not in (2, 3):
        print(__doc__.strip(), file=sys.stderr)
        return 2
    here = os.path.dirname(os.path.abspath(__file__))
    doc = argv[2] if len(argv) == 3 else os.path.join(here, "..", "docs", "results-schema.md")
    schema = Schema(doc)
    if not schema.datasets or not schema.run_attrs:
        print(f"{doc}: no dataset tables found", file=sys.stderr)
        return 2
    patterns, groups = schema.patterns(), schema.group_patterns()
    problems = []
    with h5py.File(argv[1], "r") as f:
        if "arms" in f and "schema" in f.attrs and str(f.attrs["schema"]).startswith("sinew-study"):
            attrs = set(f.attrs.keys())
            for a in sorted(attrs - schema.study_attrs):
                problems.append(f"/: attribute '{a}' is not documented")
            for a in sorted(schema.study_attrs - attrs):
                problems.append(f"/: documented attribute '{a}' is missing")
            for k in f.keys():
                if k != "arms":
                    problems.append(f"/{k}: not documented (a study file holds only /arms)")
            checked = 0
            for name, arm in f["arms"].items():
                if not isinstance(arm, h5py.Group):
                    problems.append(f"/arms/{name}: not a group (an arm is a group)")
                    continue
                checked += check_run(arm, schema, patterns, groups, f"/arms/{name}", problems,
                                     schema.arm_attrs, tables=True)
            summary = f"{len(f['arms'])} arm(s), {checked} datasets"
        else:
            checked = check_run(f, schema, patterns, groups, "", problems)
            summary = f"single run, {checked} datasets"
    for p in problems:
        print(p)
    if problems:
        print(f"{argv[1]}: {len(problems)} difference(s) from {doc}")
        return 1
    print(f"{argv[1]}: matches {os.path.basename(doc)} ({summary})")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
