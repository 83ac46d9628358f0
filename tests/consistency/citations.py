#!/usr/bin/python3
"""Citations of the shipped models and docs (docs/references.md):
 1. no file under scenarios/ or docs/ points to a document users do not have (a path under
    /work/, a design folder or the internal domain reference);
 2. every numeric parameter line of scenarios/models/*.yaml (below the file's header comment)
    carries, on the line or in the comment lines just above it, a source (a year), "[D]",
    "assumed", "numerical" or "probe setting";
 3. every author-year citation ("Kitaoka et al. 1994", "Gao & Bower 2004", "Mooney 1940") in
    scenarios/ and docs/ has an entry in docs/references.md.

    citations.py            check the repository
    citations.py --selftest check that each rule rejects a bad example
"""
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
FORBIDDEN = ("/work/", "shared/design", "domain-reference", "domain reference")
TAG = re.compile(r"\[D\]|\bassumed\b|\bnumerical\b|\bprobe setting\b|\b(?:19|20)\d\d\b")
NUMERIC_VALUE = re.compile(r":\s*[\[{]?\s*[-+]?\.?\d")
NAME = r"[A-Z][a-zà-ÿ][A-Za-zÀ-ÿ'-]*"  # a capital then a small letter: not MPa, GPa
CITATION = re.compile(rf"\b({NAME})(?: et al\.|(?:, {NAME})* & {NAME})?,? ((?:19|20)\d\d)\b")


def forbidden_mentions(text):
    low = text.lower()
    return [s for s in FORBIDDEN if s in low]


def untagged_parameters(text):
    """Numeric parameter lines (after the header comment) with no tag on or just above them."""
    lines = text.splitlines()
    start = next((i for i, line in enumerate(lines) if not line.startswith("#")), len(lines))
    bad = []
    for i in range(start, len(lines)):
        code, _, comment = lines[i].partition("#")
        if not NUMERIC_VALUE.search(code):
            continue
        above = []
        j = i - 1
        while j >= start and lines[j].lstrip().startswith("#"):
            above.append(lines[j])
            j -= 1
        if not TAG.search(comment) and not any(TAG.search(c) for c in above):
            bad.append((i + 1, lines[i].strip()))
    return bad


def reference_heads(text):
    """(words, years) of each bold span of docs/references.md."""
    heads = []
    for span in re.findall(r"\*\*(.+?)\*\*", text):
        heads.append((set(re.findall(r"[A-Za-zÀ-ÿ'-]+", span)), set(re.findall(r"\b(?:19|20)\d\d\b", span))))
    return heads


def missing_citations(text, heads):
    missing = set()
    for name, year in CITATION.findall(text):
        if not any(name in words and year in years for words, years in heads):
            missing.add(f"{name} {year}")
    return sorted(missing)


def text_files(folder):
    for path in sorted((ROOT / folder).rglob("*")):
        if path.is_file():
            try:
                yield path, path.read_text()
            except UnicodeDecodeError:
                continue


def check():
    problems = []
    heads = reference_heads((ROOT / "docs" / "references.md").read_text())
    for folder in ("scenarios", "docs"):
        for path, text in text_files(folder):
            rel = path.relative_to(ROOT)
            for s in forbidden_mentions(text):
                problems.append(f"{rel}: mentions '{s}', which users do not have")
            if path.suffix in (".yaml", ".md") and path.name != "references.md":
                for c in missing_citations(text, heads):
                    problems.append(f"{rel}: cites '{c}', which has no entry in docs/references.md")
    models = sorted((ROOT / "scenarios" / "models").glob("*.yaml"))
    if not models:
        problems.append("no scenarios/models/*.yaml found")
    for path in models:
        for line, content in untagged_parameters(path.read_text()):
            problems.append(f"{path.relative_to(ROOT)}:{line}: no source, [D], assumed or numerical tag: {content}")
    return problems


def selftest():
    heads = reference_heads("- **Kitaoka et al. 1994** — Foot Ankle Int.\n- **Mooney 1940** — x")
    cases = [
        (forbidden_mentions("see /work/shared/design/domain-reference.md"), True),
        (forbidden_mentions("see docs/references.md"), False),
        (untagged_parameters("# head\nm:\n  E: 0.5   # MPa\n"), True),
        (untagged_parameters("# head\nm:\n  E: 0.5   # MPa; assumed, plausible range 0.1-2\n"), False),
        (untagged_parameters("# head\nm:\n  # 203.7 N/mm (Kitaoka et al. 1994)\n  k1: 42.5\n"), False),
        (untagged_parameters("# head\nm:\n  # x\n\n  k1: 42.5\n"), True),
        (missing_citations("(Kitaoka et al. 1994; Gao & Bower 2004)", heads), True),
        (missing_citations("(Kitaoka et al. 1994; Mooney 1940)", heads), False),
        (missing_citations("(Kitaoka et al. 1995)", heads), True),
    ]
    failed = [i for i, (result, should_fail) in enumerate(cases) if bool(result) != should_fail]
    for i in failed:
        print(f"selftest case {i} gave {cases[i][0]!r}")
    return not failed


def main():
    if sys.argv[1:] == ["--selftest"]:
        ok = selftest()
        print("selftest passed" if ok else "selftest FAILED")
        return 0 if ok else 1
    problems = check()
    for p in problems:
        print(p)
    print(f"{len(problems)} citation problem(s)" if problems else "citations: all cited, no internal pointers")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
