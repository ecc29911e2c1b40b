/** Column names as pandas makes them, and the category column found among them. */
import { invalidInput } from '../../errors.js';

/**
 * pandas' read_csv names (its C parser's header code, 1.5 and 2.x): an empty name is
 * "Unnamed: i" (its position); a name seen before gets ".1", ".2", …, skipping any name the
 * header holds anywhere, and named columns are numbered before unnamed ones. So every
 * column keeps its own missing count instead of two collapsing into one key.
 */
export function pandasNames(raw: readonly string[]): string[] {
  const header = raw.map((name, i) => (name === '' ? `Unnamed: ${i}` : name));
  const inHeader = new Map<string, number>(); // how many columns hold each name now
  for (const h of header) inHeader.set(h, (inHeader.get(h) ?? 0) + 1);
  const order = [...header.keys()].filter((i) => raw[i] !== '').concat([...header.keys()].filter((i) => raw[i] === ''));
  const counts = new Map<string, number>();
  for (const i of order) {
    const old = header[i]!;
    let col = old,
      cur = counts.get(col) ?? 0;
    while (cur > 0) {
      counts.set(old, cur + 1);
      col = `${old}.${cur}`;
      cur = (inHeader.get(col) ?? 0) > 0 ? cur + 1 : (counts.get(col) ?? 0);
    }
    inHeader.set(old, inHeader.get(old)! - 1);
    inHeader.set(col, (inHeader.get(col) ?? 0) + 1);
    header[i] = col;
    counts.set(col, cur + 1);
  }
  return header;
}

/** The index of a column: the exact name, else the same name ignoring case and surrounding spaces; -1 if none. */
export function findColumn(columns: readonly string[], wanted: string): number {
  const exact = columns.indexOf(wanted);
  if (exact >= 0) return exact;
  return columns.findIndex((c) => c.trim().toLowerCase() === wanted.trim().toLowerCase());
}

/** The index of the category column, or an error listing the columns there are. */
export function categoryIndex(columns: readonly string[], wanted: string, label: string): number {
  const i = findColumn(columns, wanted);
  if (i >= 0) return i;
  throw invalidInput(
    label,
    `no "${wanted}" column; the columns are: ${columns
      .slice(0, 20)
      .map((c) => (c.length > 60 ? `${c.slice(0, 60)}…` : c))
      .join(', ')}${columns.length > 20 ? ', …' : ''}`,
    'name the label column: --label-column, or data_options.label_column in mlops-report.config.json',
  );
}
