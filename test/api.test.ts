// The old dashboard's JSON API: the commands print it, schemas/ document it, and every
// key the old /api/model response had is there with its meaning.
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import Ajv2020 from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { describe, expect, it } from 'vitest';
import { main, type Io } from '../src/cli.js';
import { REPO, sampleProject } from './helpers.js';

const ajv = new Ajv2020.default({ allErrors: true, strict: true });
addFormats.default(ajv);
const compiled = new Map<string, ReturnType<typeof ajv.compile>>();
const schema = (name: string) => {
  if (!compiled.has(name))
    compiled.set(name, ajv.compile(JSON.parse(readFileSync(join(REPO, 'schemas', `api-${name}.schema.json`), 'utf8'))));
  return compiled.get(name)!;
};

async function api(name: string, dir: string): Promise<Record<string, any>> {
  let out = '';
  const io: Io = {
    stdout: (t) => (out += t),
    stderr: () => undefined,
    env: { SOURCE_DATE_EPOCH: '1768039200' },
    cwd: dir,
  };
  expect(await main([name], io)).toBe(0);
  return JSON.parse(out);
}

describe.each(['model', 'stats', 'comparison'])('mlops-report %s', (name) => {
  it('matches its JSON Schema on the sample', async () => {
    const validate = schema(name);
    const value = await api(name, sampleProject());
    expect(validate(value), JSON.stringify(validate.errors)).toBe(true);
  });

  it('matches its JSON Schema without a candidate or data', async () => {
    const dir = sampleProject();
    rmSync(join(dir, 'models', 'candidate_model.pkl'));
    rmSync(join(dir, 'data', 'apps.csv'));
    const validate = schema(name);
    const value = await api(name, dir);
    expect(validate(value), JSON.stringify(validate.errors)).toBe(true);
  });
});

describe('the old /api/model keys', () => {
  it('are all there, with the old meaning', async () => {
    const m = await api('model', sampleProject());
    expect(m).toMatchObject({
      deployed: true,
      model_type: 'RandomForestClassifier',
      size: '198.2 KB',
      deployed_at: '2026-01-03T14:30:00Z',
      n_estimators: 100,
      max_depth: 10,
      metrics: { accuracy: 0.793, precision: 0.8376, recall: 0.793, f1_score: 0.7861 },
    });
  });

  it('stats and comparison carry the old dashboard facts', async () => {
    const dir = sampleProject();
    expect(await api('stats', dir)).toMatchObject({
      total_apps: 9309,
      categories: 33,
      retrain_threshold: 100,
      retraining_due: true,
    });
    const c = await api('comparison', dir);
    expect(c.comparison.map((r: { metric: string; winner: string }) => [r.metric, r.winner])).toEqual([
      ['accuracy', 'candidate'],
      ['precision', 'candidate'],
      ['recall', 'candidate'],
      ['f1_score', 'candidate'],
    ]);
    expect(c.decision.value).toBe('promote');
    expect(c.deploy).toBe(true);
  });
});
