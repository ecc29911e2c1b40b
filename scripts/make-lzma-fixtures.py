#!/usr/bin/env python3
"""Write test/fixtures/lzma/: xz and lzma files that exercise every part of the format
our decoder reads (presets, checks, literal/position settings, tiny dictionaries that
wrap, stored LZMA2 chunks, several blocks, several streams), the ones it refuses (BCJ
and delta filters, bytes after the stream), and small compression bombs (an lzma stream
of unknown size, an xz index or block header that lies). truth.json holds, for each
file (and each xz/lzma model fixture of test/fixtures/models), what Python's lzma module
(liblzma) gives: the length and SHA-256 of the output, or the error it raises, and what
mlops-report must do.

  /usr/bin/python3 scripts/make-lzma-fixtures.py   (npm run fixtures:lzma; again after make-fixtures.py)
"""
import hashlib
import json
import lzma
import os
import pickle
import struct
import zlib

import numpy as np

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OUT = os.path.join(ROOT, "test", "fixtures", "lzma")
os.makedirs(OUT, exist_ok=True)
for old in os.listdir(OUT):
    os.remove(os.path.join(OUT, old))

rng = np.random.RandomState(0)


def payload():
    """About 360 KB (about 13 KB compressed): a pickle, CSV text, smooth floats, noise, a
    run of zeros, and the text again far back (literals, short and long matches, repeats)."""
    model = {"w": rng.rand(300), "names": [f"feature_{i}" for i in range(200)], "n": 12345}
    text = "".join(f"{i},{i * 7 % 13},app {i % 97},{(i * 0.37) % 5:.2f},Category_{i % 11}\n" for i in range(900))
    floats = np.round(np.sin(np.arange(2000) / 50.0), 3).astype("<f8").tobytes()
    noise = rng.bytes(3000)
    return pickle.dumps(model, protocol=4) + text.encode() + floats + noise + bytes(300_000) + text.encode()


DATA = payload()
truth = {}


def write(name, blob, expect, data=None):
    """`expect`: "data" (decoded as Python decodes it), "unsupported", "corrupt", "bomb" or
    "trailing" (bytes after the first stream: lzma.decompress ignores them, joblib's
    LZMAFile may fail on them or read them as another stream; we refuse them)."""
    with open(os.path.join(OUT, name), "wb") as f:
        f.write(blob)
    try:
        out = lzma.decompress(blob)
        python = {"bytes": len(out), "sha256": hashlib.sha256(out).hexdigest()}
    except lzma.LZMAError as e:
        python = {"error": str(e)}
    if data is not None:
        assert python.get("sha256") == hashlib.sha256(data).hexdigest(), name
    assert len(blob) < 100_000, (name, len(blob))
    truth[name] = {"expect": expect, "python": python}
    print(f"{name}: {len(blob)} bytes, {python}")


def vli(n):
    out = bytearray()
    while n >= 0x80:
        out.append(n & 0x7F | 0x80)
        n >>= 7
    out.append(n)
    return bytes(out)


def crc32(b):
    return struct.pack("<I", zlib.crc32(b))


