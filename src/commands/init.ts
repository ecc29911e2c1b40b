/**
 * `mlops-report init`: finds the inputs as `generate` would with no configuration, prints
 * them (one line each, with why), and writes mlops-report.config.json naming them, for the
 * user to adjust. An existing config file is replaced only with --force; what is written is
 * checked by the config schema first.
 */
import { join, relative, resolve } from 'node:path';
import { collect } from '../collect/index.js';
import { exists } from '../collect/inputs.js';
import { clockFrom } from '../config/clock.js';
import { CONFIG_FILE, parseConfigFile, resolveConfig } from '../config/load.js';
import type { RawConfig } from '../config/schema.js';
import { ReportError, fromFsError } from '../errors.js';
import type { ReportData } from '../report-data.js';
import { inputLines } from '../render/inputs-text.js';
import { replaceFiles } from '../write/atomic.js';
import { EXIT, type Io, type Outcome } from './io.js';

export interface InitFlags {
  readonly root?: string;
  readonly force?: boolean;
  readonly quiet?: boolean;
}

/** The config that names what was found: paths relative to the root, models_dir the root itself. */
export function configFor(report: ReportData): RawConfig {
  const value = (role: string): string | undefined =>
    report.inputs.chosen.find((c) => c.role === role)?.value ?? undefined;
  const models = {
    production_model: value('production_model'),
    production_metrics: value('production_metrics'),
    candidate_model: value('candidate_model'),
    candidate_metrics: value('candidate_metrics'),
  };
  const data = value('data');
  const label = value('label_column');
  return {
    // the model and metrics paths below are relative to the root, wherever they are
    models_dir: '.',
    models: Object.fromEntries(Object.entries(models).filter(([, v]) => v !== undefined)),
    ...(data ? { data } : {}),
    ...(label ? { data_options: { label_column: label } } : {}),
  };
}

export async function initCommand(flags: InitFlags, io: Io): Promise<Outcome> {
  const root = resolve(io.cwd, flags.root ?? '.');
  const target = join(root, CONFIG_FILE);
  const shown = relative(io.cwd, target) || CONFIG_FILE;
  if (!flags.force && (await exists(target)))
    throw new ReportError('OUTPUT_FAILED', `${shown} already exists; it was left as it is`, {
      hint: 'pass --force to replace it, or edit it',
    });
  // as with no configuration at all: the existing file (replaced with --force) is not read
  const config = resolveConfig(parseConfigFile({}, CONFIG_FILE), {}, root, null, io.env);
  const report = await collect(config, clockFrom(io.env));
  const written = configFor(report);
  parseConfigFile(written, CONFIG_FILE); // what init writes, generate must accept
  await replaceFiles([{ target, data: `${JSON.stringify(written, null, 2)}\n` }]).catch((e: unknown) => {
    throw fromFsError(e, shown, { code: 'OUTPUT_FAILED', write: true, action: 'write the config file' });
  });
  if (!flags.quiet) {
    for (const line of inputLines(report, 'en')) io.stderr(`mlops-report: ${line}\n`);
    io.stdout(`mlops-report: wrote ${shown}; edit it when a guess is wrong\n`);
  }
  return { code: EXIT.OK, detail: shown };
}
