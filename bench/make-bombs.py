#!/usr/bin/env python3
"""Compression bombs for `npm run bench`, each under 10 MB: a pickle whose one BINBYTES8
payload declares (2 GiB - 64) bytes of zeros, compressed with each codec joblib offers,
and the xz one again with an index that says its block holds 1000 bytes.
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


def vli(n):
    out = bytearray()
    while n >= 0x80:
        out.append(n & 0x7F | 0x80)
        n >>= 7
    out.append(n)
    return bytes(out)


def read_vli(b, at):
    n = shift = 0
    while True:
        n |= (b[at] & 0x7F) << shift
        shift += 7
        at += 1
        if not b[at - 1] & 0x80:
            return n, at


# the xz bomb with a lying index: each block's uncompressed size rewritten to 1000, the
# index's padding, CRC32 and the footer's backward size made consistent again
lying = os.path.join(out, "bomb-xz-lying-index.pkl")
if not os.path.exists(lying):
    with open(os.path.join(out, "bomb-xz.pkl"), "rb") as f:
        xz = f.read()
    backward = (struct.unpack("<I", xz[-8:-4])[0] + 1) * 4
    start = len(xz) - 12 - backward
    count, at = read_vli(xz, start + 1)
    records = []
    for _ in range(count):
        unpadded, at = read_vli(xz, at)
        _, at = read_vli(xz, at)
        records.append(vli(unpadded) + vli(1000))
    index = b"\x00" + vli(count) + b"".join(records)
    index += bytes(-len(index) % 4)
    index += struct.pack("<I", zlib.crc32(index))
    flags = xz[-4:-2]
    tail = struct.pack("<I", len(index) // 4 - 1) + flags
    with open(lying + ".tmp", "wb") as f:
        f.write(xz[:start] + index + struct.pack("<I", zlib.crc32(tail)) + tail + b"YZ")
    os.rename(lying + ".tmp", lying)
    print(f"xz-lying-index: {os.path.getsize(lying) / 1e6:.2f} MB")
