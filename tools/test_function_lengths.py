#!/usr/bin/python3
"""Self-test of tools/function_lengths.py: a tree with an 85-line function fails --max 80 and
names it; the same tree passes --max 90; braces in strings and comments are not counted."""
import subprocess
import sys
import tempfile
from pathlib import Path

SCRIPT = Path(__file__).resolve().parent / "function_lengths.py"


def run(tree, limit):
    return subprocess.run([sys.executable, str(SCRIPT), "--max", str(limit), str(tree)],
                          capture_output=True, text=True)


def main():
    with tempfile.TemporaryDirectory() as d:
        tree = Path(d) / "engine"
        tree.mkdir()
        body = "\n".join(f"  x += {i};  // {{ not a brace" for i in range(83))
        (tree / "long.cpp").write_text(
            "namespace a {\nint long_one(int x) {\n" + body + "\n  return x;\n}\n"
            "int short_one() { const char* s = \"}}}\"; return s[0]; }\n}  // namespace a\n")
        failing, passing = run(tree, 80), run(tree, 90)
        problems = []
        if failing.returncode != 1 or "long_one" not in failing.stdout or \
                "   86  long_one" not in failing.stdout:
            problems.append(f"--max 80 should fail naming long_one (86 lines):\n{failing.stdout}")
        if passing.returncode != 0:
            problems.append(f"--max 90 should pass:\n{passing.stdout}")
        for p in problems:
            print(p)
        print("function_lengths self-test:", "failed" if problems else "ok")
        return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
