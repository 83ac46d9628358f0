#!/usr/bin/python3
# Checks the module include rules of engine/modules.txt (explained in docs/architecture.md) on
# every C++ source in engine/, tools/ and viz/: a module includes only the modules below it, and
# the physics modules include no HDF5, VTK, yaml-cpp, MPI or CLI11 headers. The table must match
# the DEPS of engine/CMakeLists.txt: a module may include exactly the modules it links.
"""Usage: python3 tools/check_includes.py [SOURCE_DIR]

Exit code 0 when every include obeys the table, 1 with one line per violation
(file:line, the include, the rule) otherwise, 2 when the table itself is malformed.
Violations listed as `known` in the table are printed but do not fail; a `known` entry that
no longer matches an include fails, so the list only shrinks.
"""
import fnmatch
import os
import re
import sys

SOURCE_SUFFIXES = (".cpp", ".hpp", ".h", ".cc", ".hh", ".ipp")
SCANNED = ("engine", "tools", "viz")
INCLUDE = re.compile(r'^\s*#\s*include\s*([<"])([^>"]+)[>"]')
MODULE_CALL = re.compile(r"\bsinew_module\s*\(\s*(\w+)([^)]*)\)")


class TableError(Exception):
    pass


class Rules:
    """The parsed engine/modules.txt."""

    def __init__(self, path):
        self.path = path
        self.allowed = {}    # module -> set of modules it may include besides itself
        self.physics = []    # modules that include no third-party I/O, MPI or CLI headers
        self.families = []   # (family, [patterns], set of modules that may include them)
        self.known = {}      # (file, include as written) -> reason
        with open(path, encoding="utf-8") as f:
            for number, line in enumerate(f, 1):
                line = line.strip()
                if line and not line.startswith("#"):
                    self._parse(line, number)
        self._validate()

    def _parse(self, line, number):
        where = f"{self.path}:{number}"
        if line.startswith("module "):
            name, _, rest = line[len("module "):].partition(":")
            self.allowed[name.strip()] = set(rest.split())
        elif line.startswith("physics:"):
            self.physics = line[len("physics:"):].split()
        elif line.startswith("headers "):
            head, _, modules = line[len("headers "):].partition("|")
            family, _, patterns = head.partition("=")
            if not patterns.split():
                raise TableError(f"{where}: expected 'headers <family> = <patterns> | <modules>'")
            self.families.append((family.strip(), patterns.split(), set(modules.split())))
        elif line.startswith("known "):
            spec, _, reason = line[len("known "):].partition(": ")
            parts = spec.split(None, 1)
            if len(parts) != 2 or not reason.strip():
                raise TableError(f"{where}: expected 'known <file> <include>: <reason>'")
            self.known[(parts[0], parts[1].strip())] = reason.strip()
        else:
            raise TableError(f"{where}: cannot read '{line}'")

    def _validate(self):
        for module, allowed in self.allowed.items():
            unknown = allowed - set(self.allowed)
            if unknown:
                raise TableError(f"{self.path}: {module} may include unknown {sorted(unknown)}")
        for module in self.physics:
            if module not in self.allowed:
                raise TableError(f"{self.path}: physics module '{module}' is not a module")
            for family, _, users in self.families:
                if module in users:
                    raise TableError(f"{self.path}: physics module '{module}' may not use {family}")
        self._check_acyclic()

    def _check_acyclic(self):
        # A cycle would make "lower" and "higher" meaningless.
        state = {}

        def visit(module, path):
            if state.get(module) == "done":
                return
            if state.get(module) == "open":
                raise TableError(f"{self.path}: include cycle {' -> '.join(path + [module])}")
            state[module] = "open"
            for dep in sorted(self.allowed[module] - {module}):
                visit(dep, path + [module])
            state[module] = "done"

        for module in sorted(self.allowed):
            visit(module, [])


def module_of(relpath):
    parts = relpath.split("/")
    if parts[0] == "engine":
        return parts[1] if len(parts) > 2 else None
    return parts[0]


def sources(root):
    for top in SCANNED:
        for folder, dirs, files in os.walk(os.path.join(root, top)):
            dirs.sort()
            for name in sorted(files):
                if name.endswith(SOURCE_SUFFIXES):
                    yield os.path.relpath(os.path.join(folder, name), root).replace(os.sep, "/")


def may_use(users, module, relpath):
    """Whether a family's users (module names, or engine/-relative file globs such as
    model/*_reader.cpp) include the file `relpath` of `module`."""
    inside = relpath[len("engine/"):] if relpath.startswith("engine/") else relpath
    return module in users or any("/" in u and fnmatch.fnmatch(inside, u) for u in users)


