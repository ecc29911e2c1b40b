/**
 * Per class (partials/classes.hbs): every class ordered by harm, the classes that regress or
 * are never predicted named in words, the most frequent confusions in words, and the
 * confusion matrices (large ones behind a details block).
 */
import {
  type ClassComparison,
  type ClassMetrics,
  levelOf,
  type ModelMetrics,
  type ReportData,
  type ZeroF1,
  zeroF1,
} from '../../../report-data.js';
import { LOCALES } from '../../i18n/index.js';
import { type Ctx, LEVEL_ICON, LEVEL_TONE, type Tone, ident, stackLabels } from './context.js';

/** Matrices up to this many classes are shown whole; larger ones as their top confusions first. */
export const MATRIX_MAX = 12;
/** How many confusions are written out per model. */
export const TOP_CONFUSIONS = 8;
/** Rows shown before "the other classes" (more when more are flagged); all when few more. */
export const TOP_ROWS = 10;

/**
 * Where a class goes in the order: it regresses, the judged model never gets it right, only
 * production never did (the candidate fixes it), or none of these.
 */
type Group = 'regressed' | 'zero' | 'fixed' | 'other';
const GROUP_ORDER: Readonly<Record<Group, number>> = { regressed: 0, zero: 1, fixed: 2, other: 3 };

/** One class, with what the ordering and the row need. */
export interface ClassFacts {
  readonly label: string;
  readonly support: number;
  readonly production: ClassMetrics | null;
  readonly candidate: ClassMetrics | null;
  readonly cmp: ClassComparison | null;
  readonly group: Group;
  /** Why the judged model's F1 is 0 (the candidate's when there is one). */
  readonly zero: ZeroF1 | null;
  /** F1 lost weighted by the class's apps: the bigger, the more it hurts. */
  readonly harm: number;
}

/**
 * Classes by harm: regressions first (largest F1 loss × apps), then the classes the model
 * being judged never gets right, then those only production never got right (most apps
 * first), then the rest by F1 change × apps, worst first. With no candidate, the harm is
 * production's missing F1 × apps.
 */
export function classesByHarm(r: ReportData): ClassFacts[] {
  const prod = new Map(r.metrics?.per_class?.map((x) => [x.label, x]) ?? []);
  const cand = new Map(r.candidate_metrics?.per_class?.map((x) => [x.label, x]) ?? []);
  const cmp = r.comparison?.per_class ?? null;
  const facts: ClassFacts[] = cmp
    ? cmp.map((x) => {
        const p = prod.get(x.label) ?? null,
          c = cand.get(x.label) ?? null;
        const support = c?.support ?? p?.support ?? 0;
        const zero = x.f1_candidate === null ? x.production_zero : x.candidate_zero;
        const group: Group = x.regressed ? 'regressed' : zero ? 'zero' : x.production_zero ? 'fixed' : 'other';
        return {
          label: x.label,
          support,
          production: p,
          candidate: c,
          cmp: x,
          group,
          zero,
          harm: -(x.f1_delta ?? 0) * support,
        };
      })
    : [...prod.values()].map((p) => {
        const zero = r.metrics ? zeroF1(r.metrics, p.label) : null;
        return {
          label: p.label,
          support: p.support,
          production: p,
          candidate: null,
          cmp: null,
          group: zero ? ('zero' as const) : ('other' as const),
          zero,
          harm: (1 - p.f1_score) * p.support,
        };
      });
  // ties fall back to the label, so the order never depends on the input's order
  return facts.sort(
    (a, b) =>
      GROUP_ORDER[a.group] - GROUP_ORDER[b.group] ||
      (a.group === 'zero' || a.group === 'fixed' ? b.support - a.support : b.harm - a.harm) ||
      (a.label < b.label ? -1 : a.label > b.label ? 1 : 0),
  );
}

/** A row's status, as the comparison words it: regressed, never predicted or right, else the level of its F1. */
function status(x: ClassFacts, r: ReportData, c: Ctx): { status: string; status_tone: Tone; status_icon: string } {
  if (x.cmp?.regressed) return { status: c.t('classes.regressed'), status_tone: 'bad', status_icon: '▼' };
  if (x.zero) return { status: c.t(`classes.${x.zero}`), status_tone: 'bad', status_icon: '✖' };
  const level = x.cmp ? x.cmp.level : x.production ? levelOf(x.production.f1_score, r.thresholds) : null;
  if (level === null) return { status: '—', status_tone: 'neutral', status_icon: '' };
  return { status: c.t(`metrics.level.${level}`), status_tone: LEVEL_TONE[level], status_icon: LEVEL_ICON[level] };
}

