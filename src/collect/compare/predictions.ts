/**
 * Per-row predictions of both models on the same evaluation rows, the input of the exact
 * McNemar test. The format is a CSV (RFC 4180 quoting) whose header names `y_true`,
 * `production` and `candidate` in any order; other columns (an `id`, a pandas index) are
 * ignored. Labels are strings compared exactly: "1" and "1.0" are different labels. Pure: it
 * takes the text and throws a PredictionsFormatError naming the line; the caller names the file.
 */

/** The 2×2 table of which model got each row right, and each model's accuracy. */
export interface PredictionCounts {
  readonly n: number;
  readonly both_right: number;
  readonly only_production_right: number;
  readonly only_candidate_right: number;
  readonly both_wrong: number;
  readonly production_accuracy: number;
  readonly candidate_accuracy: number;
}

/** A predictions file that does not follow the format; line is 1-based, null for the whole file. */
export class PredictionsFormatError extends Error {
  readonly line: number | null;

  constructor(line: number | null, message: string) {
    super(line === null ? message : `line ${line}: ${message}`);
    this.name = 'PredictionsFormatError';
    this.line = line;
  }
}

/** The columns the format requires. */
export const PREDICTION_COLUMNS = ['y_true', 'production', 'candidate'] as const;

interface CsvRecord {
  readonly line: number;
  readonly fields: readonly string[];
}

/**
 * Splits RFC 4180 text into records, each with the line it starts on (a quoted field may hold
 * line breaks, so record and line numbers differ). Empty lines are skipped, as pandas does.
 */
function csvRecords(text: string): CsvRecord[] {
  const out: CsvRecord[] = [];
  let fields: string[] = [];
  let field = '';
  let seen = false; // anything on this record yet, so that `""` alone is a record, not a blank line
  let line = 1;
  let start = 1;
  const endRecord = () => {
    if (seen) out.push({ line: start, fields: [...fields, field] });
    fields = [];
    field = '';
    seen = false;
  };
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0; // a byte-order mark is not part of the header
  while (i < text.length) {
    const ch = text[i]!;
    if (ch === '\r' || ch === '\n') {
      endRecord();
      i += ch === '\r' && text[i + 1] === '\n' ? 2 : 1;
      start = ++line;
      continue;
    }
    seen = true;
    if (ch === ',') {
      fields.push(field);
      field = '';
      i++;
    } else if (ch !== '"') {
      field += ch;
      i++;
    } else {
      if (field !== '')
        throw new PredictionsFormatError(line, 'a quote inside an unquoted field; quote the whole field');
      const open = line;
      for (i++; ; i++) {
        if (i >= text.length) throw new PredictionsFormatError(open, 'a quoted field is never closed');
        if (text[i] === '"' && text[i + 1] !== '"') break;
        if (text[i] === '"') i++; // "" is an escaped quote
        if (text[i] === '\n') line++;
        field += text[i];
      }
      const next = text[++i];
      if (next !== undefined && next !== ',' && next !== '\n' && next !== '\r') {
        throw new PredictionsFormatError(line, 'text after a closing quote; quote the whole field');
      }
    }
  }
  endRecord();
  return out;
}

/** Counts which model got each row right; throws PredictionsFormatError on a malformed file. */
export function parsePredictions(text: string): PredictionCounts {
  const records = csvRecords(text);
  const header = records[0];
  if (!header)
    throw new PredictionsFormatError(null, `the file is empty; expected a header ${PREDICTION_COLUMNS.join(',')}`);
  const at = PREDICTION_COLUMNS.map((name) => {
    const found = header.fields.filter((f) => f === name).length;
    if (found > 1) throw new PredictionsFormatError(header.line, `column "${name}" appears ${found} times`);
    const index = header.fields.indexOf(name);
    if (index < 0) {
      throw new PredictionsFormatError(
        header.line,
        `no "${name}" column; the header must name ${PREDICTION_COLUMNS.join(', ')} (found: ${header.fields
          .slice(0, 20)
          .map((f) => JSON.stringify(f.length > 60 ? `${f.slice(0, 60)}…` : f))
          .join(', ')}${header.fields.length > 20 ? ', …' : ''})`,
      );
    }
    return index;
  });
  const [iTrue, iProd, iCand] = at as [number, number, number];
  const tally = { both_right: 0, only_production_right: 0, only_candidate_right: 0, both_wrong: 0 };
  for (const { line, fields } of records.slice(1)) {
    if (fields.length !== header.fields.length) {
      throw new PredictionsFormatError(line, `${fields.length} fields where the header has ${header.fields.length}`);
    }
    const labels = [fields[iTrue]!, fields[iProd]!, fields[iCand]!] as const;
    // an empty label is a missing prediction (pandas writes NaN as nothing), not a class
    const empty = labels.indexOf('');
    if (empty >= 0)
      throw new PredictionsFormatError(line, `empty ${PREDICTION_COLUMNS[empty]}; every row needs all three labels`);
    const [truth, prod, cand] = labels;
    const p = prod === truth,
      c = cand === truth;
    if (p && c) tally.both_right++;
    else if (p) tally.only_production_right++;
    else if (c) tally.only_candidate_right++;
    else tally.both_wrong++;
  }
  const n = records.length - 1;
  if (n === 0) throw new PredictionsFormatError(null, 'a header but no rows; add one row per evaluation example');
  return {
    n,
    ...tally,
    production_accuracy: (tally.both_right + tally.only_production_right) / n,
    candidate_accuracy: (tally.both_right + tally.only_candidate_right) / n,
  };
}
