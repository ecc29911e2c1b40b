import { createHash } from 'node:crypto';
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseJsonLenient } from '../src/collect/read-json.js';
import { runCli, sampleProject } from './helpers.js';

const sha = (f: string) => createHash('sha256').update(readFileSync(f)).digest('hex');

const run = runCli;

describe('mlops-report promote', () => {
  it('promotes a candidate above the bar: replaces model and metrics, stamps deployed_at, records it, exit 0', async () => {
    const dir = sampleProject();
    const candidate = sha(join(dir, 'models', 'candidate_model.pkl'));
    const output = join(dir, 'github-output');
    writeFileSync(output, '');
    const r = await run(['promote', '--min-score', '70'], dir, { GITHUB_OUTPUT: output });
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(
      'mlops-report: promoted the candidate. Deploy the candidate: +5.1 points, but its accuracy gain (+0.6 points) is within noise (95% interval −2.0 to +3.2)\n',
    );
    expect(sha(join(dir, 'models', 'production_model.pkl'))).toBe(candidate);
    const metrics = JSON.parse(readFileSync(join(dir, 'models', 'production_metrics.json'), 'utf8'));
    expect(metrics.deployed_at).toBe('2026-01-10T10:00:00.000Z');
    expect(metrics.accuracy).toBe(0.799);
    expect(readFileSync(output, 'utf8')).toBe('decision=promote\npromoted=true\nscore=85.3\n');
    const ledger = readFileSync(join(dir, 'reports', 'history.jsonl'), 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(ledger).toEqual([expect.objectContaining({ event: 'promoted', model_sha256: candidate })]);
    // the report made afterwards shows the new model as deployed
    expect((await run(['generate'], dir)).code).toBe(0);
    const report = JSON.parse(readFileSync(join(dir, 'reports', 'dashboard_report.json'), 'utf8'));
    expect(report.model.sha256).toBe(candidate);
    expect(report.model.deployed_at).toBe('2026-01-10T10:00:00.000Z');
    expect(report.decision.value).toBe('already_deployed');
  });

  it('does nothing the second time: the candidate is already deployed (exit 1, no file change, no ledger line)', async () => {
    const dir = sampleProject();
    expect((await run(['promote'], dir)).code).toBe(0);
    const ledger = join(dir, 'reports', 'history.jsonl');
    const before = [
      sha(join(dir, 'models', 'production_model.pkl')),
      sha(join(dir, 'models', 'production_metrics.json')),
      sha(ledger),
    ];
    const output = join(dir, 'github-output');
    writeFileSync(output, '');
    const r = await run(['promote'], dir, { GITHUB_OUTPUT: output, SOURCE_DATE_EPOCH: '1768125600' });
    expect(r.code).toBe(1);
    expect(r.stdout).toBe(
      'mlops-report: already deployed, nothing changed. Already deployed: the candidate is the production model\n',
    );
    expect(readFileSync(output, 'utf8')).toBe('decision=already_deployed\npromoted=false\nscore=85.3\n');
    expect([
      sha(join(dir, 'models', 'production_model.pkl')),
      sha(join(dir, 'models', 'production_metrics.json')),
      sha(ledger),
    ]).toEqual(before);
  });

  it('promotes a candidate whose metrics hold a bare NaN (Python json.dump), keeping the file as it is', async () => {
    const dir = sampleProject();
    const file = join(dir, 'models', 'candidate_metrics.json');
    writeFileSync(file, readFileSync(file, 'utf8').replace('"score": 85.3,', '"score": 85.3,\n  "log_loss": NaN,'));
    const r = await run(['promote'], dir);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const promoted = readFileSync(join(dir, 'models', 'production_metrics.json'), 'utf8');
    // the candidate's content, key order and NaN included; only deployed_at changes
    expect(promoted).toContain('"log_loss": NaN,');
    const before = parseJsonLenient(readFileSync(file, 'utf8')) as Record<string, unknown>;
    const after = parseJsonLenient(promoted) as Record<string, unknown>;
    expect(after).toEqual({ ...before, deployed_at: '2026-01-10T10:00:00.000Z' });
    expect(Object.keys(after)).toEqual(Object.keys(before));
    expect((await run(['generate'], dir)).code).toBe(0);
  });

  it('keeps production below the bar: nothing replaced, decision recorded, exit 1', async () => {
    const dir = sampleProject();
    const before = sha(join(dir, 'models', 'production_model.pkl'));
    const r = await run(['promote', '--min-score', '90'], dir);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe(
      'mlops-report: kept production. Keep production: the candidate scores 85.3, below the bar (90)\n',
    );
    expect(sha(join(dir, 'models', 'production_model.pkl'))).toBe(before);
    expect(JSON.parse(readFileSync(join(dir, 'reports', 'history.jsonl'), 'utf8')).event).toBe('kept');
  });

  it('refuses a candidate whose metric falls more than --max-regression points', async () => {
    const dir = sampleProject();
    const m = JSON.parse(readFileSync(join(dir, 'models', 'candidate_metrics.json'), 'utf8'));
    writeFileSync(join(dir, 'models', 'candidate_metrics.json'), JSON.stringify({ ...m, recall: 0.7, score: 80.5 }));
    const r = await run(['promote', '--max-regression', '5'], dir);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('Keep production: Recall falls 9.3 points, more than the 5 allowed');
    // the default is 2 points
    expect((await run(['promote', '--dry-run'], dir)).stdout).toContain(
      'Recall falls 9.3 points, more than the 2 allowed',
    );
  });

  it('changes nothing with --dry-run', async () => {
    const dir = sampleProject();
    const before = sha(join(dir, 'models', 'production_model.pkl'));
    const r = await run(['promote', '--dry-run'], dir);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('would promote the candidate (dry run: nothing changed). Deploy the candidate');
    expect(sha(join(dir, 'models', 'production_model.pkl'))).toBe(before);
    expect(existsSync(join(dir, 'reports', 'history.jsonl'))).toBe(false);
  });

  it('exits 2 when there is no candidate', async () => {
    const dir = sampleProject();
    rmSync(join(dir, 'models', 'candidate_model.pkl'));
    const r = await run(['promote'], dir);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('no candidate to promote');
  });

  it('takes --min-score as the bar from the command line', async () => {
    expect((await run(['promote', '--min-score', '101'], sampleProject())).code).toBe(2);
  });
});
