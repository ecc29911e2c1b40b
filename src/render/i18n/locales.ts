/** Intl locale of each report language; its own module so format.ts and i18n/ share it without a cycle. */
import type { Lang } from '../../report-data.js';

export const LOCALES: Readonly<Record<Lang, string>> = { en: 'en-GB', fr: 'fr-FR' };
