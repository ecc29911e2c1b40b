// Each limits.* setting reaches the reader it bounds: set low in the config, the sample's
// own files are refused (or their metrics degraded) with a message naming that setting,
// and a value past its ceiling is a config error.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli, sampleProject } from './helpers.js';

function withLimits(limits: Record<string, number>): string {
  const dir = sampleProject();
  writeFileSync(join(dir, 'mlops-report.config.json'), JSON.stringify({ limits }));
  return dir;
}

describe('limits.* in the config', () => {
  it.each([
    ['max_model_bytes', 100],
    ['max_pickle_ops', 10],
    ['max_pickle_items', 10],
    ['max_memo_entries', 2],
    ['max_tree_work', 10],
    ['max_output_bytes', 1000],
    ['max_metrics_bytes', 10],
    ['max_csv_line_bytes', 10],
  ])('%s set to %d refuses the sample with a message naming it', async (key, value) => {
    const r = await runCli(['generate'], withLimits({ [key]: value }));
    expect(r.code, r.stderr).toBe(2);
    expect(r.stderr).toContain(`limits.${key}`);
  });

  it('max_metrics_depth set to 1: the metrics are unreadable, said in a warning naming it; the report is written', async () => {
    const r = await runCli(['generate'], withLimits({ max_metrics_depth: 1 }));
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toMatch(
      /production_metrics\.json is not valid JSON \(nested more than 1 levels? deep \(limit limits\.max_metrics_depth\)\)/,
    );
  });

  it.each([
    ['max_container_items', 20_000_000],
    ['max_output_bytes', 2 ** 30],
    ['max_lzma_dictionary_bytes', 2 ** 31],
  ])('%s past its ceiling is a config error', async (key, value) => {
    const r = await runCli(['generate'], withLimits({ [key]: value }));
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(new RegExp(`is not a valid config:\\n  limits\\.${key}: Too big`));
  });
});
