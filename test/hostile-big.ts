// The hostile inputs too big to commit (test/fixtures/hostile/manifest.json marks them
// "generated_at_test_time"), and the special files no repository can hold: written into a
// folder the caller owns and removes. scripts/make-hostile.py --big writes the same bytes.
//
//   npx tsx test/hostile-big.ts OUT_DIR     (for a run outside the tests)
import { execFileSync } from 'node:child_process';
import { closeSync, mkdirSync, openSync, symlinkSync, writeFileSync, writeSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** Writes `total` bytes made of `head`, `unit` repeated, then `tail`, 16 MiB at a time. */
function writeRepeated(path: string, head: string, unit: string, count: number, tail: string): void {
  const fd = openSync(path, 'w');
  try {
    writeSync(fd, head);
    const perChunk = Math.max(1, Math.floor((16 << 20) / unit.length));
    const chunk = Buffer.from(unit.repeat(perChunk));
    let left = count;
    for (; left >= perChunk; left -= perChunk) writeSync(fd, chunk);
    if (left > 0) writeSync(fd, unit.repeat(left));
    writeSync(fd, tail);
  } finally {
    closeSync(fd);
  }
}

const METRICS = '{"accuracy": 0.9, "precision": 0.9, "recall": 0.9, "f1_score": 0.9, ';

/**
 * An lz4 frame of 4 MiB blocks of zeros, each one literal and one match of offset 1: 255:1,
 * the most lz4 allows. No content size in the header, so nothing says how big it gets.
 */
export function lz4Bomb(size: number): Buffer {
  const match = (4 << 20) - 6 - 4 - 15;
  const block = Buffer.concat([
    Buffer.from([0x1f, 0x00, 0x01, 0x00]),
    Buffer.alloc(Math.floor(match / 255), 0xff),
    Buffer.from([match % 255, 0x50]),
    Buffer.alloc(5),
  ]);
  const sized = Buffer.alloc(4 + block.length);
  sized.writeUInt32LE(block.length, 0);
  block.copy(sized, 4);
  const n = Math.floor((size - 11) / sized.length);
  // magic, FLG (version 1, independent blocks), BD (4 MiB blocks), header checksum
  return Buffer.concat([
    Buffer.from('04224d18607073', 'hex'),
    ...Array.from({ length: n }, () => sized),
    Buffer.alloc(4),
  ]);
}

/** Each generated file by its manifest path (relative to test/fixtures/hostile/). */
export const BIG: Readonly<Record<string, (path: string) => void>> = {
  'resource/metrics_500mb.json': (p) => writeRepeated(p, `${METRICS}"x": [`, '0,', 250 << 20, '0]}'),
  // escaped quotes: each one starts another attempt of a backtracking string pattern
  'resource/metrics_unterminated_400k.json': (p) =>
    writeRepeated(p, '{"accuracy": 0.9, "model_type": "', '\\"', 200 << 10, ''),
  'resource/metrics_string_10mb.json': (p) => writeRepeated(p, `${METRICS}"note": "`, 'a', 10 << 20, '"}'),
  'resource/metrics_deep_100k.json': (p) =>
    writeFileSync(p, `{"accuracy": 0.9, "x": ${'['.repeat(100_000)}${']'.repeat(100_000)}}`),
  'resource/apps_100mb_one_line.csv': (p) => writeRepeated(p, 'App,Category,', 'x', 100 << 20, '\n'),
  'resource/apps_100mb_one_line.jsonl': (p) => writeRepeated(p, '{"App": "a", "Category": "', 'x', 100 << 20, '"}\n'),
  'resource/lz4_bomb_10mb.joblib.lz4': (p) => writeFileSync(p, lz4Bomb(10 << 20)),
  'special/fifo.pkl': (p) => execFileSync('mkfifo', [p]),
  'special/dev_zero.pkl': (p) => symlinkSync('/dev/zero', p),
  'special/folder.pkl': (p) => mkdirSync(p),
};

/** Writes the named files (all by default) under `dir`; returns their paths by manifest path. */
export function writeBigHostile(dir: string, names: readonly string[] = Object.keys(BIG)): Record<string, string> {
  const out: Record<string, string> = {};
  for (const name of names) {
    const make = BIG[name];
    if (!make) throw new Error(`no generated hostile file ${name}`);
    const path = join(dir, name);
    mkdirSync(dirname(path), { recursive: true });
    make(path);
    out[name] = path;
  }
  return out;
}

if (process.argv[1] && import.meta.filename === process.argv[1]) {
  const dir = process.argv[2];
  if (!dir) throw new Error('usage: npx tsx test/hostile-big.ts OUT_DIR');
  for (const [name, path] of Object.entries(writeBigHostile(dir))) console.log(`${name} -> ${path}`);
}
