/** The records of a delimited file whose width is not the header's: counted, the first few named by line. */

export type MalformedKind = 'short' | 'long' | 'unterminated-quote';

export interface MalformedRow {
  /** 1-based physical line the record starts on (as an editor numbers lines). */
  readonly line: number;
  /** short: missing trailing fields were read as empty; long: the fields past the header's were cut; unterminated-quote: a quote never closed, the field ran to the end. */
  readonly kind: MalformedKind;
  /** Fields the record had, and the header's count. */
  readonly fields: number;
  readonly expected: number;
}

export interface MalformedSummary {
  readonly count: number;
  readonly short: number;
  readonly long: number;
  readonly unterminated: number;
  readonly first: readonly MalformedRow[];
}

export class MalformedRows {
  private count = 0;
  private short = 0;
  private long = 0;
  private unterminated = 0;
  private readonly first: MalformedRow[] = [];

  constructor(private readonly keep: number) {}

  note(line: number, kind: MalformedKind, fields: number, expected: number): void {
    this.count++;
    if (kind === 'short') this.short++;
    else if (kind === 'long') this.long++;
    else this.unterminated++;
    if (this.first.length < this.keep) this.first.push({ line, kind, fields, expected });
  }

  summary(): MalformedSummary {
    return {
      count: this.count,
      short: this.short,
      long: this.long,
      unterminated: this.unterminated,
      first: [...this.first],
    };
  }
}
