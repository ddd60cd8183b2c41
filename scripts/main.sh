#!/usr/bin/env bash
# The main job on the embedded default: the poster's figures on the shipped weights and
# held-out synthetic images, into out/figures (index.html, figures.json). Pass --profile full
# for the paper-scale run. Installs and builds first (scripts/setup.sh).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
exec dotnet src/EssenceOfPose.Cli/bin/${CONFIGURATION:-Release}/net10.0/eop.dll figures --out out/figures "$@"
