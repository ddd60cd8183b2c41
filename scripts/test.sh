#!/usr/bin/env bash
# Unit tests (slow ones excluded unless EOP_SLOW=1), then every notebook in the quick profile
# (scripts/notebooks.sh; EOP_NOTEBOOKS=0 skips them). Installs and builds first.
# Ends with one line "tests: N passed, N failed, N skipped" summed over the projects, each
# notebook counted as one test.
set -uo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh || exit 1

filter="Category!=Slow"
[ "${EOP_SLOW:-0}" = "1" ] && filter=""
log=$(mktemp)
status=0
for proj in tests/*/*.csproj; do
  dotnet test "$proj" -c "${CONFIGURATION:-Release}" --no-build -nologo ${filter:+--filter "$filter"} 2>&1 | tee -a "$log"
  [ "${PIPESTATUS[0]}" -eq 0 ] || status=1
done
if [ "${EOP_NOTEBOOKS:-1}" != "0" ]; then
  # Its last line, "notebooks: P passed, F failed", is rewritten in vstest's form for the sum below.
  bash scripts/notebooks.sh 2>&1 | tee "$log.notebooks"
  [ "${PIPESTATUS[0]}" -eq 0 ] || status=1
  tail -1 "$log.notebooks" | sed -nE 's/^notebooks: ([0-9]+) passed, ([0-9]+) failed$/Notebooks! - Failed: \2, Passed: \1, Skipped: 0/p' >>"$log"
  rm -f "$log.notebooks"
fi
# vstest prints "Passed!  - Failed: F, Passed: P, Skipped: S, Total: T" per project.
grep -E '(Passed|Failed|Notebooks)! +- Failed:' "$log" | sed -E 's/.*Failed: *([0-9]+), Passed: *([0-9]+), Skipped: *([0-9]+).*/\1 \2 \3/' |
  awk -v st="$status" '{f+=$1; p+=$2; s+=$3} END {printf "tests: %d passed, %d failed, %d skipped\n", p, f, s; if (p == 0) exit 1; if (f > 0 || st != 0) exit 1}'
result=$?
rm -f "$log"
exit $result