def family_violation(rules, module, relpath, target):
    """The header-family rule `target` breaks: families list bracket globs (yaml-cpp/*) and
    quoted project headers that expose them ("model/yaml_node.hpp")."""
    kind, name = target[0], target[1:-1]
    for family, patterns, users in rules.families:
        hit = any(fnmatch.fnmatch(name, p) for p in patterns if not p.startswith('"')) \
            if kind == "<" else target in patterns
        if hit and not may_use(users, module, relpath):
            if module in rules.physics:
                return f"physics module {module} includes no {family} header (docs/architecture.md)"
            who = " ".join(sorted(users))
            return f"only {who} include {family} headers (engine/modules.txt)"
    return None


def violations(rules, module, target, relpath=""):
    """The rule a `#include` of `target` (bracket kind included) breaks in `module`, or None."""
    kind, name = target[0], target[1:-1]
    family = family_violation(rules, module, relpath, target)
    if family:
        return family
    if kind == '"':
        if name.startswith("../") or "/../" in name:
            return "includes are rooted at engine/ (or the file's own folder), never '../'"
        if "/" not in name:
            return None  # the file's own folder
        first = name.split("/", 1)[0]
        if first == module:
            return None
        if first not in rules.allowed:
            return f"'{first}/' is not a module of engine/modules.txt"
        if first not in rules.allowed[module]:
            if not rules.allowed[module]:
                return f"{module} includes no other module (engine/modules.txt)"
            below = " ".join(sorted(rules.allowed[module]))
            return f"{module} may include only {below} (engine/modules.txt)"
        return None
    return None


def linked_modules(cmake_file):
    """module -> the modules it links, directly or not, from the sinew_module() DEPS."""
    if not os.path.isfile(cmake_file):
        return {}
    with open(cmake_file, encoding="utf-8") as f:
        text = "\n".join(line.split("#", 1)[0] for line in f.read().splitlines())
    direct = {}
    for call in MODULE_CALL.finditer(text):
        deps = call.group(2).split("DEPS", 1)[1].split() if "DEPS" in call.group(2) else []
        direct[call.group(1)] = {d[len("sinew_"):] for d in deps if d.startswith("sinew_")}

    def closure(module, seen):
        for dep in direct.get(module, ()):
            if dep not in seen:
                seen.add(dep)
                closure(dep, seen)
        return seen

    return {module: closure(module, set()) for module in direct}


def table_matches_build(rules, root):
    """A module may include exactly the modules it links (modules not yet built are skipped)."""
    failures = []
    linked = linked_modules(os.path.join(root, "engine", "CMakeLists.txt"))
    for module, links in sorted(linked.items()):
        if module not in rules.allowed:
            continue  # reported for its sources
        allowed = rules.allowed[module] & set(linked)
        if allowed != links:
            failures.append(
                f"engine/modules.txt: {module} may include {' '.join(sorted(allowed)) or '-'} but "
                f"engine/CMakeLists.txt links {' '.join(sorted(links)) or '-'}")
    return failures


def check(root):
    rules = Rules(os.path.join(root, "engine", "modules.txt"))
    failures, tolerated, seen_known, n_files = table_matches_build(rules, root), [], set(), 0
    for relpath in sources(root):
        module = module_of(relpath)
        if module is None:
            continue
        n_files += 1
        if module not in rules.allowed:
            failures.append(f"{relpath}: module '{module}' is missing from engine/modules.txt")
            continue
        with open(os.path.join(root, relpath), encoding="utf-8", errors="replace") as f:
            for number, line in enumerate(f, 1):
                match = INCLUDE.match(line)
                if not match:
                    continue
                closing = ">" if match.group(1) == "<" else '"'
                target = match.group(1) + match.group(2) + closing
                rule = violations(rules, module, target, relpath)
                if rule is None:
                    continue
                entry = f"{relpath}:{number}: #include {target}: {rule}"
                if (relpath, target) in rules.known:
                    seen_known.add((relpath, target))
                    tolerated.append(f"{entry} [known: {rules.known[(relpath, target)]}]")
                else:
                    failures.append(entry)
    for relpath, target in sorted(set(rules.known) - seen_known):
        failures.append(f"engine/modules.txt: known violation '{relpath} {target}' is gone: "
                        "remove its line")
    return n_files, failures, tolerated


def main(argv):
    root = argv[1] if len(argv) > 1 else os.path.join(os.path.dirname(__file__), "..")
    try:
        n_files, failures, tolerated = check(os.path.abspath(root))
    except (TableError, OSError) as e:
        print(f"check_includes: {e}", file=sys.stderr)
        return 2
    for line in tolerated:
        print(line)
    for line in failures:
        print(line, file=sys.stderr)
    print(f"check_includes: {n_files} files, {len(failures)} violations, "
          f"{len(tolerated)} known")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
