#!/usr/bin/python3
"""Lists the longest C++ function bodies in the given folders (default: engine tools viz).

    function_lengths.py [--max N] [--top K] [DIR ...]

A function is a brace block at namespace or class level whose opening line looks like a
definition (a parenthesised parameter list before the brace). Lengths count the lines from the
signature to the closing brace. With --max N it exits 1 when any function is longer than N lines.
It reads text only (comments and strings are stripped first), so it is an estimate, not a parser.
"""
import re
import sys
from pathlib import Path

STRIP = re.compile(r'//[^\n]*|/\*.*?\*/|"(?:\\.|[^"\\\n])*"|\'(?:\\.|[^\'\\\n])*\'', re.S)
SIGNATURE = re.compile(r'([~\w:<>,\s\*&]+?)\s*\(([^;{}]*)\)\s*(const)?\s*(noexcept)?\s*(override)?'
                       r'\s*(->\s*[\w:<>\s\*&]+)?\s*(:[^;{]*)?$', re.S)
CONTROL = {"if", "for", "while", "switch", "catch", "return", "sizeof", "else", "do"}


def blank_out(match):
    text = match.group(0)
    return re.sub(r'[^\n]', ' ', text) if not text.startswith('"') and not text.startswith("'") \
        else '"' + re.sub(r'[^\n]', ' ', text[1:-1]) + '"'


def functions(path):
    text = STRIP.sub(blank_out, path.read_text(errors="replace"))
    results, depth, stack, start = [], 0, [], 0
    for i, ch in enumerate(text):
        if ch == '{':
            head = text[start:i]
            is_function = False
            m = SIGNATURE.search(head.strip().split(';')[-1]) if head.strip() else None
            if m and not stack_in_function(stack):
                name = m.group(1).split()[-1] if m.group(1).split() else ""
                is_function = name not in CONTROL and not name.endswith("=")
            line = text.count('\n', 0, i) + 1
            sig_line = line - head.rstrip().count('\n') if head.strip() else line
            first = text.count('\n', 0, start + len(head) - len(head.lstrip())) + 1
            stack.append((is_function, first, m.group(1).split()[-1] if is_function else ""))
            start = i + 1
        elif ch == '}':
            if stack:
                is_function, first, name = stack.pop()
                if is_function:
                    last = text.count('\n', 0, i) + 1
                    results.append((last - first + 1, name, first))
            start = i + 1
        elif ch == ';':
            start = i + 1
    return results


def stack_in_function(stack):
    return any(f for f, _, _ in stack)


def main():
    args = sys.argv[1:]
    limit = int(args[args.index("--max") + 1]) if "--max" in args else None
    top = int(args[args.index("--top") + 1]) if "--top" in args else 15
    dirs = [a for i, a in enumerate(args) if not a.startswith("--") and
            (i == 0 or args[i - 1] not in ("--max", "--top"))] or ["engine", "tools", "viz"]
    found = []
    for d in dirs:
        for p in sorted(Path(d).rglob("*.[ch]pp")):
            found += [(n, f"{p}:{line}", name) for n, name, line in functions(p)]
    found.sort(reverse=True)
    for n, where, name in found[:top]:
        print(f"{n:5d}  {name}  {where}")
    over = [f for f in found if limit and f[0] > limit]
    if limit:
        print(f"{len(over)} function(s) over {limit} lines")
    return 1 if over else 0


if __name__ == "__main__":
    sys.exit(main())
