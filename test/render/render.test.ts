import Handlebars from 'handlebars';
import { describe, expect, it, vi } from 'vitest';
import { loadConfig } from '../../src/config/load.js';
import { collect } from '../../src/collect/index.js';
import { loadAssets, render } from '../../src/render/index.js';
import type { ReportData } from '../../src/report-data.js';
import { FIXED_NOW, sampleProject } from '../helpers.js';

const XSS = '</script><img src=x onerror=alert(1)>';

/** The sample report with attacker-controlled text in every kind of field that comes from an input. */
async function hostileReport(): Promise<ReportData> {
  const r = await collect(await loadConfig({}, sampleProject()), FIXED_NOW);
  return {
    ...r,
    title: `${XSS} {{title}} $&`,
    model: {
      ...r.model,
      model_type: XSS,
      params: { ...r.model.params, [XSS]: XSS },
      feature_names: [XSS],
      top_features: [{ feature: XSS, value: 0.5 }],
    },
    data: { ...r.data!, categories: [{ category: XSS, count: 3 }, ...r.data!.categories] },
    warnings: [{ code: 'no_data', values: { file: `${XSS}\u2028<!--` } }],
  };
}

function dataBlock(html: string): unknown {
  const m = /<script id="report-data" type="application\/json">([\s\S]*?)<\/script>/.exec(html);
  return JSON.parse(m![1]!);
}

describe('render', () => {
  it('keeps input text inert: escaped in HTML, exact in the data block', async () => {
    const report = await hostileReport();
    const html = render(report, await loadAssets(), { lang: 'en' });
    expect(html).not.toContain('<img src=x');
    expect(html).toContain('&lt;/script&gt;&lt;img src&#x3D;x onerror&#x3D;alert(1)&gt;');
    // exactly three script elements: data, chart.js, client
    expect(html.match(/<script\b/g)).toHaveLength(3);
    const data = dataBlock(html) as { report: ReportData };
    expect(data.report).toEqual(JSON.parse(JSON.stringify(report)));
    expect(data.report.model.model_type).toBe(XSS);
  });

  it('is self-contained: a CSP that allows no network, and no external URL', async () => {
    const html = render(await collect(await loadConfig({}, sampleProject()), FIXED_NOW), await loadAssets(), {
      lang: 'en',
    });
    expect(html).toMatch(
      /<meta http-equiv="Content-Security-Policy" content="default-src &#x27;none&#x27;; script-src &#x27;sha256-/,
    );
    expect(html).not.toMatch(/\b(src|href)="(https?:)?\/\//);
    expect(html).toContain('Chart.js v4.6.1');
    expect(html).not.toContain('sourceMappingURL');
  });

  it('shows every section, and says so when optional inputs are absent', async () => {
    const r = await collect(await loadConfig({}, sampleProject()), FIXED_NOW);
    const html = render(
      { ...r, candidate: null, candidate_metrics: null, comparison: null, data: null },
      await loadAssets(),
      { lang: 'en' },
    );
    for (const id of ['model', 'metrics', 'data', 'comparison']) expect(html).toContain(`data-testid="${id}"`);
    expect(html).toContain('There is no candidate model to compare.');
    expect(html).toContain('No training data was found.');
  });

  it('never calls a class at 0 % F1 good: it says never predicted, or never right', async () => {
    const r = await collect(await loadConfig({}, sampleProject()), FIXED_NOW);
    const zero = (label: string, why: 'never_predicted' | 'never_right') =>
      r.comparison!.per_class!.map((x) =>
        x.label === label ? { ...x, f1_candidate: 0, f1_delta: 0, regressed: false, candidate_zero: why } : x,
      );
    const assets = await loadAssets();
    const html = (rows: ReturnType<typeof zero>) =>
      render({ ...r, comparison: { ...r.comparison!, per_class: rows } }, assets, { lang: 'en' });
    const row = (page: string, label: string) =>
      new RegExp(`<th scope="row" class="ident">${label}</th>.*?</tr>`).exec(page)![0];
    expect(row(html(zero('COMICS', 'never_predicted')), 'COMICS')).toContain(
      '<span class="badge badge--bad"><span aria-hidden="true">✖</span> Never predicted</span>',
    );
    expect(row(html(zero('COMICS', 'never_right')), 'COMICS')).toContain('✖</span> Never right</span>');
    // production's zeros are said under its F1 when the candidate does better
    expect(row(html(r.comparison!.per_class!), 'BEAUTY')).toContain(
      '0.0%<br><span class="muted small">never predicted</span>',
    );
  });

  it('compiles the templates once per set of assets, whatever the language', async () => {
    const r = await collect(await loadConfig({}, sampleProject()), FIXED_NOW);
    const assets = { ...(await loadAssets()) };
    const create = vi.spyOn(Handlebars, 'create');
    try {
      const en = render(r, assets, { lang: 'en' });
      expect(render(r, assets, { lang: 'fr' })).toContain('<html lang="fr"');
      expect(render(r, assets, { lang: 'en' })).toBe(en);
      expect(create).toHaveBeenCalledTimes(1);
    } finally {
      create.mockRestore();
    }
  });
});
