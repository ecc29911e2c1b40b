// The CLI end to end: main(argv, io) in a temporary copy of the sample for every exit
// code, and the built dist/bin.js spawned as a user would run it.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { main, type Io } from '../src/cli.js';
import { REPO, runCli, sampleProject, sha256Of } from './helpers.js';

const run = runCli;

describe('mlops-report generate', () => {
  it('writes the latest report, a timestamped copy and the JSON, and exits 0', async () => {
    const dir = sampleProject();
    const r = await run(['generate'], dir);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(
      'mlops-report: wrote reports/dashboard_report.html (copy: dashboard_report_20260110_100000.html, data: dashboard_report.json)\n',
    );
    const files = readdirSync(join(dir, 'reports')).sort();
    expect(files).toEqual([
      'dashboard_report.html',
      'dashboard_report.json',
      'dashboard_report_20260110_100000.html',
      'history.jsonl',
    ]);
    const ledger = readFileSync(join(dir, 'reports', 'history.jsonl'), 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(ledger).toEqual([
      expect.objectContaining({
        at: '2026-01-03T14:30:00Z',
        event: 'observed',
        metrics: expect.objectContaining({ accuracy: 0.793, score: 80.2 }),
      }),
    ]);
    const json = JSON.parse(readFileSync(join(dir, 'reports', 'dashboard_report.json'), 'utf8'));
    expect(json.schema_version).toBe(4);
    expect(json.generated_at).toBe('2026-01-10T10:00:00.000Z');
    expect(readFileSync(join(dir, 'reports', 'dashboard_report.html'), 'utf8')).toBe(
      readFileSync(join(dir, 'reports', 'dashboard_report_20260110_100000.html'), 'utf8'),
    );
  });

  it('never overwrites a timestamped copy: a second run in the same second gets _2', async () => {
    const dir = sampleProject();
    await run(['generate'], dir);
    const r = await run(['generate'], dir);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('dashboard_report_20260110_100000_2.html');
    // the same deployment is recorded once in the ledger
    expect(
      readFileSync(join(dir, 'reports', 'history.jsonl'), 'utf8')
        .trim()
        .split('\n'),
    ).toHaveLength(1);
  });

  it('--keep N keeps the N newest timestamped copies', async () => {
    const dir = sampleProject();
    for (const epoch of ['1768039200', '1768039260', '1768039320'])
      await run(['generate'], dir, { SOURCE_DATE_EPOCH: epoch });
    const r = await run(['generate', '--keep', '2'], dir, { SOURCE_DATE_EPOCH: '1768039380' });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('removed 2 old timestamped report(s)');
    expect(
      readdirSync(join(dir, 'reports'))
        .filter((f) => f.startsWith('dashboard_report_'))
        .sort(),
    ).toEqual(['dashboard_report_20260110_100200.html', 'dashboard_report_20260110_100300.html']);
    expect((await run(['generate', '--keep', '0'], dir)).code).toBe(2);
  });

  it('links earlier reports and renders in French with --lang fr', async () => {
    const dir = sampleProject();
    await run(['generate'], dir, { SOURCE_DATE_EPOCH: '1768039200' });
    const r = await run(['generate', '--lang', 'fr'], dir, { SOURCE_DATE_EPOCH: '1768042800' });
    expect(r.code).toBe(0);
    const html = readFileSync(join(dir, 'reports', 'dashboard_report.html'), 'utf8');
    expect(html).toContain('<html lang="fr"');
    expect(html).toContain('Métriques de performance');
    expect(html).toContain('Déployer le candidat');
    expect(html).toContain('79,3');
    expect(html).toContain('href="dashboard_report_20260110_100000.html"');
  });

  it('writes the same dashboard_report.json in every language; only the page and the messages change', async () => {
    const en = sampleProject(),
      fr = sampleProject();
    // an absent candidate gives a warning to word
    for (const dir of [en, fr]) rmSync(join(dir, 'models', 'candidate_model.pkl'));
    const a = await run(['generate', '--lang', 'en'], en);
    const b = await run(['generate', '--lang', 'fr'], fr);
    expect([a.code, b.code]).toEqual([0, 0]);
    const json = (dir: string) => readFileSync(join(dir, 'reports', 'dashboard_report.json'));
    expect(json(fr).equals(json(en))).toBe(true);
    const siblings = ['candidate_metrics.json', 'production_metrics.json', 'production_model.pkl'];
    expect(JSON.parse(json(en).toString()).warnings).toEqual([
      { code: 'no_candidate', values: { file: 'models/candidate_model.pkl', dir: 'models/', siblings, more: 0 } },
    ]);
    // discovery found the label column, and says so
    expect(a.stderr).toBe(
      "mlops-report: Label column: Category (found: its values are the model's classes (ART_AND_DESIGN, AUTO_AND_VEHICLES, BEAUTY, BOOKS_AND_REFERENCE))\n" +
        `warning: models/candidate_model.pkl not found (models/ holds ${siblings.join(', ')}): there is no candidate to compare.\n`,
    );
    expect(b.stderr).toBe(
      'mlops-report: Colonne cible : Category (trouvé : ses valeurs sont les classes du modèle (ART_AND_DESIGN, AUTO_AND_VEHICLES, BEAUTY, BOOKS_AND_REFERENCE))\n' +
        `warning: models/candidate_model.pkl introuvable (models/ contient ${siblings.join(', ')}) : il n’y a pas de candidat à comparer.\n`,
    );
    const page = readFileSync(join(fr, 'reports', 'dashboard_report.html'), 'utf8');
    expect(page).toContain('<title>Tableau de bord MLOps</title>');
    expect(page).toContain(`<li>models/candidate_model.pkl introuvable (models/ contient ${siblings.join(', ')}) :`);
  });

  it('gives the same bytes for the same inputs and SOURCE_DATE_EPOCH', async () => {
    const a = sampleProject(),
      b = sampleProject();
    await run(['generate'], a);
    await run(['generate'], b);
    expect(sha256Of(join(a, 'reports', 'dashboard_report.html'))).toBe(
      sha256Of(join(b, 'reports', 'dashboard_report.html')),
    );
  });

  it('honours --root, --models-dir, --data and --out', async () => {
    const dir = sampleProject();
    mkdirSync(join(dir, 'elsewhere'));
    const r = await run(
      ['generate', '--root', dir, '--models-dir', 'models', '--data', 'data/apps.csv', '--out', 'elsewhere/out'],
      REPO,
    );
    expect(r.code).toBe(0);
    expect(existsSync(join(dir, 'elsewhere', 'out', 'dashboard_report.html'))).toBe(true);
  });

  it('exits 1 after writing when --fail-on-regression finds a regressed metric', async () => {
    const dir = sampleProject();
    const m = JSON.parse(readFileSync(join(dir, 'models', 'candidate_metrics.json'), 'utf8'));
    writeFileSync(join(dir, 'models', 'candidate_metrics.json'), JSON.stringify({ ...m, recall: 0.5 }));
    const r = await run(['generate', '--fail-on-regression'], dir);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('the candidate regresses: recall (−29.3 points)');
    expect(existsSync(join(dir, 'reports', 'dashboard_report.html'))).toBe(true);
  });

  it('fails --fail-on-regression on a class regression alone, which by default only warns', async () => {
    // the sample's candidate gains on every core metric, but ENTERTAINMENT loses 26.8 F1 points
    const dir = sampleProject();
    expect((await run(['generate'], dir)).code).toBe(0);
    const r = await run(['generate', '--fail-on-regression'], dir);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe(
      'mlops-report: the candidate regresses: class ENTERTAINMENT (−26.8 points), class DATING (−11.4 points)\n',
    );
  });

  it('exits 0 without a candidate and says so', async () => {
    const dir = sampleProject();
    rmSync(join(dir, 'models', 'candidate_model.pkl'));
    const r = await run(['generate'], dir);
    expect(r.code).toBe(0);
    expect(r.stderr).toContain('warning: models/candidate_model.pkl not found');
  });

  // every broken input, and the previous report left intact, is in broken-inputs.test.ts
  it('exits 2 with one line and a hint on a broken input', async () => {
    const dir = sampleProject();
    writeFileSync(join(dir, 'models', 'production_model.pkl'), 'not a model');
    const r = await run(['generate'], dir);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(
      /^mlops-report: models\/production_model\.pkl: the file is text[^\n]*\n {2}hint: [^\n]+\n$/,
    );
  });

  it('exits 2 on a bad flag and 0 on --help and --version', async () => {
    expect((await run(['generate', '--bogus'], REPO)).code).toBe(2);
    expect((await run(['generate', '--lang', 'de'], REPO)).code).toBe(2);
    expect((await run([], REPO)).code).toBe(2);
    expect((await run(['--help'], REPO)).code).toBe(0);
    const v = await run(['--version'], REPO);
    expect(v.code).toBe(0);
    expect(v.stdout.trim()).toBe(JSON.parse(readFileSync(join(REPO, 'package.json'), 'utf8')).version);
  });

  it('exits 3 with a stack trace on an unexpected error', async () => {
    let stderr = '';
    const io: Io = {
      stdout: () => {
        throw new TypeError('stdout is broken');
      },
      stderr: (t) => (stderr += t),
      env: {},
      cwd: sampleProject(),
    };
    expect(await main(['generate'], io)).toBe(3);
    expect(stderr).toContain('this is a bug');
    expect(stderr).toContain('TypeError: stdout is broken');
  });
});

describe('dist/bin.js', () => {
  it('runs as a user would run it, with NO_COLOR=1', () => {
    const dir = sampleProject();
    const r = spawnSync(process.execPath, [join(REPO, 'dist', 'bin.js'), 'generate'], {
      cwd: dir,
      encoding: 'utf8',
      env: { ...process.env, NO_COLOR: '1', SOURCE_DATE_EPOCH: '1768039200' },
    });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('wrote reports/dashboard_report.html');
    expect(existsSync(join(dir, 'reports', 'dashboard_report_20260110_100000.html'))).toBe(true);
  });

  it('exits 2 on a user error, without a stack trace', () => {
    const dir = sampleProject();
    const r = spawnSync(process.execPath, [join(REPO, 'dist', 'bin.js'), 'generate', '--models-dir', 'missing'], {
      cwd: dir,
      encoding: 'utf8',
      env: { ...process.env, NO_COLOR: '1' },
    });
    expect(r.status).toBe(2);
    expect(r.stderr.split('\n')[0]).toBe('mlops-report: missing: models folder not found');
  });
});

describe('--help', () => {
  const help = async (cmd: string): Promise<string> => {
    const r = await run([cmd, '--help'], REPO);
    expect(r.code).toBe(0);
    return r.stdout;
  };
  const flagsOf = (text: string): string[] =>
    [...text.matchAll(/^ {2}(?:-\w, )?(--[\w-]+)/gm)].map((m) => m[1]!).filter((f) => f !== '--help');

  it('lists, for each command, only the flags it uses', async () => {
    const project = ['--root', '--models-dir', '--data', '--label-column', '--config'];
    expect(flagsOf(await help('generate'))).toEqual([
      ...project.slice(0, 4),
      '--out',
      '--config',
      '--lang',
      '--quiet',
      '--verbose',
      '--fail-on-regression',
      '--fail-on-unsafe',
      '--keep',
    ]);
    for (const api of ['model', 'stats', 'comparison']) expect(flagsOf(await help(api))).toEqual(project);
    expect(flagsOf(await help('promote'))).toEqual([
      ...project.slice(0, 4),
      '--out',
      '--config',
      '--quiet',
      '--min-score',
      '--max-regression',
      '--dry-run',
    ]);
    expect(flagsOf(await help('serve'))).toEqual([
      ...project.slice(0, 4),
      '--out',
      '--config',
      '--lang',
      '--quiet',
      '--port',
      '--host',
    ]);
    expect(flagsOf(await help('inspect'))).toEqual(['--json', '--fail-on']);
    expect(flagsOf(await help('init'))).toEqual(['--root', '--force', '--quiet']);
  });

  it('shows each default one way, gives an example per command, and speaks of no "old dashboard"', async () => {
    for (const cmd of ['generate', 'model', 'stats', 'comparison', 'promote', 'serve', 'inspect', 'init']) {
      const text = await help(cmd);
      // options wrap over several lines: join each option's description first
      const options = text
        .split('\nOptions:\n')[1]!
        .split('\n\n')[0]!
        .split(/\n(?= {2}-)/)
        .map((o) => o.replace(/\s+/g, ' '));
      for (const o of options) {
        expect(o.match(/default/g)?.length ?? 0, o).toBeLessThanOrEqual(1);
        expect(o, o).not.toMatch(/\(default: "/); // commander's own display, never used
      }
      expect(text).toMatch(new RegExp(`\nExamples?:\n {2}\\$ mlops-report ${cmd} `));
      expect(text).not.toMatch(/old (flask )?dashboard/i);
    }
    expect(await help('serve')).toMatch(/--port <port> +port; 0 picks a free one \(default: 5002\)/);
  });

  it.each([
    [
      ['serve', '--port', '99999'],
      "option '--port <port>' argument '99999' is invalid. expected a port from 0 to 65535",
    ],
    [['serve', '--port', '80.5'], 'expected a port from 0 to 65535'],
    [['generate', '--keep', '0'], 'expected a whole number from 1 up'],
    [['promote', '--min-score', '101'], 'expected a number from 0 to 100'],
    [['generate', '--lang', 'de'], 'expected en or fr'],
    [['inspect', '--fail-on', 'maybe', 'x.pkl'], 'expected unknown or dangerous'],
  ])('%j: exit 2, and the error gives the range', async (argv, message) => {
    const r = await run(argv, REPO);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(message);
    expect(r.stdout).toBe('');
  });
});

describe('mlops-report inspect', () => {
  const H = join(REPO, 'test', 'fixtures', 'hostile');
  const M = join(REPO, 'test', 'fixtures', 'models');

  it('summarises a model as text and exits 0', async () => {
    const r = await run(['inspect', join(M, 'grid_rf__joblib_xz.pkl')], REPO);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('GridSearchCV (sklearn.model_selection._search), scikit-learn 1.2.1');
    expect(r.stdout).toContain('joblib, xz, protocol 4');
    expect(r.stdout).toContain('safety: safe');
    expect(r.stdout).toContain('best_params_: {"max_depth":3,"n_estimators":6}');
  });

  it('prints a file it cannot read as an error on stderr, the others on stdout, and exits 2', async () => {
    const r = await run(['inspect', join(M, 'knn__pickle_p2.pkl'), join(H, 'html.pkl')], REPO);
    expect(r.code).toBe(2);
    expect(r.stdout).toContain('KNeighborsClassifier');
    expect(r.stdout).not.toContain('html.pkl');
    expect(r.stderr).toMatch(/^mlops-report: [^\n]*html\.pkl: [^\n]*HTML or XML page[^\n]*\n {2}hint: [^\n]+\n$/);
  });

  it('prints JSON with --json, an error entry for a bad file, and exits 2', async () => {
    const r = await run(['inspect', '--json', join(M, 'knn__pickle_p2.pkl'), join(H, 'html.pkl')], REPO);
    expect(r.code).toBe(2);
    const out = JSON.parse(r.stdout) as Array<Record<string, any>>;
    expect(out[0]!.inspection.estimator.class_name).toBe('KNeighborsClassifier');
    expect(out[0]!.inspection.estimator.params.algorithm).toBe('kd_tree');
    expect(out[1]!.error.code).toBe('INPUT_INVALID');
    expect(out[1]!.error.message).toMatch(/HTML or XML page/);
    expect(r.stderr).toBe(''); // --json: everything is in the JSON
  });

  it('--fail-on dangerous exits 1 for a payload and 0 for a clean model', async () => {
    expect((await run(['inspect', '--fail-on', 'dangerous', join(H, 'popen_p2.pkl')], REPO)).code).toBe(1);
    expect((await run(['inspect', '--fail-on', 'dangerous', join(M, 'tfidf_nb__pickle_p4.pkl')], REPO)).code).toBe(0);
    expect((await run(['inspect', '--fail-on', 'unknown', join(M, 'tfidf_nb__pickle_p4.pkl')], REPO)).code).toBe(1);
  });

  it('generate --fail-on-unsafe exits 1 when the deployed model carries a payload', async () => {
    const dir = sampleProject();
    writeFileSync(join(dir, 'models', 'production_model.pkl'), readFileSync(join(H, 'model_with_payload_p4.pkl')));
    const r = await run(['generate', '--fail-on-unsafe'], dir);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('dangerous imports in models/production_model.pkl');
    expect(readFileSync(join(dir, 'reports', 'dashboard_report.html'), 'utf8')).toContain(
      'Dangerous: imports that can run commands',
    );
  });
});

describe('terminal output', () => {
  const brokenRun = async (env: Record<string, string>, isTTY: boolean) => {
    let stderr = '';
    const dir = sampleProject();
    writeFileSync(join(dir, 'models', 'production_model.pkl'), 'not a model');
    await main(['generate'], { stdout: () => undefined, stderr: (t) => (stderr += t), env, cwd: dir, isTTY });
    return stderr;
  };

  it('colours the error prefix on a terminal, and not with NO_COLOR or without a terminal', async () => {
    expect((await brokenRun({}, true)).startsWith('\u001b[31mmlops-report:\u001b[0m ')).toBe(true);
    expect(await brokenRun({ NO_COLOR: '1' }, true)).toMatch(/^mlops-report: /);
    expect(await brokenRun({}, false)).toMatch(/^mlops-report: /);
  });

  it('prints the duration of each step with --verbose', async () => {
    const r = await run(['generate', '--verbose'], sampleProject());
    expect(r.stderr).toMatch(
      /mlops-report: collecting inputs: \d+ ms\nmlops-report: rendering: \d+ ms\nmlops-report: writing: \d+ ms\n/,
    );
  });

  it('shows a progress indicator on a terminal for steps longer than a second', async () => {
    let stderr = '';
    let t = 0;
    const io: Io = {
      stdout: () => undefined,
      stderr: (s) => (stderr += s),
      env: {},
      cwd: REPO,
      isTTY: true,
      monotonic: () => (t += 1),
    };
    const { step } = await import('../src/commands/io.js');
    // a step of 1.3 s on vitest's clock: the spinner starts at 1 s and turns every 100 ms
    const slowStep = async (on: Io) => {
      const done = step(on, {}, 'collecting inputs', new Promise((r) => setTimeout(r, 1300)));
      await vi.advanceTimersByTimeAsync(1300);
      await done;
    };
    vi.useFakeTimers();
    try {
      await slowStep(io);
      // frames at 1.1 s and 1.2 s; at 1.3 s the step ends and the line is wiped
      expect(stderr).toBe(`\r⠋ collecting inputs…\r⠙ collecting inputs…\r${' '.repeat(21)}\r`);
      stderr = '';
      await slowStep({ ...io, isTTY: false });
      expect(stderr).toBe('');
    } finally {
      vi.useRealTimers();
    }
  });
});
