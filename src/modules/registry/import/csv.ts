/**
 * Linli's CSV reader: text in, records out, piece by piece as a file is read.
 *
 * CSV as Excel and WPS write it (RFC 4180): fields separated by commas, records by CRLF, LF or CR;
 * a field in double quotes may hold commas, line breaks and doubled quotes (""). Read leniently, as
 * people's files need: a quote inside an unquoted field is a plain character, text after a closing
 * quote is kept, an unclosed quote runs to the end of the file, a byte-order mark is dropped. An
 * empty line is a record of one empty field (it still counts as a spreadsheet row).
 *
 * It reads what csv-parse reads (checked against it in csv.test.ts) at a fraction of the cost: a
 * roster has no need of csv-parse's options, and csv-parse spent about half a second of every
 * 100,000 rows on its own bookkeeping.
 */
export class CsvReader {
  private record: string[] = [];
  /** the field so far, when it runs over pieces of text or holds a doubled quote */
  private acc = '';
  private state = FIELD_START;
  /** a record ended at a CR: an LF right after it belongs to that line end */
  private skipLf = false;
  private started = false;

  /** Takes the next piece of text; gives back the records it completed. */
  push(text: string): string[][] {
    const out: string[][] = [];
    const n = text.length;
    let i = 0;
    if (!this.started) {
      this.started = true;
      if (text.charCodeAt(0) === 0xfeff) i = 1;
    }
    if (this.skipLf && n > 0) {
      this.skipLf = false;
      if (text.charCodeAt(i) === LF) i++;
    }
    /** where the text of the field being read begins in this piece */
    let start = i;
    while (i < n) {
      const c = text.charCodeAt(i);
      switch (this.state) {
        case FIELD_START:
          if (c === QUOTE) {
            this.state = QUOTED;
            start = ++i;
          } else {
            this.state = UNQUOTED;
            start = i;
          }
          break;
        case UNQUOTED:
          if (c === COMMA || c === LF || c === CR) {
            this.record.push(this.acc + text.slice(start, i));
            this.acc = '';
            i = this.afterField(text, i, out);
          } else i++;
          break;
        case QUOTED:
          if (c === QUOTE) {
            this.acc += text.slice(start, i);
            this.state = QUOTE_SEEN;
          }
          i++;
          break;
        case QUOTE_SEEN:
          // a doubled quote stands for one; a single one closed the field
          if (c === QUOTE) {
            this.acc += '"';
            this.state = QUOTED;
            start = ++i;
          } else if (c === COMMA || c === LF || c === CR) {
            this.record.push(this.acc);
            this.acc = '';
            i = this.afterField(text, i, out);
          } else {
            // text after the closing quote: kept as written
            this.state = UNQUOTED;
            start = i;
          }
          break;
      }
    }
    if (this.state === UNQUOTED || this.state === QUOTED) this.acc += text.slice(start, n);
    return out;
  }

  /** The last record, if the text did not end with a line break. */
  end(): string[][] {
    if (this.state !== FIELD_START || this.record.length > 0) {
      this.record.push(this.acc);
      this.acc = '';
      this.state = FIELD_START;
    }
    if (this.record.length === 0) return [];
    const last = this.record;
    this.record = [];
    return [last];
  }

  /** At the comma or line break `i` that ended a field: the record too, at a line break. */
  private afterField(text: string, i: number, out: string[][]): number {
    this.state = FIELD_START;
    const c = text.charCodeAt(i);
    if (c === COMMA) return i + 1;
    out.push(this.record);
    this.record = [];
    if (c === CR) {
      if (i + 1 === text.length) this.skipLf = true;
      else if (text.charCodeAt(i + 1) === LF) return i + 2;
    }
    return i + 1;
  }
}

const FIELD_START = 0;
const UNQUOTED = 1;
const QUOTED = 2;
/** a quote inside a quoted field: doubled, or the field's end */
const QUOTE_SEEN = 3;

const QUOTE = 0x22;
const COMMA = 0x2c;
const LF = 0x0a;
const CR = 0x0d;
