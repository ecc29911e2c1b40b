/**
 * A streaming, byte-level scanner of delimited text that reads records as pandas
 * `read_csv(dtype=str)` does: RFC 4180 quotes (`""` escapes, delimiters and line ends
 * inside quotes), CR, LF and CRLF line ends, a UTF-8 BOM dropped, blank and whitespace-only
 * lines skipped. Unlike pandas, a ragged record never stops the read: a short record is
 * one row (its missing fields empty), a long one is one row cut to the header's width
 * (pandas with usecols=range(width)), and both are recorded as malformed with the line
 * they start on; a record never merges with the next.
 *
 * Push chunks of any size; complete records go to `onRow` as byte ranges into one buffer
 * (no string is made unless the caller decodes a field). Only the record being read is
 * held, so memory is bounded by the longest record (maxRecordBytes), not by the file.
 */
import { invalidInput } from '../../errors.js';
import { CR, LF, QUOTE, SPACE, TAB, findDelimiter, isBomPrefix, startsWithBom, unquote } from './csv-bytes.js';
import { MalformedRows, type MalformedKind, type MalformedSummary } from './malformed-rows.js';

export type { MalformedKind, MalformedNote, MalformedSummary } from './malformed-rows.js';

/** One record. Every field is in `bytes`; valid only during the callback. */
export interface ScannedRow {
  readonly bytes: Uint8Array;
  /** Field i is bytes[starts[i], ends[i]), quotes removed, for i < min(fields, header width). */
  readonly starts: Int32Array;
  readonly ends: Int32Array;
  /** Fields the record had: fewer than the header's (short) or more (long: only the header's width is kept). */
  readonly fields: number;
  /** 1-based physical line the record starts on. */
  readonly line: number;
}

export interface ScanSummary {
  readonly delimiter: number;
  /** The header's fields (the first non-blank record), as bytes; null for an input without one. */
  readonly header: Uint8Array[] | null;
  /** Records after the header. */
  readonly rows: number;
  readonly bom: boolean;
  readonly malformed: MalformedSummary;
}

export interface ScanOptions {
  /** A byte (e.g. 0x2c for ","); inferred from the header line when absent. */
  readonly delimiter?: number;
  /** Malformed records remembered with their line (all are counted); 10 by default. */
  readonly keepMalformed?: number;
  /** A longer record is refused (a quote never closed would otherwise hold the rest of the file); 64 MiB by default. */
  readonly maxRecordBytes?: number;
  /** Names the file in the refusal. */
  readonly label?: string;
  readonly onHeader?: (header: ScannedRow) => void;
  readonly onRow: (row: ScannedRow) => void;
}

type MutableRow = { -readonly [K in keyof ScannedRow]: ScannedRow[K] };

/** A record whose field needs its quotes removed after the scan (`""` escapes, text after a closing quote). */
const RAW = 1;

export class CsvScanner {
  private buf = new Uint8Array(1 << 16);
  private len = 0;
  private pos = 0;
  /** Do not rescan a pending record until this many bytes are buffered (amortises one huge record). */
  private wait = 0;
  private line = 1;
  private skipLF = false;
  private started = false;
  private bom = false;
  private delim: number;
  private columns = -1;
  private starts = new Int32Array(64);
  private ends = new Int32Array(64);
  private flags = new Uint8Array(64);
  private header: Uint8Array[] | null = null;
  private rows = 0;
  private readonly bad: MalformedRows;
  private readonly row: MutableRow;

  constructor(private readonly opts: ScanOptions) {
    this.delim = opts.delimiter ?? -1;
    this.bad = new MalformedRows(opts.keepMalformed ?? 10);
    this.row = { bytes: this.buf, starts: this.starts, ends: this.ends, fields: 0, line: 0 };
  }

  push(chunk: Uint8Array): void {
    if (this.pos > 0) {
      this.buf.copyWithin(0, this.pos, this.len);
      this.len -= this.pos;
      this.pos = 0;
    }
    if (this.len + chunk.length > this.buf.length) {
      let size = this.buf.length * 2;
      while (size < this.len + chunk.length) size *= 2;
      const grown = new Uint8Array(size);
      grown.set(this.buf.subarray(0, this.len));
      this.buf = grown;
    }
    this.buf.set(chunk, this.len);
    this.len += chunk.length;
    if (this.len >= this.wait) this.scan(false);
    const limit = this.opts.maxRecordBytes ?? 64 * 2 ** 20;
    if (this.len - this.pos > limit) {
      throw invalidInput(
        this.opts.label ?? 'data',
        `the record starting on line ${this.line} is longer than ${limit} bytes (limit limits.max_csv_line_bytes; a quote never closed?)`,
        'check the quotes on that line; raise limits.max_csv_line_bytes in mlops-report.config.json if the line is genuine',
      );
    }
  }

  end(): ScanSummary {
    this.scan(true);
    return {
      delimiter: this.delim < 0 ? 0x2c : this.delim,
      header: this.header,
      rows: this.rows,
      bom: this.bom,
      malformed: this.bad.summary(),
    };
  }

