// The live dashboard over real HTTP on an ephemeral port.
import { readFileSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { main, type Io } from '../src/cli.js';
import { sampleProject } from './helpers.js';

interface Running {
  url: string;
  stop: () => Promise<number>;
}

async function serve(dir: string): Promise<Running> {
  let stdout = '';
  let shutdown: (() => void) | null = null;
  const io: Io = {
    stdout: (t) => (stdout += t),
    stderr: () => undefined,
    env: { SOURCE_DATE_EPOCH: '1768039200' },
    cwd: dir,
    onShutdown: (h) => (shutdown = h),
  };
  const exit = main(['serve', '--port', '0'], io);
  for (let i = 0; i < 200 && !/serving (\S+)/.test(stdout); i++) await new Promise((r) => setTimeout(r, 10));
  const url = /serving (\S+)/.exec(stdout)![1]!;
  return {
    url,
    stop: async () => {
      shutdown!();
      return exit;
    },
  };
}

let running: Running | null = null;
afterEach(async () => {
  if (running) await running.stop();
  running = null;
});

describe('mlops-report serve', () => {
  it('serves the report, refreshing itself, and the old JSON API', async () => {
    running = await serve(sampleProject());
    const page = await fetch(`${running.url}/`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8');
    const html = await page.text();
    expect(html).toContain('<meta http-equiv="refresh" content="30">');
    expect(html).toContain('data-testid="refresh"');
    const model = await (await fetch(`${running.url}/api/model`)).json();
    expect(model).toMatchObject({
      deployed: true,
      model_type: 'RandomForestClassifier',
      n_estimators: 100,
      max_depth: 10,
    });
    expect((await (await fetch(`${running.url}/api/stats`)).json()).total_apps).toBe(9309);
    expect((await (await fetch(`${running.url}/api/comparison`)).json()).decision.value).toBe('promote');
    const health = await fetch(`${running.url}/health`);
    expect(health.status).toBe(200);
    expect(await health.json()).toMatchObject({ status: 'ok', deployed: true });
    expect((await fetch(`${running.url}/nope`)).status).toBe(404);
    expect((await fetch(`${running.url}/api/model`, { method: 'POST' })).status).toBe(405);
  });

  it('collects again only when an input changed (its size or time), not on every request', async () => {
    const dir = sampleProject();
    const file = join(dir, 'models', 'production_metrics.json');
    const then = new Date('2026-01-05T12:00:00Z'); // whole seconds: utimes restores it exactly
    utimesSync(file, then, then);
    running = await serve(dir);
    const url = running.url;
    const accuracy = async () => (await (await fetch(`${url}/api/model`)).json()).metrics.accuracy;
    expect(await accuracy()).toBe(0.793);
    // new content of the same size and time: nothing says it changed, so the cached report answers
    writeFileSync(file, readFileSync(file, 'utf8').replace('"accuracy": 0.793,', '"accuracy": 0.500,'));
    utimesSync(file, then, then);
    expect(await accuracy()).toBe(0.793);
    // a new modification time: collected again
    const later = new Date(then.getTime() + 5000);
    utimesSync(file, later, later);
    expect(await accuracy()).toBe(0.5);
  });

  it('answers 503 with the error while an input is broken, then recovers', async () => {
    const dir = sampleProject();
    running = await serve(dir);
    const file = join(dir, 'models', 'production_metrics.json');
    const good = readFileSync(file, 'utf8');
    writeFileSync(file, '{ broken');
    const r = await fetch(`${running.url}/api/model`);
    expect(r.status).toBe(503);
    expect((await r.json()).error).toMatch(/production_metrics\.json: not valid JSON/);
    expect((await (await fetch(`${running.url}/health`)).json()).status).toBe('error');
    writeFileSync(file, good);
    const later = new Date(Date.now() + 10_000);
    utimesSync(file, later, later);
    expect((await fetch(`${running.url}/api/model`)).status).toBe(200);
  });

  it('shuts down cleanly on SIGINT/SIGTERM and exits 0', async () => {
    const r = await serve(sampleProject());
    expect(await r.stop()).toBe(0);
    await expect(fetch(`${r.url}/health`)).rejects.toThrow();
  });
});
