// ESLint: the recommended JavaScript and TypeScript rules, and the layer rules of
// CONTRIBUTING.md ("Layout") as no-restricted-imports. test/architecture.test.ts checks
// that each layer rule is enforced.
import js from '@eslint/js';
import globals from 'globals';
import { defineConfig } from 'eslint/config';
import tseslint from 'typescript-eslint';

/** An import of the folder `dir` of src/ from anywhere below src/ (relative imports only). */
const into = (dir) => `^(\\./|(\\.\\./)+)${dir}(/|\\.js$)`;

const forbid = (dirs, why) => ({ regex: dirs.map(into).join('|'), message: why });

const NOT_COMMANDS = forbid(['commands', 'cli'], 'only cli.ts wires commands; nothing below them imports them');
const NOT_COMMANDS_BIN = forbid(['commands'], 'bin.ts calls main() in cli.ts, which wires the commands');

/** Which src/ folders each layer may not import. Later entries never overlap earlier ones. */
const LAYERS = [
  {
    files: ['src/collect/**/*.ts'],
    patterns: [
      forbid(['render', 'serve'], 'collect/ gathers data; it never imports render/ (or serve/)'),
      NOT_COMMANDS,
    ],
  },
  {
    files: ['src/render/**/*.ts'],
    patterns: [
      forbid(['collect', 'write', 'serve'], 'render/ turns ReportData into text; it never imports collect/ or write/'),
      NOT_COMMANDS,
    ],
  },
  { files: ['src/write/**/*.ts', 'src/serve/**/*.ts'], patterns: [NOT_COMMANDS] },
  { files: ['src/bin.ts'], patterns: [NOT_COMMANDS_BIN] },
  {
    files: ['src/config/**/*.ts', 'src/errors.ts', 'src/input-file.ts'],
    patterns: [
      forbid(['collect', 'render', 'write', 'serve'], 'config/, errors.ts and input-file.ts sit below every step'),
      NOT_COMMANDS,
    ],
  },
  {
    files: ['src/report-data.ts'],
    patterns: [{ regex: '^\\.', message: 'report-data.ts is the contract: it imports nothing from src/' }],
  },
  { files: ['src/cli.ts', 'src/commands/**/*.ts'], patterns: [] },
];

// nothing below main() touches the process: bin.ts hands main() what it needs
const PROCESS = 'only src/bin.ts touches process; main() gets it through Io';
const NO_PROCESS_MODULE = ['process', 'node:process'].map((name) => ({ name, message: PROCESS }));

export default defineConfig(
  { ignores: ['dist/', 'assets/', 'coverage/', 'reports/', 'bench/work/', 'node_modules/', 'templates/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { ecmaVersion: 2022, sourceType: 'module', globals: globals.node },
    // `[a, at] = f()` where only `at` changes later is fine
    rules: { 'prefer-const': ['error', { destructuring: 'all' }] },
  },
  {
    // tests read the JSON the tool prints, whose shape the schemas and assertions check
    files: ['test/**/*.ts'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
  ...LAYERS.map(({ files, patterns }) => ({
    files,
    rules: {
      'no-restricted-imports': ['error', { patterns, paths: files.includes('src/bin.ts') ? [] : NO_PROCESS_MODULE }],
    },
  })),
  {
    files: ['src/**/*.ts'],
    ignores: ['src/bin.ts'],
    rules: { 'no-restricted-globals': ['error', { name: 'process', message: PROCESS }] },
  },
);
