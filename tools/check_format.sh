#!/usr/bin/env bash
# Checks every C++ source in engine/, tools/, viz/, tests/ and benchmarks/ against .clang-format
# without changing any file. Lists the files that need formatting and exits 1 when there are any.
#   tools/check_format.sh [-v]     (-v: also print clang-format's diagnostics)
# Fix a file with: clang-format -i FILE (Debian: clang-format).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$here"
verbose=0
if [ "${1:-}" = "-v" ]; then verbose=1; fi
if ! command -v clang-format >/dev/null; then
  echo "check_format: clang-format not found (Debian: apt-get install clang-format)" >&2
  exit 2
fi

mapfile -t files < <(git ls-files --cached --others --exclude-standard -- 'engine/*.cpp' 'engine/*.hpp' 'engine/*.h' 'tools/*.cpp' \
  'tools/*.hpp' 'viz/*.cpp' 'viz/*.hpp' 'tests/*.cpp' 'tests/*.hpp' 'benchmarks/*.cpp' \
  'benchmarks/*.hpp')
bad=()
for f in "${files[@]}"; do
  if ! out="$(clang-format --dry-run -Werror --style=file "$f" 2>&1)"; then
    bad+=("$f")
    if [ "$verbose" = 1 ]; then echo "$out"; fi
  fi
done
if [ ${#bad[@]} -gt 0 ]; then
  printf '%s\n' "${bad[@]}"
  echo "check_format: ${#bad[@]} of ${#files[@]} files need formatting (clang-format -i FILE)" >&2
  exit 1
fi
echo "check_format: ${#files[@]} files formatted"
