#!/usr/bin/env python3
"""Compression bombs for `npm run bench`, each under 10 MB: a pickle whose one BINBYTES8
payload declares (2 GiB - 64) bytes of zeros, compressed with each codec joblib offers.
Written once into OUT_DIR (bench-work, git-ignored); made in 64 MiB steps, never held whole.
   /usr/bin/python3 bench/make-bombs.py OUT_DIR"""
import bz2
import lzma
import os
import struct
import sys
import zlib

out = sys.argv[1]
N = 2**31 - 64
header = b"\x80\x04\x8e" + struct.pack("<Q", N)
step = b"\0" * (64 << 20)


def codecs():
    yield "zlib", zlib.compressobj(9)
    yield "gzip", zlib.compressobj(9, zlib.DEFLATED, 31)
    yield "bz2", bz2.BZ2Compressor(9)
    yield "xz", lzma.LZMACompressor(lzma.FORMAT_XZ)
    yield "lzma", lzma.LZMACompressor(lzma.FORMAT_ALONE)
    try:
        import lz4.frame
        yield "lz4", lz4.frame.LZ4FrameCompressor()
    except ImportError:
        pass


for name, c in codecs():
    path = os.path.join(out, f"bomb-{name}.pkl")
    if os.path.exists(path):
        continue
    with open(path + ".tmp", "wb") as f:
        f.write(c.begin() if name == "lz4" else b"")
        f.write(c.compress(header))
        left = N
        while left > 0:
            f.write(c.compress(step[: min(left, len(step))]))
            left -= len(step)
        f.write(c.flush())
    os.rename(path + ".tmp", path)
    print(f"{name}: {os.path.getsize(path) / 1e6:.2f} MB")
