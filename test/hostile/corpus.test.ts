// Every committed file of the hostile corpus, read as `inspect` and `generate` read a model:
// a payload Python runs is "dangerous" (or refused), never "safe"; a resource case is
// refused for its reason or answered; genuine files stay "safe"; nothing is ever exit 3
// (any other error than a ReportError fails the test), and no payload runs.
// The time and memory bounds are measured by `npm run hostile` (scripts/hostile-bounds.ts).
import { readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { inspectFile } from '../../src/collect/model.js';
import { pickleLimits } from '../../src/collect/read-options.js';
import { loadConfig } from '../../src/config/load.js';
import type { InspectResult } from '../../src/report-data.js';
import { HOSTILE, MANIFEST, MARKER, REFUSAL, type Entry } from './manifest.js';

const markers = () => readdirSync('/tmp').filter((f) => MARKER.test(f));

beforeAll(() => {
  for (const f of markers()) rmSync(join('/tmp', f));
});

/** The committed files a model reader reads (the JSON and the special cases go through generate). */
const models = MANIFEST.files.filter((e) => !e.generated_at_test_time && !e.file.endsWith('.json'));

async function read(e: Entry): Promise<InspectResult> {
  const config = await loadConfig({}, HOSTILE); // no config file there: the defaults
  return inspectFile(join(HOSTILE, e.file), e.file, pickleLimits(config));
}

const refusedFor = (r: InspectResult, reason: string): void => {
  expect('error' in r, `${r.file} should be refused (${reason})`).toBe(true);
  if (!('error' in r)) return;
  expect(r.error.code).toBe('INPUT_INVALID');
  expect(r.error.message).toMatch(REFUSAL[reason] ?? /./);
};

describe.each(models)('$file ($class)', (e) => {
  it(`answers ${JSON.stringify(e.expected).slice(0, 80)}`, async () => {
    const r = await read(e);
    const x = e.expected;
    if (x.verdict === 'dangerous' && !x.outcome) {
      if ('error' in r) {
        // refusing is as good as "dangerous" only where the manifest allows it
        expect(x.or_refused, r.error.message).toBeDefined();
        refusedFor(r, x.or_refused!);
        return;
      }
      const s = r.inspection.safety;
      expect(s.verdict).toBe('dangerous');
      for (const name of x.dangerous_imports ?? [])
        expect(s.imports.find((i) => i.name === name)?.verdict, name).toBe('dangerous');
      return;
    }
    if (x.outcome === 'refused') {
      refusedFor(r, x.reason!);
      return;
    }
    // answered: the verdict the manifest names, or a refusal it allows
    if ('error' in r) {
      expect(x.or_refused, r.error.message).toBeDefined();
      refusedFor(r, x.or_refused!);
      return;
    }
    expect(r.inspection.safety.verdict).toBe(x.verdict);
  });
});

it('judges every payload Python ran as dangerous or refuses it, never safe', async () => {
  const ran = models.filter((e) => e.python.payload_ran);
  expect(ran.length).toBeGreaterThan(50);
  for (const e of ran) {
    const r = await read(e);
    if (!('error' in r)) expect(r.inspection.safety.verdict, e.file).toBe('dangerous');
  }
});

it('ran no payload in the whole run', () => {
  expect(markers()).toEqual([]);
});
