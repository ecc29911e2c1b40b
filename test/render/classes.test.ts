// The first screen and the per-class section, on the sample: its metrics files were written
// by scikit-learn (classification_report, confusion_matrix), so every count and F1 below is
// scikit-learn's. Production never predicts 7 of 33 classes; the candidate fixes them but
// loses ENTERTAINMENT (F1 72.3% → 45.5%, 30 apps) and DATING (82.1% → 70.7%, 41 apps).
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { collect } from '../../src/collect/index.js';
import { loadConfig } from '../../src/config/load.js';
import type { ReportData } from '../../src/report-data.js';
import { classesView } from '../../src/render/html/views/classes.js';
import { contextFor, type Ctx } from '../../src/render/html/views/context.js';
import { kpisView } from '../../src/render/html/views/kpis.js';
import { FIXED_NOW, sampleProject } from '../helpers.js';

let sample: ReportData;
let alone: ReportData; // the same project with no candidate
beforeAll(async () => {
  sample = await collect(await loadConfig({}, sampleProject()), FIXED_NOW);
  const dir = sampleProject();
  rmSync(join(dir, 'models', 'candidate_model.pkl'));
  rmSync(join(dir, 'models', 'candidate_metrics.json'));
  alone = await collect(await loadConfig({}, dir), FIXED_NOW);
  en = contextFor('en', sample.data!.row_noun); // the sample's config calls its rows apps
});

let en: Ctx;
const names = (rows: { label: string[] }[]) => rows.map((r) => r.label.join(''));

describe('per class, by harm', () => {
  it('puts regressions first, then the classes production never predicts (most apps first)', () => {
    const v = classesView(sample, en)!;
    expect(names(v.rows).slice(0, 9)).toEqual([
      'ENTERTAINMENT', // −26.8 pts × 30 apps
      'DATING', // −11.4 pts × 41 apps
      'LIBRARIES_AND_DEMO', // 19 apps, F1 0 in production
      'ART_AND_DESIGN', // 16
      'AUTO_AND_VEHICLES', // 11
      'WEATHER', // 10
      'EVENTS', // 9
      'PARENTING', // 7
      'BEAUTY', // 3
    ]);
    expect(v.rows.map((r) => r.status).slice(0, 3)).toEqual(['Regressed', 'Regressed', 'To improve']);
    // production never predicted LIBRARIES_AND_DEMO: said under its 0.0%, the candidate's 72.7% graded
    expect(v.rows[2]).toMatchObject({
      f1_production: '0.0%',
      production_note: 'never predicted',
      f1_candidate: '72.7%',
    });
    // every class is there once: the first rows, then the others behind a details block
    expect(new Set([...names(v.rows), ...names(v.rest)]).size).toBe(33);
    expect(v.rest_title).toBe(`The other ${v.rest.length} classes`);
    // the largest gain weighted by apps comes last: FAMILY, +18.9 pts on 338 apps
    expect(names(v.rest).at(-1)).toBe('FAMILY');
  });

  it('names what hurts in words', () => {
    expect(classesView(sample, en)!.findings.map((f) => f.text)).toEqual([
      '2 classes regress: ENTERTAINMENT (−26.8 pts, 30 apps) and DATING (−11.4 pts, 41 apps).',
      'The candidate gets 7 classes right that production never did: LIBRARIES_AND_DEMO (19 apps), ART_AND_DESIGN (16 apps), AUTO_AND_VEHICLES (11 apps), WEATHER (10 apps), EVENTS (9 apps), PARENTING (7 apps) and BEAUTY (3 apps).',
    ]);
    expect(classesView(alone, contextFor('fr', alone.data!.row_noun))!.findings.map((f) => f.text)).toEqual([
      'La production se trompe toujours sur 7 classes : LIBRARIES_AND_DEMO (19 applications), ART_AND_DESIGN (16 applications), AUTO_AND_VEHICLES (11 applications), WEATHER (10 applications), EVENTS (9 applications), PARENTING (7 applications) et BEAUTY (3 applications).',
    ]);
  });

  it('writes the most frequent confusions out, and puts a 33 × 33 matrix behind a details block', () => {
    const [production, candidate] = classesView(sample, en)!.confusions;
    expect(production!.items.slice(0, 4).map((i) => `${i.text} (${i.share})`)).toEqual([
      '43 TOOLS predicted as FAMILY (25% of TOOLS)',
      '17 PRODUCTIVITY predicted as FAMILY (27% of PRODUCTIVITY)',
      '17 VIDEO_PLAYERS predicted as FAMILY (52% of VIDEO_PLAYERS)',
      '16 ART_AND_DESIGN predicted as FAMILY (100% of ART_AND_DESIGN)',
    ]);
    expect(candidate!.items[0]!.text).toBe('34 FAMILY predicted as PARENTING');
    expect(production!.matrix_open).toBe(false);
    expect(production!.matrix.rows).toHaveLength(33);
  });

  it('shows a small matrix whole', () => {
    const labels = ['a_b', 'c', 'd'];
    const small: ReportData = {
      ...alone,
      metrics: {
        ...alone.metrics!,
        confusion_matrix: {
          labels,
          matrix: [
            [5, 1, 0],
            [0, 4, 2],
            [3, 0, 7],
          ],
        },
      },
    };
    const [v] = classesView(small, en)!.confusions;
    expect(v!.matrix_open).toBe(true);
    expect(v!.items.map((i) => i.text)).toEqual(['3 d predicted as a_b', '2 c predicted as d', '1 a_b predicted as c']);
    // shaded within each row: a row's largest cell is the darkest, whatever the other rows hold
    expect(v!.matrix.rows.map((r) => r.cells.map((x) => x.cls))).toEqual([
      ['h7 d', 'h2', ''],
      ['', 'h6 d', 'h3'],
      ['h3', '', 'h6 d'],
    ]);
    expect(v!.matrix.labels).toEqual(['a_b', 'c', 'd']);
    // zeros are empty cells, the quietest of the matrix
    expect(v!.matrix.rows[0]!.cells.map((x) => x.n)).toEqual(['5', '1', '']);
  });
});

describe('the first screen', () => {
  it('shows both scores with their change, the weakest metric and the worst class, each with its level', () => {
    const cards = kpisView(sample, en).map((k) => ({
      id: k.id,
      value: k.value.join(''),
      level: k.level?.text ?? null,
      sub: k.sub,
    }));
    expect(cards).toEqual([
      { id: 'production', value: '80.2/100', level: 'Good', sub: 'RandomForestClassifier' },
      { id: 'candidate', value: '85.3/100', level: 'Excellent', sub: '+5.1 pts against production' },
      { id: 'weakest', value: 'Accuracy 79.9%', level: 'Good', sub: 'candidate · production 79.3%' },
      { id: 'worst', value: 'PARENTING', level: 'To improve', sub: 'F1 5.5% · 7 apps' },
    ]);
  });

  it('does not flatter a model that never predicts 7 classes', () => {
    const cards = kpisView(alone, en);
    expect(cards.map((k) => k.value.join(''))).toEqual([
      '80.2/100',
      'None to compare',
      'F1 78.6%',
      'LIBRARIES_AND_DEMO',
    ]);
    const worst = cards[3]!;
    expect(worst.level).toEqual({ tone: 'bad', icon: '✖', text: 'Never predicted' });
    expect(worst.sub).toBe('F1 0.0% · 19 apps · 6 more classes at F1 0');
    expect(worst.tone).toBe('bad');
  });
});
