#!/usr/bin/env bash
# Installs what the suite needs on Debian 12 and builds it. Safe to repeat: every
# step checks first and does nothing when its work is already done.
#   - apt: libtorch (tensors, autograd), OpenBLAS (fast matrix products), stb
#     (JPEG/PNG, TrueType captions), cmake + g++ (the native shim), chromium (the
#     report's browser test), DejaVu fonts (captions on image grids), jq (scripts/notebooks.sh
#     checks that committed notebooks carry no outputs)
#   - npm: plotly.js-dist-min into .tools/ (charts in the offline HTML report)
#   - dotnet build: builds the native shim through CMake, then the managed projects
set -euo pipefail
cd "$(dirname "$0")/.."

APT_PACKAGES=(libtorch-dev libopenblas0-pthread libstb0 libstb-dev cmake g++ chromium fonts-dejavu-core jq)

missing=()
for p in "${APT_PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "setup: installing ${missing[*]}"
  SUDO=""
  [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  $SUDO apt-get update -q
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -q --no-install-recommends "${missing[@]}"
fi

PLOTLY=.tools/node_modules/plotly.js-dist-min/plotly.min.js
if [ ! -f "$PLOTLY" ]; then
  if command -v npm >/dev/null 2>&1; then
    echo "setup: fetching plotly.js-dist-min into .tools/"
    mkdir -p .tools
    (cd .tools && npm install --no-audit --no-fund --silent plotly.js-dist-min@3 >/dev/null)
  else
    echo "setup: npm not found; the HTML report will show charts as JSON" >&2
  fi
fi

CONFIGURATION="${CONFIGURATION:-Release}"
dotnet build Experiments.sln -c "$CONFIGURATION" -nologo -v quiet -clp:ErrorsOnly
