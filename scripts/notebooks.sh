#!/usr/bin/env bash
# Runs every notebook in notebooks/ twice: with the suite's runner (`eop notebooks run`, the C#
# kernel in process, one process per notebook, and the HTML report) and with Jupyter itself
# (`jupyter nbconvert --execute` on the `.net-csharp` kernel of dotnet-interactive, what a user runs;
# scripts/jupyter-kernel.sh installs it). Checks that the committed notebooks carry no outputs.
# Expects a build (scripts/setup.sh).
#   EOP_NOTEBOOK_PROFILE  quick (default; minutes on 2 CPU cores) or full
#   EOP_NOTEBOOK_OUT      executed copies and index.html (default artifacts/notebooks, git-ignored);
#                         Jupyter's executed copies go to its jupyter/ subfolder
#   EOP_NOTEBOOK_JUPYTER  0 skips the Jupyter run
#   EOP_NOTEBOOK_TIMEOUT  seconds one cell may run, in both (default 600)
# A failing notebook does not stop the others, but fails the run at the end.
# Ends with one line "notebooks: N passed, N failed", each notebook counted once per way it was run.
set -uo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)

profile="${EOP_NOTEBOOK_PROFILE:-quick}"
out="${EOP_NOTEBOOK_OUT:-artifacts/notebooks}"
timeout="${EOP_NOTEBOOK_TIMEOUT:-600}"
jupyter_run="${EOP_NOTEBOOK_JUPYTER:-1}"
eop="src/EssenceOfPose.Cli/bin/${CONFIGURATION:-Release}/net10.0/eop.dll"
shopt -s nullglob
notebooks=(notebooks/*.ipynb)
if [ ${#notebooks[@]} -eq 0 ]; then
  echo "notebooks: no notebooks under notebooks/" >&2
  echo "notebooks: 0 passed, 1 failed"
  exit 1
fi
mkdir -p "$out" && out=$(cd "$out" && pwd)
ways=(eop)
[ "$jupyter_run" != "0" ] && ways+=(jupyter)
declare -A failed=() # "WAY NOTEBOOK" -> 1

# Committed notebooks are source: outputs belong in the executed copies under $out. One that has
# some fails in every way it is run.
for nb in "${notebooks[@]}"; do
  n=$(jq '[.cells[] | select(.cell_type == "code") | select(((.outputs // []) | length) > 0 or .execution_count != null)] | length' "$nb" 2>/dev/null)
  if [ -z "$n" ]; then
    echo "notebooks: $nb is not valid JSON" >&2
  elif [ "$n" -gt 0 ]; then
    echo "notebooks: $nb has $n code cell(s) with outputs or an execution count; clear them before committing" >&2
  else
    continue
  fi
  for way in "${ways[@]}"; do failed["$way $nb"]=1; done
done

# 1. The suite's runner. It prints, per notebook in order, "  ok in S s", "  FAILED in ..." or
# "  TIMED OUT in ...", and ends with "N notebook(s) in S s, F failed."
log=$(mktemp)
dotnet "$eop" notebooks run --profile "$profile" --timeout "$timeout" --out "$out" "${notebooks[@]}" 2>&1 | tee "$log"
mapfile -t outcomes < <(grep -E '^  (ok|FAILED|TIMED OUT) in ' "$log")
if ! grep -qE '^[0-9]+ notebook\(s\) in .* [0-9]+ failed' "$log" || [ ${#outcomes[@]} -ne ${#notebooks[@]} ]; then
  outcomes=() # the runner did not finish: every notebook failed
fi
for i in "${!notebooks[@]}"; do
  [[ "${outcomes[$i]:-}" == "  ok in "* ]] || failed["eop ${notebooks[$i]}"]=1
done
rm -f "$log"
echo "notebooks: report in $out/index.html"

# 2. Jupyter, with the kernelspec of scripts/jupyter-kernel.sh (.tools/jupyter comes first on
# JUPYTER_PATH). The notebook goes in on stdin from notebooks/, so that the kernel's working
# folder is notebooks/ (their #r paths are relative to it) even for a copy with parameters: the
# full profile is injected as papermill does, in a cell tagged injected-parameters after the one
# tagged parameters. The committed notebooks default to Profile = "quick" and run as they are.
if [ "$jupyter_run" != "0" ]; then
  mkdir -p "$out/jupyter"
  export JUPYTER_PATH="$root/.tools/jupyter${JUPYTER_PATH:+:$JUPYTER_PATH}"
  if ! command -v jupyter >/dev/null || [ ! -f .tools/jupyter/kernels/.net-csharp/kernel.json ]; then
    echo "notebooks: jupyter or the .net-csharp kernelspec is missing (scripts/setup.sh installs both)" >&2
  fi
  inject='(.cells | map((.metadata.tags // []) | index("parameters") != null) | index(true)) as $at
    | (($at // -1) + 1) as $after
    | .cells |= .[:$after] + [{cell_type: "code", id: "injected-parameters", execution_count: null,
        metadata: {tags: ["injected-parameters"]}, outputs: [], source: ["Profile = \"" + $profile + "\";\n"]}] + .[$after:]'
  feed() { if [ "$profile" = "quick" ]; then cat "$1"; else jq --arg profile "$profile" "$inject" "$1"; fi; }
  for nb in "${notebooks[@]}"; do
    name=$(basename "$nb" .ipynb)
    echo "[jupyter] $nb"
    start=$(date +%s%N)
    (cd notebooks && feed "$(basename "$nb")" |
      jupyter nbconvert --stdin --to notebook --execute \
        --ExecutePreprocessor.kernel_name=.net-csharp \
        --ExecutePreprocessor.timeout="$timeout" --ExecutePreprocessor.startup_timeout=180 \
        --output-dir "$out/jupyter" --output "$name") >"$out/jupyter/$name.log" 2>&1
    status=$?
    tenths=$(( ($(date +%s%N) - start) / 100000000 ))
    if [ $status -eq 0 ]; then
      echo "  ok in $((tenths / 10)).$((tenths % 10)) s"
    else
      failed["jupyter $nb"]=1
      echo "  FAILED in $((tenths / 10)).$((tenths % 10)) s (exit $status); the end of $out/jupyter/$name.log:"
      tail -15 "$out/jupyter/$name.log" | sed 's/^/  | /'
    fi
  done
  echo "notebooks: Jupyter's executed copies in $out/jupyter/"
fi

total=$(( ${#notebooks[@]} * ${#ways[@]} ))
bad=${#failed[@]}
echo "notebooks: $((total - bad)) passed, $bad failed"
[ "$bad" -eq 0 ]
