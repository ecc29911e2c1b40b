// safety.allow in the config: it lifts a team's own classes from unknown to safe, and can
// never make anything dangerous safe (the config is written by whoever opens the pull
// request). A config error lists each problem on its own line, escaped for the terminal.
import { copyFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO, runCli, tempProject } from './helpers.js';

/** A folder with the wrapped-model fixture (it imports __main__.ModelWrapper) and this config. */
function project(allow: string[]): string {
  const dir = tempProject();
  copyFileSync(join(REPO, 'test', 'fixtures', 'wrapped', 'custom_wrapper.pkl'), join(dir, 'model.pkl'));
  copyFileSync(join(REPO, 'test', 'fixtures', 'hostile', 'os_system_p4.pkl'), join(dir, 'payload.pkl'));
  writeFileSync(join(dir, 'mlops-report.config.json'), JSON.stringify({ safety: { allow } }));
  return dir;
}

const safetyOf = async (dir: string, file: string) => {
  const r = await runCli(['inspect', '--json', file], dir);
  expect(r.code, r.stderr).toBe(0);
  return JSON.parse(r.stdout)[0].inspection.safety;
};

describe('safety.allow', () => {
  it('leaves a custom class unknown when the config does not name it', async () => {
    expect((await safetyOf(project([]), 'model.pkl')).verdict).toBe('unknown');
  });

  it.each([['__main__.ModelWrapper'], ['__main__.*']])('%s makes it safe, saying why', async (entry) => {
    const s = await safetyOf(project([entry]), 'model.pkl');
    expect(s.verdict).toBe('safe');
    expect(s.imports.find((i: { name: string }) => i.name === '__main__.ModelWrapper').reason).toBe('config-allow');
  });

  it('does not change a dangerous file', async () => {
    expect((await safetyOf(project(['mypkg.Thing', 'mypkg.*']), 'payload.pkl')).verdict).toBe('dangerous');
  });

  it.each([
    ['posix.system', /posix\.system is dangerous/],
    ['numpy.load', /numpy\.load is dangerous/],
    ['sklearn.base.os', /sklearn\.base\.os is dangerous/], // the attribute os of sklearn.base is the os module
    ['builtins.eval', /builtins\.eval is dangerous/],
    ['sklearn.*', /a whole module of sklearn cannot be allowed/],
    ['builtins.*', /builtins\.\* is dangerous|a whole module of builtins cannot be allowed/],
    ['not an entry', /expected module\.Name or module\.\*/],
  ])('refuses %s as a config error', async (entry, message) => {
    const r = await runCli(['inspect', 'model.pkl'], project([entry]));
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message);
  });

  it('lists every problem of a config on its own line', async () => {
    const r = await runCli(['inspect', 'model.pkl'], project(['os.system', 'numpy.load']));
    expect(r.code).toBe(2);
    const lines = r.stderr.split('\n');
    expect(lines.some((l) => /^ {2}safety\.allow: os\.system is dangerous/.test(l))).toBe(true);
    expect(lines.some((l) => /^ {2}safety\.allow: numpy\.load is dangerous/.test(l))).toBe(true);
    expect(r.stderr).not.toContain('\\n');
  });
});
