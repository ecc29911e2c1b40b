/** serve's additions to the page: what it shows, how often it checks, and the banner when inputs break (partials/live.hbs). */
import type { Lang } from '../../../report-data.js';
import { formatTime } from '../../format.js';
import { translate } from '../../i18n/index.js';
import type { LiveState } from '../../index.js';

export interface LiveView {
  readonly key: string;
  readonly interval_ms: number;
  readonly badge: string;
  readonly offline: string;
  readonly banner: { readonly title: string; readonly items: string[]; readonly note: string } | null;
}

export function liveView(live: LiveState, lang: Lang): LiveView {
  const t = translate.bind(null, lang);
  const stale = live.stale;
  return {
    key: live.key,
    interval_ms: live.interval_ms,
    badge: t('live.badge', { seconds: Math.round(live.interval_ms / 1000) }),
    offline: t('live.offline'),
    banner: live.problems.length
      ? {
          title: t(stale ? 'live.stale_title' : 'live.incomplete_title'),
          // "Stale since 10:05 UTC — models/production_metrics.json: not valid JSON (…)"
          items: live.problems.map((p) =>
            t(stale ? 'live.stale_item' : 'live.broken_item', {
              time: formatTime(lang, p.since),
              file: p.file,
              problem: p.problem,
            }),
          ),
          note: t(stale ? 'live.stale_note' : 'live.incomplete_note'),
        }
      : null,
  };
}