export interface ClassRowView {
  readonly label: string[];
  readonly support: string;
  readonly f1_production: string;
  /** Why production's F1 is 0 ("never predicted"), when it is and the candidate's is not. */
  readonly production_note: string | null;
  readonly f1_candidate: string;
  readonly delta: string;
  readonly delta_tone: Tone;
  readonly precision: string;
  readonly recall: string;
  readonly status: string;
  readonly status_tone: Tone;
  readonly status_icon: string;
  readonly flagged: boolean;
}

export interface ConfusionMatrixView {
  readonly title: string;
  /** Whole names: a matrix's labels never wrap (rows) or run sideways (columns). */
  readonly labels: string[];
  readonly rows: { readonly label: string; readonly cells: { readonly n: string; readonly cls: string }[] }[];
}

export interface ConfusionsView {
  readonly title: string;
  readonly items: { readonly text: string; readonly share: string }[];
  /** null when every prediction is right. */
  readonly none: string | null;
  /** Shown whole when small; behind a details block when large. */
  readonly matrix: ConfusionMatrixView;
  readonly matrix_open: boolean;
}

export interface ClassesView {
  readonly compare: boolean;
  /** Column names for the phone's stacked cards (style attribute). */
  readonly stack: string;
  /** The count column's title: "Rows", or the user's word ("Apps"). */
  readonly rows_title: string;
  readonly note: string;
  /** Sentences naming what hurts: regressions, never-predicted classes. */
  readonly findings: { readonly text: string; readonly tone: Tone }[];
  /** The worst classes, every flagged one included; the rest behind a details block. */
  readonly rows: ClassRowView[];
  readonly rest: ClassRowView[];
  readonly rest_title: string;
  readonly confusions: ConfusionsView[];
}

/** "A, B and C" in the report's language. */
const listOf = (c: Ctx, items: string[]): string =>
  new Intl.ListFormat(LOCALES[c.lang], { type: 'conjunction' }).format(items);

/** Heat levels 1–8 for a cell, as a share of its row (its true class); 0 for none. */
const heat = (n: number, rowTotal: number): number =>
  rowTotal === 0 || n === 0 ? 0 : Math.min(8, 1 + Math.floor((n / rowTotal) * 8));

function confusionsView(m: ModelMetrics, model: string, c: Ctx): ConfusionsView | null {
  const cm = m.confusion_matrix;
  if (!cm) return null;
  const totals = cm.matrix.map((row) => row.reduce((a, b) => a + b, 0));
  const off = cm.matrix
    .flatMap((row, i) => row.map((n, j) => ({ i, j, n })))
    .filter((x) => x.i !== x.j && x.n > 0)
    .sort((a, b) => b.n - a.n || a.i - b.i || a.j - b.j)
    .slice(0, TOP_CONFUSIONS);
  const n = cm.labels.length;
  return {
    title: c.t('classes.confusions_of', { model }),
    items: off.map((x) => ({
      text: c.plural('classes.confusion_item', x.n, { actual: cm.labels[x.i]!, predicted: cm.labels[x.j]! }),
      share: c.t('classes.confusion_share', { share: c.pct(x.n / totals[x.i]!, 0), actual: cm.labels[x.i]! }),
    })),
    none: off.length ? null : c.t('classes.confusions_none'),
    matrix: {
      title: c.t('classes.confusion', { model, n }),
      labels: cm.labels,
      rows: cm.matrix.map((row, i) => ({
        label: cm.labels[i] ?? '',
        cells: row.map((v, j) => {
          const h = heat(v, totals[i]!);
          // an empty cell is a zero: the quietest, and most of a large matrix
          return { n: v === 0 ? '' : c.num(v), cls: [h ? `h${h}` : '', i === j ? 'd' : ''].filter(Boolean).join(' ') };
        }),
      })),
    },
    matrix_open: n <= MATRIX_MAX,
  };
}

