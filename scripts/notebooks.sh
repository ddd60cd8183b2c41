#!/usr/bin/env bash
# Runs every notebook in notebooks/ with the suite's headless runner and checks that the
# committed notebooks carry no outputs. Expects a build (scripts/setup.sh).
#   EOP_NOTEBOOK_PROFILE  quick (default; minutes on 2 CPU cores) or full
#   EOP_NOTEBOOK_OUT      executed copies and index.html (default artifacts/notebooks, git-ignored)
# A failing notebook does not stop the others, but fails the run at the end.
# Ends with one line "notebooks: N passed, N failed".
set -uo pipefail
cd "$(dirname "$0")/.."

profile="${EOP_NOTEBOOK_PROFILE:-quick}"
out="${EOP_NOTEBOOK_OUT:-artifacts/notebooks}"
eop="src/EssenceOfPose.Cli/bin/${CONFIGURATION:-Release}/net10.0/eop.dll"
shopt -s nullglob
notebooks=(notebooks/*.ipynb)
if [ ${#notebooks[@]} -eq 0 ]; then
  echo "notebooks: no notebooks under notebooks/" >&2
  echo "notebooks: 0 passed, 1 failed"
  exit 1
fi

# Committed notebooks are source: outputs belong in the executed copies under $out.
executed=0
for nb in "${notebooks[@]}"; do
  n=$(jq '[.cells[] | select(.cell_type == "code") | select(((.outputs // []) | length) > 0 or .execution_count != null)] | length' "$nb" 2>/dev/null)
  if [ -z "$n" ]; then
    echo "notebooks: $nb is not valid JSON" >&2
    executed=$((executed + 1))
  elif [ "$n" -gt 0 ]; then
    echo "notebooks: $nb has $n code cell(s) with outputs or an execution count; clear them before committing" >&2
    executed=$((executed + 1))
  fi
done

log=$(mktemp)
dotnet "$eop" notebooks run --profile "$profile" --out "$out" "${notebooks[@]}" 2>&1 | tee "$log"
run_status=${PIPESTATUS[0]}
# The runner ends with "N notebook(s) in S s, F failed."
summary=$(grep -E '^[0-9]+ notebook\(s\) in .* [0-9]+ failed' "$log" | tail -1)
rm -f "$log"
total=${#notebooks[@]}
failed=$(sed -E 's/.* ([0-9]+) failed.*/\1/' <<<"$summary")
if [ -z "$summary" ]; then
  failed=$total # the runner did not finish
elif [ "$run_status" -ne 0 ] && [ "$failed" -eq 0 ]; then
  failed=1
fi
failed=$((failed + executed))
[ "$failed" -gt "$total" ] && failed=$total
echo "notebooks: report in $out/index.html"
echo "notebooks: $((total - failed)) passed, $failed failed"
[ "$failed" -eq 0 ]
