#!/usr/bin/env bash
# Makes TorchSharp's libLibTorchSharp.so load on a system whose libstdc++ lacks GLIBCXX_3.4.32
# (Debian 12 ships GCC 12's). Works on the copy in an output folder, never the NuGet cache: the
# copy is replaced by a patched file (so a hard link into the cache is broken, not written
# through). Does nothing where the system's libstdc++ has that version, or where the copy is
# already patched. Usage: apply.sh OUTPUT_DIR
#   1. builds libeop_glibcxx_compat.so, which defines std::ios_base_library_init(), beside it;
#   2. marks the GLIBCXX_3.4.32 requirement weak and clears the symbol's version;
#   3. adds the compat library as a needed library, found through the existing $ORIGIN runpath.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
out="$1"
native="$out/runtimes/linux-x64/native"
lib="$native/libLibTorchSharp.so"
compat="libeop_glibcxx_compat.so"
[ "$(uname -s)" = Linux ] && [ -f "$lib" ] || exit 0

libstdcxx="$(/sbin/ldconfig -p 2>/dev/null | awk '/libstdc\+\+\.so\.6 .*x86-64/ && !found {print $NF; found = 1}')"
[ -n "$libstdcxx" ] || libstdcxx=/usr/lib/x86_64-linux-gnu/libstdc++.so.6
if grep -qa 'GLIBCXX_3\.4\.32' "$libstdcxx"; then exit 0; fi       # the system has it: nothing to do
if readelf -d "$lib" | grep -q "\[$compat\]"; then exit 0; fi      # already patched

for tool in g++ patchelf readelf python3; do
  command -v "$tool" >/dev/null || { echo "torchsharp-compat: $tool is needed to patch $lib (scripts/setup.sh installs it)" >&2; exit 1; }
done
cache="$here/obj"
mkdir -p "$cache"
if [ ! -f "$cache/$compat" ] || [ "$here/ios_base_library_init.cpp" -nt "$cache/$compat" ]; then
  g++ -shared -fPIC -O2 -o "$cache/$compat.tmp" "$here/ios_base_library_init.cpp"
  mv "$cache/$compat.tmp" "$cache/$compat"
fi
cp "$cache/$compat" "$native/$compat.tmp" && mv "$native/$compat.tmp" "$native/$compat"

tmp="$lib.compat-tmp"
cp "$lib" "$tmp"
python3 "$here/mark_version_weak.py" "$tmp" GLIBCXX_3.4.32
patchelf --clear-symbol-version _ZSt21ios_base_library_initv "$tmp"
patchelf --add-needed "$compat" "$tmp"
mv "$tmp" "$lib"
echo "torchsharp-compat: patched $lib for $libstdcxx (no GLIBCXX_3.4.32)"