  private scan(final: boolean): void {
    if (!this.started) {
      if (!final && isBomPrefix(this.buf, this.len)) return;
      this.started = true;
      if (startsWithBom(this.buf, this.len)) {
        this.bom = true;
        this.pos = 3;
      }
    }
    const buf = this.buf,
      len = this.len;
    let p = this.pos,
      line = this.line;
    if (this.skipLF && p < len) {
      this.skipLF = false;
      if (buf[p] === LF) p++;
    }
    records: while (p < len) {
      let c = buf[p]!;
      if (c === LF || c === CR) {
        // a blank line
        line++;
        p = this.lineEnd(p, final);
        continue;
      }
      if ((c === SPACE || c === TAB) && c !== this.delim) {
        // a whitespace-only line is blank too (pandas)
        let j = p + 1;
        while (j < len && (buf[j] === SPACE || buf[j] === TAB) && buf[j] !== this.delim) j++;
        if (j >= len && !final) break;
        if (j >= len || buf[j] === LF || buf[j] === CR) {
          line++;
          p = j >= len ? len : this.lineEnd(j, final);
          continue;
        }
      }
      if (this.delim < 0) {
        const d = findDelimiter(buf, p, len, final);
        if (d < 0) break;
        this.delim = d;
      }
      const d = this.delim,
        recStart = p,
        recLine = line;
      let recEnd: number;
      let nf = 0,
        raw = false,
        unterminated = false,
        cutStart = -1; // where a long record's first field past the header's width starts
      for (;;) {
        // one field per turn
        let s = p,
          e: number,
          flag = 0;
        if (nf === this.columns) cutStart = p;
        if (p >= len) {
          if (!final) {
            p = recStart;
            line = recLine;
            break records;
          }
          e = p; // "a,b," at the end of the input: an empty last field
        } else if (buf[p] === QUOTE) {
          let q = p + 1,
            escaped = false;
          for (;;) {
            while (q < len && (c = buf[q]!) !== QUOTE) {
              if (c === CR || (c === LF && buf[q - 1] !== CR)) line++;
              q++;
            }
            if (q >= len) {
              // no closing quote: the field runs to the end of the input, as Python's csv reads it
              if (!final) {
                p = recStart;
                line = recLine;
                break records;
              }
              unterminated = true;
              flag = RAW;
              e = p = len;
              break;
            }
            if (q + 1 >= len && !final) {
              p = recStart;
              line = recLine;
              break records;
            }
            c = q + 1 < len ? buf[q + 1]! : LF;
            if (c === QUOTE) {
              escaped = true;
              q += 2;
              continue;
            }
            if (c === d || c === LF || c === CR) {
              // the closing quote
              if (escaped) {
                flag = RAW;
                e = q + 1;
              } else {
                s = p + 1;
                e = q;
              }
              p = q + 1;
              break;
            }
            flag = RAW; // text after the closing quote belongs to the field
            q++;
            while (q < len && (c = buf[q]!) !== d && c !== LF && c !== CR) q++;
            if (q >= len && !final) {
              p = recStart;
              line = recLine;
              break records;
            }
            e = p = q;
            break;
          }
        } else {
          let q = p;
          while (q < len && (c = buf[q]!) !== d && c !== LF && c !== CR) q++;
          if (q >= len && !final) {
            line = recLine;
            p = recStart;
            break records;
          }
          e = p = q;
        }
        if (nf < this.starts.length || this.columns < 0) this.store(nf, s, e, flag);
        raw ||= flag === RAW;
        nf++;
        recEnd = p;
        if (p >= len) break;
        c = buf[p]!;
        if (c === d) {
          p++;
          continue;
        }
        line++;
        p = this.lineEnd(p, final);
        break;
      }
      this.line = line;
      this.emit(nf, recLine, raw, unterminated, cutStart, recEnd);
    }
    this.pos = p;
    this.line = line;
    this.wait = final || p >= len ? 0 : 2 * (len - p);
  }

  /** Past the line end at p (CR, LF or CRLF); a CR last in the buffer may be followed by LF in the next chunk. */
  private lineEnd(p: number, final: boolean): number {
    if (this.buf[p] === LF) return p + 1;
    if (p + 1 < this.len) return this.buf[p + 1] === LF ? p + 2 : p + 1;
    if (!final) this.skipLF = true;
    return p + 1;
  }

  private store(i: number, s: number, e: number, flag: number): void {
    if (i >= this.starts.length) {
      const n = this.starts.length * 2;
      const grow = <T extends Int32Array | Uint8Array>(a: T, b: T): T => (b.set(a), b);
      this.starts = grow(this.starts, new Int32Array(n));
      this.ends = grow(this.ends, new Int32Array(n));
      this.flags = grow(this.flags, new Uint8Array(n));
    }
    this.starts[i] = s;
    this.ends[i] = e;
    this.flags[i] = flag;
  }

  private emit(nf: number, line: number, raw: boolean, unterminated: boolean, cutStart: number, end: number): void {
    const kept = Math.min(nf, this.columns < 0 ? nf : this.columns);
    if (raw)
      for (let i = 0; i < kept; i++)
        if (this.flags[i] === RAW) this.ends[i] = unquote(this.buf, this.starts[i]!, this.ends[i]!);
    const row = this.row;
    row.bytes = this.buf;
    row.starts = this.starts;
    row.ends = this.ends;
    row.fields = nf;
    row.line = line;
    if (this.columns < 0) {
      this.columns = nf;
      this.header = Array.from({ length: nf }, (_, i) => this.buf.slice(this.starts[i], this.ends[i]));
      this.opts.onHeader?.(row);
      return;
    }
    this.rows++;
    const kind: MalformedKind | null = unterminated
      ? 'unterminated_quote'
      : nf < this.columns
        ? 'short'
        : nf > this.columns
          ? 'long'
          : null;
    // the cut fields are past the kept ones, so unquoting above left their bytes as written
    if (kind)
      this.bad.note(line, kind, nf, this.columns, kind === 'long' ? this.buf.subarray(cutStart, end) : undefined);
    this.opts.onRow(row);
  }
}
