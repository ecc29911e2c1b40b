/**
 * ReportData → Chart.js configurations: plain JSON, no callbacks, so they travel in the
 * data block and the client script only calls `new Chart(canvas, config)`. Colours come
 * from a fixed palette; the client script sets text and grid colours from CSS variables
 * so the charts follow dark mode.
 */
import { METRIC_KEYS, type Lang, type MetricKey, type ModelMetrics, type ReportData } from '../../report-data.js';
import { LOCALES, rowWords, translate } from '../i18n/index.js';
import { formatDate } from '../format.js';

export type ChartConfig = Readonly<Record<string, unknown>>;

const PERCENT_KEYS: ReadonlySet<MetricKey> = new Set(['accuracy', 'precision', 'recall', 'f1_score', 'roc_auc', 'r2']);

/**
 * One meaning per colour across the page: the two models (the same hex in report.css
 * --production and --candidate) and a neutral slate for the data itself. Levels keep
 * green, amber and red, which no chart uses.
 */
export const PALETTE = {
  production: '#6366f1',
  candidate: '#0d9488',
  neutral: '#64748b',
} as const;

/** No legend inside a chart: the page's HTML legends say what each colour and line is. */
const base = (lang: Lang, indexAxis: 'x' | 'y', axisTitle: string | null, max?: number): Record<string, unknown> => ({
  // numbers on the axes and in tooltips written the language's way ("1 000" in French)
  locale: LOCALES[lang],
  indexAxis,
  responsive: true,
  maintainAspectRatio: false,
  animation: false,
  plugins: { tooltip: { enabled: true } },
  scales: {
    [indexAxis === 'y' ? 'x' : 'y']: {
      beginAtZero: true,
      ...(max === undefined ? {} : { max }),
      title: { display: axisTitle !== null, text: axisTitle ?? '' },
    },
    [indexAxis]: { ticks: { autoSkip: false } },
  },
});

const round = (x: number, digits = 2): number => Math.round(x * 10 ** digits) / 10 ** digits;

/** Production (and candidate) metrics in percent. */
function metricsChart(r: ReportData, lang: Lang): ChartConfig | null {
  if (!r.metrics && !r.candidate_metrics) return null;
  // the percent chart holds the fractions (and R² as a percentage); errors have no common scale
  const onChart = (k: MetricKey): boolean => PERCENT_KEYS.has(k);
  const keys = [...new Set([...(r.metrics?.metrics ?? []), ...(r.candidate_metrics?.metrics ?? [])].map((m) => m.key))]
    .filter(onChart)
    .sort((a, b) => METRIC_KEYS.indexOf(a) - METRIC_KEYS.indexOf(b));
  if (keys.length === 0) return null;
  const t = (k: MetricKey): string => translate(lang, `metrics.${k}`);
  const values = (m: ModelMetrics): (number | null)[] =>
    keys.map((k) => {
      const v = m.metrics.find((x) => x.key === k)?.value;
      return v === undefined ? null : round(v * 100);
    });
  const datasets = [
    r.metrics && {
      label: translate(lang, 'comparison.production'),
      data: values(r.metrics),
      backgroundColor: PALETTE.production,
      borderRadius: 4,
    },
    r.candidate_metrics && {
      label: translate(lang, 'comparison.candidate'),
      data: values(r.candidate_metrics),
      backgroundColor: PALETTE.candidate,
      borderRadius: 4,
    },
  ].filter(Boolean);
  return {
    type: 'bar',
    data: { labels: keys.map(t), datasets },
    options: base(lang, 'x', '%', 100),
  };
}

function categoriesChart(r: ReportData, lang: Lang): ChartConfig | null {
  if (!r.data || r.data.categories.length === 0) return null;
  const cats = r.data.categories;
  return {
    type: 'bar',
    data: {
      // whole names: the client script shortens axis labels (from the end) to the chart's width
      labels: cats.map((c) => c.category || translate(lang, 'data.empty_category')),
      datasets: [
        {
          label: rowWords(lang, r.data.row_noun).title,
          data: cats.map((c) => c.count),
          backgroundColor: PALETTE.neutral,
          borderRadius: 3,
        },
      ],
    },
    options: base(lang, 'y', rowWords(lang, r.data.row_noun).title),
  };
}

function importancesChart(r: ReportData, lang: Lang): ChartConfig | null {
  const top = r.model.top_features;
  if (!top || top.length === 0) return null;
  const coefficients = r.model.top_features_kind === 'coefficient';
  return {
    type: 'bar',
    data: {
      labels: top.map((f) => f.feature),
      datasets: [
        {
          label: translate(lang, coefficients ? 'model.coefficient' : 'model.importance'),
          data: top.map((f) => (coefficients ? round(Number(f.value), 4) : round(Number(f.value) * 100))),
          backgroundColor: PALETTE.production,
          borderRadius: 3,
        },
      ],
    },
    options: base(lang, 'y', coefficients ? translate(lang, 'model.coefficient') : '%'),
  };
}

/** A round axis floor 5+ points below every plotted value. */
function lowest(points: ReportData['history']['points']): number {
  const values = points.flatMap((p) => [
    p.score,
    ...[p.accuracy, p.f1_score].filter((x): x is number => x !== null).map((x) => x * 100),
  ]);
  return Math.max(0, Math.floor((Math.min(...values) - 5) / 10) * 10);
}

/** The production score and two metrics per past deployment, all on a 0–100 axis. */
function historyChart(r: ReportData, lang: Lang): ChartConfig | null {
  const points = r.history.points;
  if (points.length < 2) return null; // one point is not a trend; the table shows it
  // all three lines are production's: one colour, told apart by their dashes and point shapes
  const line = (label: string, data: (number | null)[], dash: number[], pointStyle: string) => ({
    label,
    data,
    borderColor: PALETTE.production,
    backgroundColor: PALETTE.production,
    borderDash: dash,
    pointStyle,
    tension: 0.2,
    spanGaps: true,
    pointRadius: 3,
  });
  const pct = (x: number | null): number | null => (x === null ? null : round(x * 100));
  return {
    type: 'line',
    data: {
      labels: points.map((p) => (formatDate(lang, p.at) ?? p.at).replace(/,? \d\d:\d\d UTC$/, '')),
      datasets: [
        line(
          translate(lang, 'history.score'),
          points.map((p) => p.score),
          [],
          'circle',
        ),
        line(
          translate(lang, 'metrics.accuracy'),
          points.map((p) => pct(p.accuracy)),
          [6, 4],
          'rect',
        ),
        line(
          translate(lang, 'metrics.f1_score'),
          points.map((p) => pct(p.f1_score)),
          [2, 3],
          'triangle',
        ),
      ],
    },
    // the axis starts near the lowest value, so a move of a few points shows
    options: {
      ...base(lang, 'x', null, 100),
      scales: { y: { min: lowest(points), max: 100 }, x: { ticks: { autoSkip: true, maxRotation: 0 } } },
    },
  };
}

/** Every chart of the report by canvas id; a chart with no data is left out. */
export function buildCharts(r: ReportData, lang: Lang): Record<string, ChartConfig> {
  const all: Record<string, ChartConfig | null> = {
    metrics: metricsChart(r, lang),
    categories: categoriesChart(r, lang),
    importances: importancesChart(r, lang),
    history: historyChart(r, lang),
  };
  return Object.fromEntries(Object.entries(all).filter((e): e is [string, ChartConfig] => e[1] !== null));
}
