#!/usr/bin/env bash
# The main job on the embedded default. Installs and builds first (scripts/setup.sh).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
exec dotnet src/EssenceOfPose.Cli/bin/${CONFIGURATION:-Release}/net10.0/eop.dll smoke "$@"
