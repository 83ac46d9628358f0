#!/usr/bin/python3
"""The output-field table of the engine (`sinew fields --json`) against every list of fields
kept outside it: the dataset rows of docs/results-schema.md, the viewer's fields
(viz/selection.cpp: known_fields() and fields_not_shown()) and tools/print_results.py's FIELDS.
A field missing from a list, or a list naming a field the table does not have, fails.

    field_lists.py SINEW_BINARY
"""
import importlib.util
import json
import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def table(binary):
    out = subprocess.run([binary, "fields", "--json"], check=True, capture_output=True, text=True)
    return {f["path"].lstrip("/"): f for f in json.loads(out.stdout)["fields"]}


def schema_rows():
    """path -> (shape, units) of the per-step field rows of the single-run schema."""
    rows = {}
    text = (ROOT / "docs" / "results-schema.md").read_text()
    single = text[text.index("## Single-run results file"):]
    for m in re.finditer(r"^\| `/((?:interface/)?fields/[a-z_]+)` \| \(([^)]*)\) \| float64 \| ([^|]+?) \|",
                         single, re.M):
        rows[m.group(1)] = ([d.strip() for d in m.group(2).split(",")], m.group(3).strip())
    return rows


def viz_fields():
    text = (ROOT / "viz" / "selection.cpp").read_text()
    known = text[text.index("known_fields()"):text.index("fields_not_shown()")]
    shown = {m.group(1) for m in re.finditer(r'\{"\w+", "([\w/]+)",\s*FieldKind::(?!StaticCell)', known)}
    hidden_src = text[text.index("fields_not_shown()"):text.index("find_field(")]
    hidden = set(re.findall(r'"([\w/]+)"', hidden_src))
    return shown, hidden


def print_results_fields():
    spec = importlib.util.spec_from_file_location("print_results", ROOT / "tools" / "print_results.py")
    module = importlib.util.module_from_spec(spec)
    try:
        spec.loader.exec_module(module)
    except ImportError as e:  # h5py missing: only FIELDS is wanted, read it from the text
        raise SystemExit(f"cannot import tools/print_results.py: {e}")
    return dict(module.FIELDS)


def compare(name, listed, expected, problems):
    for p in sorted(set(expected) - set(listed)):
        problems.append(f"{name}: missing {p}")
    for p in sorted(set(listed) - set(expected)):
        problems.append(f"{name}: {p} is not in the output-field table")


def main():
    if len(sys.argv) != 2:
        print(__doc__)
        return 2
    fields = table(sys.argv[1])
    problems = []

    docs = schema_rows()
    compare("docs/results-schema.md", docs, fields, problems)
    for path, (shape, units) in docs.items():
        if path not in fields:
            continue
        f = fields[path]
        want_rank = 2 if f["components"] == 1 else 3
        if units != f["units"].replace("^2", "²"):
            problems.append(f"docs/results-schema.md: {path} has units {units}, the table {f['units']}")
        if len(shape) != want_rank or (want_rank == 3 and shape[2] != str(f["components"])):
            problems.append(f"docs/results-schema.md: {path} has shape ({', '.join(shape)}), the "
                            f"table {f['components']} component(s)")

    shown, hidden = viz_fields()
    compare("viz/selection.cpp", shown | hidden, fields, problems)
    for p in sorted(shown & hidden):
        problems.append(f"viz/selection.cpp: {p} is both shown and not shown")

    listed = print_results_fields()
    compare("tools/print_results.py", listed, fields, problems)
    for path, units in listed.items():
        if path in fields and units != fields[path]["units"]:
            problems.append(f"tools/print_results.py: {path} has units {units}, the table "
                            f"{fields[path]['units']}")

    for p in problems:
        print(p)
    print(f"{len(fields)} fields in the table; {len(problems)} problem(s)")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
