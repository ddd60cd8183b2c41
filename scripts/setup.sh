#!/usr/bin/env bash
# Installs what the suite needs on Debian 12 and builds it. Safe to repeat: every
# step checks first and does nothing when its work is already done.
#   - apt: chromium (the report's browser test), DejaVu fonts (captions on image grids),
#     jq (scripts/notebooks.sh checks that committed notebooks carry no outputs),
#     jupyter-nbconvert (runs the notebooks as a user's Jupyter does);
#     where the system libstdc++ lacks GLIBCXX_3.4.32 (Debian 12), g++, patchelf and python3
#     for TorchSharp's compat step (tools/torchsharp-compat, run by the build)
#   - npm: plotly.js-dist-min into .tools/ (charts in the offline HTML report)
#   - dotnet: the tools in .config/dotnet-tools.json (dotnet-interactive, the notebooks' kernel),
#     its Jupyter kernelspec, then the solution (TorchSharp and libtorch 2.10 come from NuGet)
set -euo pipefail
cd "$(dirname "$0")/.."

APT_PACKAGES=(chromium fonts-dejavu-core jq jupyter-nbconvert)
libstdcxx=$(/sbin/ldconfig -p 2>/dev/null | awk '/libstdc\+\+\.so\.6 .*x86-64/ && !found {print $NF; found = 1}')
if [ -n "$libstdcxx" ] && ! grep -qa 'GLIBCXX_3\.4\.32' "$libstdcxx"; then
  APT_PACKAGES+=(g++ patchelf python3)
fi

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

dotnet tool restore >/dev/null
bash scripts/jupyter-kernel.sh

CONFIGURATION="${CONFIGURATION:-Release}"
dotnet build Experiments.sln -c "$CONFIGURATION" -nologo -v quiet -clp:ErrorsOnly
