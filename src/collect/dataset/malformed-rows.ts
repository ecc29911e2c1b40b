/**
 * The rows of a data file that do not fit its shape: counted by kind, the first few kept
 * with their line (and, for a long row, the bytes that were cut), so the report can name them.
 */
import type { MalformedKind } from '../../report-data.js';
import { copyOf } from './csv-bytes.js';

export type { MalformedKind } from '../../report-data.js';

/** Bytes of a long row's cut fields kept to show (the count of all of them is kept too). */
export const CUT_SHOWN = 80;

export interface MalformedNote {
  /** 1-based physical line the row starts on (as an editor numbers lines). */
  readonly line: number;
  readonly kind: MalformedKind;
  /** Fields the row had and the header's count (delimited text); null for JSON Lines. */
  readonly fields: number | null;
  readonly expected: number | null;
  /** A long row: the first CUT_SHOWN bytes of the fields past the header's width, as written; cutBytes is their full length. */
  readonly cut: Uint8Array | null;
  readonly cutBytes: number;
}

export interface MalformedSummary {
  readonly count: number;
  readonly byKind: { readonly [K in MalformedKind]: number };
  /** The first `keep` rows, in file order. */
  readonly first: readonly MalformedNote[];
}

export class MalformedRows {
  private count = 0;
  private readonly byKind: { [K in MalformedKind]: number } = {
    short: 0,
    long: 0,
    unterminated_quote: 0,
    not_json: 0,
    not_object: 0,
  };
  private readonly first: MalformedNote[] = [];

  constructor(private readonly keep: number) {}

  note(line: number, kind: MalformedKind, fields: number | null, expected: number | null, cut?: Uint8Array): void {
    this.count++;
    this.byKind[kind]++;
    if (this.first.length < this.keep)
      this.first.push({
        line,
        kind,
        fields,
        expected,
        cut: cut ? copyOf(cut, 0, Math.min(CUT_SHOWN, cut.length)) : null,
        cutBytes: cut?.length ?? 0,
      });
  }

  summary(): MalformedSummary {
    return { count: this.count, byKind: { ...this.byKind }, first: [...this.first] };
  }
}
