/**
 * The Handlebars page, compiled once per Assets: `serve` renders on every change and the
 * tests render many times, and none of them should pay for compiling again. One isolated
 * instance (nothing registered globally), strict, so a misspelled field throws.
 */
import Handlebars from 'handlebars';
import { isMessageKey, translate } from '../i18n/index.js';
import type { Assets } from './assets.js';
import type { PageView } from './views/index.js';
import type { LiveView } from './views/live.js';

/** What every page receives besides its view: its CSP and our own CSS and scripts. */
interface PageChrome {
  readonly lang: PageView['lang'];
  readonly title: string;
  readonly live: LiveView | null;
  readonly csp: string;
  readonly css: string;
  readonly chartJs: string;
  readonly clientJs: string;
}

/** What report.hbs receives: the view, plus the page's own CSP, assets and data block. */
export interface PageContext extends PageView, PageChrome {
  readonly dataJson: string;
}

/** What unavailable.hbs receives (serve, before any report could be made). */
export type UnavailableContext = PageChrome;

export type PageTemplate = (context: PageContext) => string;
export type UnavailableTemplate = (context: UnavailableContext) => string;

interface Compiled {
  readonly page: PageTemplate;
  readonly unavailable: UnavailableTemplate;
}

const compiled = new WeakMap<Assets, Compiled>();

function compile(assets: Assets): Compiled {
  const hb = Handlebars.create();
  // {{t "key" name=value}}: words in the page's language, which sits at the root of the context
  hb.registerHelper('t', (key: unknown, options: Handlebars.HelperOptions) => {
    if (typeof key !== 'string' || !isMessageKey(key)) throw new Error(`templates: unknown message key ${String(key)}`);
    return translate((options.data.root as PageContext).lang, key, options.hash as Record<string, unknown>);
  });
  for (const [name, source] of Object.entries(assets.partials)) {
    hb.registerPartial(name, hb.compile(source, { strict: true }));
  }
  return {
    page: hb.compile<PageContext>(assets.template, { strict: true }),
    unavailable: hb.compile<UnavailableContext>(assets.unavailable, { strict: true }),
  };
}

function templates(assets: Assets): Compiled {
  let t = compiled.get(assets);
  if (!t) {
    t = compile(assets);
    compiled.set(assets, t);
  }
  return t;
}

/** The compiled page for these assets, compiled on first use. */
export function pageTemplate(assets: Assets): PageTemplate {
  return templates(assets).page;
}

/** serve's page for when no report could be made, compiled with the page. */
export function unavailableTemplate(assets: Assets): UnavailableTemplate {
  return templates(assets).unavailable;
}