function findings(facts: ClassFacts[], compare: boolean, c: Ctx): ClassesView['findings'] {
  const out: ClassesView['findings'] = [];
  const named = (xs: ClassFacts[], what: (x: ClassFacts) => string): string => listOf(c, xs.map(what));
  const apps = (x: ClassFacts): string => c.rows.count(x.support);
  const regressed = facts.filter((x) => x.group === 'regressed');
  if (regressed.length)
    out.push({
      tone: 'bad',
      text: c.plural('classes.finding_regressed', regressed.length, {
        list: named(regressed, (x) => `${x.label} (${c.points(x.cmp?.f1_delta ?? 0)}, ${apps(x)})`),
      }),
    });
  const zero = facts.filter((x) => x.group === 'zero');
  if (zero.length)
    out.push({
      tone: 'bad',
      text: c.plural(compare ? 'classes.finding_zero_candidate' : 'classes.finding_zero', zero.length, {
        list: named(zero, (x) => `${x.label} (${apps(x)})`),
      }),
    });
  const fixed = facts.filter((x) => x.group === 'fixed');
  if (fixed.length)
    out.push({
      tone: 'good',
      text: c.plural('classes.finding_fixed', fixed.length, { list: named(fixed, (x) => `${x.label} (${apps(x)})`) }),
    });
  if (out.length === 0) out.push({ tone: 'good', text: c.t('classes.finding_none') });
  return out;
}

/** The first rows (at least every flagged one), and the rest unless only a few are left. */
function splitRows(rows: ClassRowView[], flagged: number, c: Ctx): Pick<ClassesView, 'rows' | 'rest' | 'rest_title'> {
  const shown = Math.max(TOP_ROWS, flagged);
  if (rows.length <= shown + 5) return { rows, rest: [], rest_title: '' };
  const rest = rows.slice(shown);
  return { rows: rows.slice(0, shown), rest, rest_title: c.plural('classes.rest', rest.length) };
}

export function classesView(r: ReportData, c: Ctx): ClassesView | null {
  const facts = classesByHarm(r);
  const compare = r.comparison?.per_class != null;
  const confusions = [
    r.metrics && confusionsView(r.metrics, c.t('comparison.production'), c),
    r.candidate_metrics && r.comparison && confusionsView(r.candidate_metrics, c.t('comparison.candidate'), c),
  ].filter((x): x is ConfusionsView => !!x);
  if (facts.length === 0 && confusions.length === 0) return null;
  const pct = (x: number | null | undefined): string => (x === null || x === undefined ? '—' : c.pct(x));
  // the tolerance is in F1 points, like the changes: "2.0 pts"
  const tolerance = c.points(r.decision.settings.class_regression_tolerance / 100).replace(/^\+/, '');
  const { t } = c;
  return {
    compare,
    stack: stackLabels(
      compare
        ? [
            c.rows.title,
            t('classes.f1_production'),
            t('classes.f1_candidate'),
            t('comparison.delta'),
            t('classes.precision'),
            t('classes.recall'),
            t('classes.status'),
          ]
        : [c.rows.title, t('classes.f1'), t('classes.precision'), t('classes.recall'), t('classes.status')],
    ),
    rows_title: c.rows.title,
    note: compare ? c.t('classes.note', { tolerance }) : c.t('classes.note_production'),
    findings: facts.length ? findings(facts, compare, c) : [],
    ...splitRows(
      facts.map((x) => {
        const shown = compare ? x.candidate : x.production;
        const d = x.cmp?.f1_delta ?? null;
        return {
          label: ident(x.label),
          support: c.num(x.support),
          f1_production: pct(x.cmp ? x.cmp.f1_production : x.production?.f1_score),
          f1_candidate: pct(x.cmp?.f1_candidate),
          delta: d === null ? '—' : c.points(d),
          delta_tone: d === null || Math.abs(d) < 1e-12 ? 'neutral' : d > 0 ? 'good' : 'bad',
          precision: pct(shown?.precision),
          recall: pct(shown?.recall),
          production_note:
            x.cmp?.production_zero && x.cmp.f1_candidate !== null
              ? c.t(`classes.${x.cmp.production_zero}`).toLowerCase()
              : null,
          ...status(x, r, c),
          flagged: x.group === 'regressed' || x.group === 'zero',
        };
      }),
      facts.filter((x) => x.group !== 'other').length,
      c,
    ),
    confusions,
  };
}