def dict_byte(size):
    return next(b for b in range(41) if (2 | (b & 1)) << (b // 2 + 11) >= size)


def raw_lzma2(data, dict_size=1 << 20):
    return lzma.compress(data, format=lzma.FORMAT_RAW, filters=[{"id": lzma.FILTER_LZMA2, "dict_size": dict_size}])


def xz_by_hand(parts, sizes_in_header=(), lie_index=None, lie_header=None, dict_size=1 << 20):
    """An xz stream with one block per part (CRC32 checks), built field by field as the
    format describes, so blocks can declare their sizes, or lie about them. A part is
    bytes, or (its LZMA2 data, the bytes they decode to)."""
    out = bytearray(b"\xfd7zXZ\x00" + b"\x00\x01" + crc32(b"\x00\x01"))
    records = []
    for i, part in enumerate(parts):
        raw = raw_lzma2(part, dict_size) if isinstance(part, bytes) else part[0]
        part = part if isinstance(part, bytes) else part[1]
        flags, fields = 0x00, b""
        if i in sizes_in_header:
            flags |= 0xC0
            fields = vli(len(raw)) + vli(lie_header if lie_header is not None else len(part))
        body = bytes([flags]) + fields + vli(0x21) + vli(1) + bytes([dict_byte(dict_size)])
        size = (len(body) + 1 + 4 + 3) // 4 * 4
        header = bytes([size // 4 - 1]) + body + bytes(size - 5 - len(body))
        header += crc32(header)
        padding = bytes(-len(raw) % 4)
        out += header + raw + padding + crc32(part)
        records.append((len(header) + len(raw) + 4, len(part)))
    if lie_index is not None:
        records = [(u, lie_index) for u, _ in records]
    index = b"\x00" + vli(len(records)) + b"".join(vli(u) + vli(n) for u, n in records)
    index += bytes(-len(index) % 4)
    index += crc32(index)
    out += index
    tail = struct.pack("<I", len(index) // 4 - 1) + b"\x00\x01"
    out += crc32(tail) + tail + b"YZ"
    return bytes(out)


def lzma2_controls(blob):
    """The control bytes of the first block's LZMA2 chunks (stream header 12 bytes, then the block header)."""
    at = 12 + (blob[12] + 1) * 4
    controls = []
    while blob[at] != 0:
        c = blob[at]
        controls.append(c)
        if c < 0x80:
            at += 3 + (blob[at + 1] << 8 | blob[at + 2]) + 1
        else:
            at += 5 + (c >= 0xC0) + (blob[at + 3] << 8 | blob[at + 4]) + 1
    return controls


# --- read exactly as Python reads them
write("preset6-crc64.xz", lzma.compress(DATA), "data", DATA)
write("preset0-crc32.xz", lzma.compress(DATA, preset=0, check=lzma.CHECK_CRC32), "data", DATA)
write("preset1-sha256.xz", lzma.compress(DATA, preset=1, check=lzma.CHECK_SHA256), "data", DATA)
write("preset3-nocheck.xz", lzma.compress(DATA, preset=3, check=lzma.CHECK_NONE), "data", DATA)
write("preset9e.xz", lzma.compress(DATA[:50_000], preset=9 | lzma.PRESET_EXTREME), "data", DATA[:50_000])
lzma2 = lambda **o: [{"id": lzma.FILTER_LZMA2, "preset": 6, **o}]
write("dict4k.xz", lzma.compress(DATA, filters=lzma2(dict_size=4096)), "data", DATA)
write("lc0-lp2-pb0.xz", lzma.compress(DATA, filters=lzma2(lc=0, lp=2, pb=0)), "data", DATA)
write("lc4-lp0-pb4.xz", lzma.compress(DATA, filters=lzma2(lc=4, lp=0, pb=4)), "data", DATA)
mixed = rng.bytes(66_000) + DATA[:20_000] + bytes(3 << 20)  # a stored chunk, then LZMA chunks; > 2 MiB: several
stored = lzma.compress(mixed, preset=0)
controls = lzma2_controls(stored)
assert controls[0] == 0x01 and any(0x80 <= c < 0xA0 for c in controls), controls
write("stored-chunks.xz", stored, "data", mixed)
half = len(DATA) // 2
write("two-streams.xz", lzma.compress(DATA[:half]) + lzma.compress(DATA[half:]), "data", DATA)
thirds = [DATA[:50_000], DATA[50_000:300_000], DATA[300_000:]]
write("three-blocks.xz", xz_by_hand(thirds, sizes_in_header={1}), "data", DATA)
# one block's LZMA2 data made of pieces: chunks; chunks whose first one resets the state
# but keeps the dictionary and properties (0xA0: made from an encoder's 0xE0 chunk, valid
# because what precedes it ends in a zero at a multiple of 16, as a fresh dictionary
# would look to it); a stored chunk that keeps the dictionary (0x02); chunks that start
# afresh (0xE0: a dictionary reset in the middle)
zeros_at = DATA.index(bytes(1000))
cut = (zeros_at + 1000) // 16 * 16
a, b, c, d = DATA[:cut], DATA[cut:200_000], DATA[200_000:201_000], DATA[201_000:]
b_raw = raw_lzma2(b)
assert a[-1] == 0 and b_raw[0] >= 0xE0 and b_raw[5] == 0x5D
b_kept = bytes([0xA0 | (b_raw[0] & 0x1F)]) + b_raw[1:5] + b_raw[6:]
assert raw_lzma2(d)[0] >= 0xE0
resets = raw_lzma2(a)[:-1] + b_kept[:-1] + b"\x02" + struct.pack(">H", len(c) - 1) + c + raw_lzma2(d)
write("lzma2-resets.xz", xz_by_hand([(resets, DATA)]), "data", DATA)
alone = lzma.compress(DATA, format=lzma.FORMAT_ALONE)
write("alone.lzma", alone, "data", DATA)
# the size declared in the header (the stream still ends with its marker: liblzma ≥ 5.4 reads both)
write("alone-known-size.lzma", alone[:5] + struct.pack("<Q", len(DATA)) + alone[13:], "data", DATA)
lzma1 = lambda **o: [{"id": lzma.FILTER_LZMA1, "preset": 6, **o}]
write("alone-lc4-lp0-pb0.lzma", lzma.compress(DATA, format=lzma.FORMAT_ALONE, filters=lzma1(lc=4, lp=0, pb=0)), "data", DATA)
write("alone-lc0-lp4-pb4.lzma", lzma.compress(DATA, format=lzma.FORMAT_ALONE, filters=lzma1(lc=0, lp=4, pb=4)), "data", DATA)
write("alone-dict4k.lzma", lzma.compress(DATA, format=lzma.FORMAT_ALONE, filters=lzma1(dict_size=4096)), "data", DATA)

# --- refused: filters we do not read, bytes after the stream
x86 = [{"id": lzma.FILTER_X86}, {"id": lzma.FILTER_LZMA2, "preset": 1}]
write("x86-bcj.xz", lzma.compress(DATA[:20_000], filters=x86), "unsupported", DATA[:20_000])
delta = [{"id": lzma.FILTER_DELTA, "dist": 4}, {"id": lzma.FILTER_LZMA2, "preset": 1}]
write("delta.xz", lzma.compress(DATA[:20_000], filters=delta), "unsupported", DATA[:20_000])
write("padded-streams.xz", lzma.compress(DATA[:half]) + bytes(4) + lzma.compress(DATA[half:]), "trailing")
write("alone-trailing.lzma", alone + b"garbage!", "trailing")

# --- bombs: a pickle (PROTO 4, BINBYTES8) declaring 64 MiB of zeros
N = 64 << 20
bomb = b"\x80\x04\x8e" + struct.pack("<Q", N) + bytes(N)
write("bomb-unknown-size.lzma", lzma.compress(bomb, format=lzma.FORMAT_ALONE), "bomb", bomb)
write("bomb-lying-index.xz", xz_by_hand([bomb], lie_index=1000), "bomb")
write("bomb-lying-header.xz", xz_by_hand([bomb], sizes_in_header={0}, lie_header=1000), "corrupt")

# --- the joblib model fixtures compressed with xz and lzma (made by make-fixtures.py)
MODELS = os.path.join(ROOT, "test", "fixtures", "models")
for name in sorted(os.listdir(MODELS)):
    if name.endswith(("__joblib_xz.pkl", "__joblib_lzma.pkl")):
        with open(os.path.join(MODELS, name), "rb") as f:
            out = lzma.decompress(f.read())
        truth[f"../models/{name}"] = {"expect": "data", "python": {"bytes": len(out), "sha256": hashlib.sha256(out).hexdigest()}}

with open(os.path.join(OUT, "truth.json"), "w") as f:
    json.dump(truth, f, indent=1, sort_keys=True)
    f.write("\n")
