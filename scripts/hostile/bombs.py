"""Compression bombs: small joblib containers whose declared sizes lie or are absent, so
a reader that trusts them (or decompresses in one native call) allocates gigabytes."""
import bz2
import lzma
import struct
import zlib

from .fixture import BOUNDS, Fixture, refused

CLASS = "compression-bomb"
GB = 1 << 30


def _varint(n):
    out = b""
    while True:
        b = n & 0x7F
        n >>= 7
        out += bytes([b | (0x80 if n else 0)])
        if not n:
            return out


def xz_lying_index(size, claimed):
    """An xz stream of `size` zero bytes whose index says its one block holds `claimed`."""
    data = lzma.compress(bytes(size), format=lzma.FORMAT_XZ, check=lzma.CHECK_CRC32, preset=9)
    backward = (struct.unpack("<I", data[-8:-4])[0] + 1) * 4
    index_at = len(data) - 12 - backward
    index = data[index_at:len(data) - 12]
    # indicator, record count, then (unpadded size, uncompressed size) per record
    at, n = 1, 0
    count = index[at]
    assert count == 1, "one block expected"
    at += 1
    unpadded_end = at
    while index[unpadded_end] & 0x80:
        unpadded_end += 1
    unpadded = index[at:unpadded_end + 1]
    body = b"\x00" + _varint(1) + unpadded + _varint(claimed)
    body += b"\x00" * ((-len(body)) % 4)
    body += struct.pack("<I", zlib.crc32(body))
    flags = data[-4:-2]
    footer_body = struct.pack("<I", len(body) // 4 - 1) + flags
    footer = struct.pack("<I", zlib.crc32(footer_body)) + footer_body + b"YZ"
    del n
    return data[:index_at] + body + footer


def bombs():
    out = []

    def add(name, data, attack):
        out.append(Fixture(f"bombs/{name}", data, CLASS, attack, refused("limit:decompressed-bytes"), effect="none",
                           loaders=("joblib",), bounds=BOUNDS))

    add("xz_lying_index.joblib.xz", lambda: xz_lying_index(GB, 1000), "xz of 1 GiB whose index says 1000 bytes")
    add("lzma_alone_unknown_size.joblib.lzma", lambda: lzma.compress(bytes(GB), format=lzma.FORMAT_ALONE, preset=9),
        "LZMA-alone of 1 GiB with the size field 'unknown'")
    add("bz2_1g.joblib.bz2", lambda: bz2.compress(bytes(GB), 9), "bz2 of 1 GiB (a few hundred bytes)")
    add("zlib_512m.joblib", lambda: zlib.compress(bytes(512 << 20), 9), "zlib of 512 MiB (joblib's default compressor)")
    add("zfile_lying_length.pkl", lambda: b"ZF0x" + format(1000, "x").encode().ljust(17) + zlib.compress(bytes(256 << 20), 9),
        "joblib < 0.10 ZF container that declares 1000 bytes and inflates to 256 MiB")
    return out
