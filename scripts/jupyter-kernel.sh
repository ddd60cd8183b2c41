#!/usr/bin/env bash
# Registers the `.net-csharp` Jupyter kernel the notebooks are written for: dotnet-interactive, the
# version pinned in .config/dotnet-tools.json, as `jupyter nbconvert --execute` (scripts/notebooks.sh)
# and a user's Jupyter run it. Safe to repeat. Called by scripts/setup.sh after `dotnet tool restore`.
#
#   - The tool runs from a private copy under .tools/dotnet-interactive/VERSION (git-ignored; hard
#     links into the NuGet cache where possible), because of the next step.
#   - Plotly.NET 6 (the core's charts) needs FSharp.Core 10.1; the tool ships an older FSharp.Core,
#     and a notebook that #r's the core then fails with "Could not load file or assembly
#     'FSharp.Core, Version=10.1.0.0'" or a MissingMethodException. Where the tool's is older than
#     the one the core restores, the copy gets the core's (FSharp.Core is backward compatible). The
#     file is replaced, never written through, so the NuGet cache keeps the tool as published.
#   - The kernelspec binds the kernel's HTTP listener to loopback (--http-local-only): the one
#     `dotnet interactive jupyter install` writes (--http-port-range 2048-3000) listens on every
#     interface. It is written to .tools/jupyter/kernels/.net-csharp (scripts put .tools/jupyter on
#     JUPYTER_PATH, which Jupyter searches first) and to the user's Jupyter data folder
#     ($JUPYTER_DATA_DIR or ~/.local/share/jupyter) unless a .net-csharp kernel not written by this
#     script is there already.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)

manifest=.config/dotnet-tools.json
version=$(jq -er '.tools["microsoft.dotnet-interactive"].version' "$manifest")
packages=${NUGET_PACKAGES:-$(dotnet nuget locals global-packages --list | sed -E 's/^global-packages: *//')}
packages=${packages%/}
# (-print -quit, not | head: under pipefail a producer cut off by head fails the script.)
find_app() { find "$packages/microsoft.dotnet-interactive/$version/tools" -name Microsoft.DotNet.Interactive.App.dll -print -quit 2>/dev/null || true; }
app=$(find_app)
if [ -z "$app" ]; then
  dotnet tool restore >/dev/null
  app=$(find_app)
fi
[ -n "$app" ] || { echo "jupyter-kernel: dotnet-interactive $version is not in $packages after dotnet tool restore" >&2; exit 1; }

# The private copy, made once per version.
copy=.tools/dotnet-interactive/$version
if [ ! -f "$copy/.complete" ]; then
  rm -rf "$copy"
  mkdir -p "$(dirname "$copy")"
  cp -al "$(dirname "$app")" "$copy" 2>/dev/null || cp -a "$(dirname "$app")" "$copy"
  touch "$copy/.complete"
fi

# FSharp.Core: the tool's (from its deps.json) against the one the core restores for Plotly.NET.
fsharp_of() { jq -r 'first(.libraries | keys[] | select(startswith("FSharp.Core/")) | sub("FSharp.Core/"; "")) // empty' "$1"; }
# (A restore that has nothing to do takes a second or two; this one may run before the first build.)
dotnet restore src/EssenceOfPose/EssenceOfPose.csproj -v quiet >/dev/null
assets=src/EssenceOfPose/obj/project.assets.json
tool_fsharp=$(fsharp_of "$copy/Microsoft.DotNet.Interactive.App.deps.json")
core_fsharp=$(fsharp_of "$assets")
if [ -n "$core_fsharp" ] && [ "$tool_fsharp" != "$core_fsharp" ] &&
   [ "$(printf '%s\n%s\n' "$tool_fsharp" "$core_fsharp" | sort -V | head -1)" = "$tool_fsharp" ]; then
  newer=$(find "$packages/fsharp.core/$core_fsharp/lib/netstandard2.1" -name FSharp.Core.dll -print -quit)
  [ -n "$newer" ] || { echo "jupyter-kernel: FSharp.Core $core_fsharp is not in $packages" >&2; exit 1; }
  if ! cmp -s "$newer" "$copy/FSharp.Core.dll"; then
    rm -f "$copy/FSharp.Core.dll" # a hard link into the NuGet cache: replace it, never write through it
    cp "$newer" "$copy/FSharp.Core.dll"
    echo "jupyter-kernel: dotnet-interactive $version gets FSharp.Core $core_fsharp (it ships $tool_fsharp; Plotly.NET needs the newer)"
  fi
fi

dotnet_host=$(command -v dotnet)
write_spec() { # FOLDER
  mkdir -p "$1"
  jq -n --arg dotnet "$dotnet_host" --arg app "$root/$copy/Microsoft.DotNet.Interactive.App.dll" '{
    argv: [$dotnet, $app, "jupyter", "--default-kernel", "csharp", "--http-local-only", "{connection_file}"],
    display_name: ".NET (C#)",
    language: "C#",
    env: { DOTNET_INTERACTIVE_CLI_TELEMETRY_OPTOUT: "1", DOTNET_CLI_TELEMETRY_OPTOUT: "1" },
    metadata: { written_by: "EssenceOfPose scripts/jupyter-kernel.sh" }
  }' >"$1/kernel.json.tmp"
  mv "$1/kernel.json.tmp" "$1/kernel.json"
}
write_spec .tools/jupyter/kernels/.net-csharp
user_spec=${JUPYTER_DATA_DIR:-$HOME/.local/share/jupyter}/kernels/.net-csharp
if [ ! -f "$user_spec/kernel.json" ] || jq -e '.metadata.written_by | strings | startswith("EssenceOfPose")' "$user_spec/kernel.json" >/dev/null 2>&1; then
  write_spec "$user_spec"
else
  echo "jupyter-kernel: $user_spec holds another .net-csharp kernel; left as it is (scripts use .tools/jupyter)" >&2
fi
