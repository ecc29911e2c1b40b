/**
 * The Handlebars page, compiled once per Assets: `serve` renders on every change and the
 * tests render many times, and none of them should pay for compiling again. One isolated
 * instance (nothing registered globally), strict, so a misspelled field throws.
 */
import Handlebars from 'handlebars';
import { isMessageKey, translate } from '../i18n/index.js';
import type { Assets } from './assets.js';
import type { PageView } from './views/index.js';

/** What report.hbs receives: the view, plus the page's own CSP, assets and data block. */
export interface PageContext extends PageView {
  readonly live: boolean;
  readonly csp: string;
  readonly css: string;
  readonly chartJs: string;
  readonly clientJs: string;
  readonly dataJson: string;
}

export type PageTemplate = (context: PageContext) => string;

const compiled = new WeakMap<Assets, PageTemplate>();

function compile(assets: Assets): PageTemplate {
  const hb = Handlebars.create();
  // {{t "key" name=value}}: words in the page's language, which sits at the root of the context
  hb.registerHelper('t', (key: unknown, options: Handlebars.HelperOptions) => {
    if (typeof key !== 'string' || !isMessageKey(key)) throw new Error(`templates: unknown message key ${String(key)}`);
    return translate((options.data.root as PageContext).lang, key, options.hash as Record<string, unknown>);
  });
  for (const [name, source] of Object.entries(assets.partials)) {
    hb.registerPartial(name, hb.compile(source, { strict: true }));
  }
  return hb.compile<PageContext>(assets.template, { strict: true });
}

/** The compiled page for these assets, compiled on first use. */
export function pageTemplate(assets: Assets): PageTemplate {
  let template = compiled.get(assets);
  if (!template) {
    template = compile(assets);
    compiled.set(assets, template);
  }
  return template;
}
