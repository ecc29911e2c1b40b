// Words and numbers per language: plural forms by CLDR's rules (French counts 0 and 1.5 as
// singular), numbers written the language's way, and a French catalogue as complete as English.
import { describe, expect, it } from 'vitest';
import { formatPoints } from '../../src/render/format.js';
import {
  MESSAGES,
  metricName,
  rowWords,
  translatePlural,
  warningText,
  type MessageKey,
} from '../../src/render/i18n/index.js';

const NNBSP = '\u202f'; // French thousands separator

describe('plural forms', () => {
  it.each([
    ['en', 1, '1 row'],
    ['en', 9309, '9,309 rows'],
    ['fr', 0, '0 ligne'],
    ['fr', 1, '1 ligne'],
    ['fr', 2, '2 lignes'],
    ['fr', 9309, `9${NNBSP}309 lignes`],
    ['fr', 1_000_000, `1${NNBSP}000${NNBSP}000 lignes`],
  ] as const)('%s: %i → %s', (lang, count, text) => {
    expect(translatePlural(lang, 'kpi.rows', count)).toBe(text);
  });

  it("uses the project's own word for a row when the config gives one (data_options.row_noun)", () => {
    const apps = { one: 'app', other: 'apps', fr: { one: 'application', other: 'applications' } };
    expect([rowWords('en', apps).count(1), rowWords('en', apps).count(9309), rowWords('en', apps).title]).toEqual([
      '1 app',
      '9,309 apps',
      'Apps',
    ]);
    expect([rowWords('fr', apps).count(0), rowWords('fr', apps).count(2), rowWords('fr', apps).title]).toEqual([
      '0 application',
      '2 applications',
      'Applications',
    ]);
    // no French words given: the English ones, in French number and plural rules
    const patients = { one: 'patient', other: 'patients' };
    expect([rowWords('fr', patients).count(1.5), rowWords('fr', patients).count(303)]).toEqual([
      '1,5 patient',
      '303 patients',
    ]);
    expect([rowWords('en', null).count(1), rowWords('fr', null).title]).toEqual(['1 row', 'Lignes']);
  });

  it('gives warnings that count their plural form, in either language', () => {
    const ledger = (count: number) => ({ code: 'ledger' as const, values: { file: 'reports/history.jsonl', count } });
    expect(warningText('en', ledger(1))).toBe('reports/history.jsonl: 1 line could not be read and was skipped.');
    expect(warningText('en', ledger(3))).toBe('reports/history.jsonl: 3 lines could not be read and were skipped.');
    expect(warningText('fr', ledger(1))).toBe('reports/history.jsonl : 1 ligne illisible a été ignorée.');
  });
});

describe('the catalogues', () => {
  it('have the same keys, with the same placeholders', () => {
    const keys = Object.keys(MESSAGES.en) as MessageKey[];
    expect(Object.keys(MESSAGES.fr).sort()).toEqual([...keys].sort());
    const names = (m: string) => [...m.matchAll(/\{(\w+)\}/g)].map((x) => x[1]).sort();
    for (const k of keys) expect([k, names(MESSAGES.fr[k])]).toEqual([k, names(MESSAGES.en[k])]);
  });

  it('name the four metrics one way, the file keys never shown for them', () => {
    expect(['accuracy', 'precision', 'recall', 'f1_score'].map((k) => metricName('en', k))).toEqual([
      'Accuracy',
      'Precision',
      'Recall',
      'F1',
    ]);
    expect(metricName('fr', 'f1_score')).toBe('F1');
    // the other metrics the adapters know have their usual names; an unknown key is shown as the file names it
    expect(['r2', 'rmse', 'mae', 'log_loss'].map((k) => metricName('en', k))).toEqual([
      'R²',
      'RMSE',
      'MAE',
      'Log loss',
    ]);
    expect(metricName('en', 'brier_score')).toBe('brier_score');
  });
});

describe('percentage points', () => {
  it.each([
    ['en', 0.006, '+0.6 pts'],
    ['en', -0.113616, '−11.4 pts'],
    ['en', 0, '0.0 pts'],
    ['fr', 0.006, '+0,6 pt'],
    ['fr', 0.015, '+1,5 pt'],
    ['fr', 0.051, '+5,1 pts'],
    ['fr', -0.268, '−26,8 pts'],
  ] as const)('%s: %f → %s', (lang, delta, text) => {
    expect(formatPoints(lang, delta)).toBe(text);
  });
});
