#!/usr/bin/env python3
"""Marks one version requirement of an ELF64 shared library weak (VER_FLG_WEAK in .gnu.version_r).

The dynamic loader refuses a library whose required symbol version (here GLIBCXX_3.4.32) the
system library lacks, unless that requirement is weak; then it loads, and the symbols that had
that version resolve by name. Usage: mark_version_weak.py FILE VERSION. Exits 0 when the flag is
set (or already was), 1 when FILE has no such requirement, 2 on a file it cannot read as ELF64.
"""
import struct
import sys

SHT_GNU_VERNEED = 0x6FFFFFFE
VER_FLG_WEAK = 0x2


def main(path: str, version: str) -> int:
    with open(path, "r+b") as f:
        data = bytearray(f.read())
        if data[:4] != b"\x7fELF" or data[4] != 2 or data[5] != 1:
            print(f"{path}: not a little-endian ELF64 file", file=sys.stderr)
            return 2
        shoff, = struct.unpack_from("<Q", data, 0x28)
        shentsize, shnum = struct.unpack_from("<HH", data, 0x3A)
        sections = [struct.unpack_from("<IIQQQQIIQQ", data, shoff + i * shentsize) for i in range(shnum)]
        for _, sh_type, _, _, offset, _, link, info, _, _ in sections:
            if sh_type != SHT_GNU_VERNEED:
                continue
            strtab = sections[link][4]
            need = offset
            for _ in range(info):
                _, cnt, _, aux, nxt = struct.unpack_from("<HHIII", data, need)
                a = need + aux
                for _ in range(cnt):
                    _, flags, _, name, anext = struct.unpack_from("<IHHII", data, a)
                    end = data.index(0, strtab + name)
                    if data[strtab + name:end].decode() == version:
                        struct.pack_into("<H", data, a + 4, flags | VER_FLG_WEAK)
                        f.seek(0)
                        f.write(data)
                        return 0
                    a += anext
                need += nxt
        print(f"{path}: requires no version {version}", file=sys.stderr)
        return 1


if __name__ == "__main__":
    if len(sys.argv) != 3:
        print(__doc__, file=sys.stderr)
        sys.exit(2)
    sys.exit(main(sys.argv[1], sys.argv[2]))
