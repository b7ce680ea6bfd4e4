/**
 * Splits a JSON byte stream into its records without parsing the whole document, so a 1 GiB CloudTrail file
 * needs memory for one record at a time. It tracks only nesting depth and strings; each record's bytes are
 * then parsed on their own, which also lets one bad record be reported while the others are read.
 */

/** Where the records sit: `{"Records":[…]}` (CloudTrail), `[…]` (a JSON array), or values one after another (NDJSON). */
export type JsonLayout = 'cloudtrail' | 'array' | 'ndjson';

/** Receives each record's bytes as `buffer[start, end)`; the buffer is reused after the call returns. */
export type RecordSink = (buffer: Buffer, start: number, end: number) => void;

/**
 * Offered a CloudTrail record's likely bytes; returns true when they parsed as one JSON value and were consumed,
 * false to have the splitter find the record's exact end itself (and hand it to the sink).
 */
export type RecordProbe = (buffer: Buffer, start: number, end: number) => boolean;

/** The JSON structure is broken (unbalanced, cut off, data after the end); `offset` is the byte where it was noticed. */
export class JsonStructureError extends Error {
  constructor(
    readonly offset: number,
    reason: string,
  ) {
    super(`invalid JSON at byte ${offset}: ${reason}`);
    this.name = 'JsonStructureError';
  }
}

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const OPEN_BRACE = 0x7b;
const CLOSE_BRACE = 0x7d;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACKET = 0x5d;
const COMMA = 0x2c;
const COLON = 0x3a;

const CLOUDTRAIL_HEAD = /^\s*\{\s*"Records"\s*:\s*\[/;
/** What follows a record in files CloudTrail writes: every record starts with `eventVersion`. */
const NEXT_CLOUDTRAIL_RECORD = Buffer.from('},{"eventVersion":');

/** The layout of a document from its first bytes (after decompression), or undefined when it is not JSON records. */
export function sniffJsonLayout(head: string): JsonLayout | undefined {
  if (CLOUDTRAIL_HEAD.test(head)) return 'cloudtrail';
  const first = head.trimStart()[0];
  if (first === '[') return 'array';
  if (first === '{') return 'ndjson';
  return undefined;
}

function isWhitespace(byte: number): boolean {
  return byte === 0x20 || byte === 0x0a || byte === 0x0d || byte === 0x09;
}

export class RecordSplitter {
  private buffer: Buffer = Buffer.alloc(0);
  /** Absolute offset of `buffer[0]` in the stream, for error positions. */
  private base = 0;
  private pos = 0;
  private depth = 0;
  private inString = false;
  private stringStart = 0;
  private recordStart = -1;
  private scalarRecord = false;
  /** CloudTrail and arrays: whether the scan is inside the records array (records start at `recordDepth`). */
  private inRecords: boolean;
  private recordsClosed = false;
  private readonly recordDepth: number;
  private prefixSkipped: boolean;
  /** Whether records may be cut at the next `},{"eventVersion":` (see `scan`); off after the first miss. */
  private guessEnds: boolean;
  /** Index in `buffer` from which the next-record marker is known to be absent; reset when bytes arrive. */
  private noMarkerFrom = Infinity;

  constructor(
    private readonly layout: JsonLayout,
    private readonly sink: RecordSink,
    private readonly probe?: RecordProbe,
  ) {
    this.guessEnds = layout === 'cloudtrail' && probe !== undefined;
    this.recordDepth = layout === 'cloudtrail' ? 2 : layout === 'array' ? 1 : 0;
    this.inRecords = layout === 'ndjson';
    this.prefixSkipped = layout === 'ndjson';
  }

  push(chunk: Buffer): void {
    const keepFrom = this.recordStart >= 0 ? this.recordStart : this.inString ? this.stringStart : this.pos;
    if (keepFrom >= this.buffer.length) {
      this.base += this.buffer.length;
      this.buffer = chunk;
      this.recordStart -= keepFrom;
      this.stringStart -= keepFrom;
      this.pos -= keepFrom;
    } else {
      this.base += keepFrom;
      this.buffer = Buffer.concat([this.buffer.subarray(keepFrom), chunk]);
      this.recordStart = this.recordStart >= 0 ? this.recordStart - keepFrom : -1;
      this.stringStart -= keepFrom;
      this.pos -= keepFrom;
    }
    this.noMarkerFrom = Infinity;
    if (!this.prefixSkipped && !this.skipPrefix()) return;
    this.scan();
  }

  /** Call after the last chunk: throws when the document is cut off or was never a records document. */
  end(): void {
    if (!this.prefixSkipped) throw new JsonStructureError(this.base + this.buffer.length, 'no records array');
    if (this.scalarRecord) this.emit(this.buffer.length);
    if (this.inString || this.recordStart >= 0 || this.depth !== 0) {
      throw new JsonStructureError(this.base + this.buffer.length, 'unexpected end of input');
    }
  }

  /** Moves past `{"Records":[` or `[`; waits for more bytes when the head is not complete yet. */
  private skipPrefix(): boolean {
    const head = this.buffer.toString('latin1', 0, Math.min(this.buffer.length, 256));
    const match = this.layout === 'cloudtrail' ? CLOUDTRAIL_HEAD.exec(head) : /^\s*\[/.exec(head);
    if (!match) {
      if (this.buffer.length >= 256) throw new JsonStructureError(this.base, `not a ${this.layout} document`);
      return false;
    }
    this.pos = Buffer.byteLength(match[0], 'latin1');
    this.depth = this.recordDepth;
    this.inRecords = true;
    this.prefixSkipped = true;
    return true;
  }

  private emit(end: number): void {
    this.sink(this.buffer, this.recordStart, end);
    this.recordStart = -1;
    this.scalarRecord = false;
  }

  private scan(): void {
    const buffer = this.buffer;
    const length = buffer.length;
    let i = this.pos;
    while (i < length) {
      if (this.inString) {
        const quote = buffer.indexOf(QUOTE, i);
        if (quote < 0) {
          i = length;
          break;
        }
        let backslashes = 0;
        for (let k = quote - 1; k > this.stringStart && buffer[k] === BACKSLASH; k--) backslashes++;
        i = quote + 1;
        if (backslashes % 2 === 1) continue;
        this.inString = false;
        if (this.recordStart >= 0 && this.depth === this.recordDepth) this.emit(i);
        continue;
      }
      const byte = buffer[i];
      if (this.depth === 0 && this.recordsClosed && !isWhitespace(byte)) {
        throw new JsonStructureError(this.base + i, 'unexpected data after the end of the document');
      }
      if (
        this.scalarRecord &&
        (isWhitespace(byte) || byte === COMMA || byte === CLOSE_BRACKET || byte === CLOSE_BRACE)
      ) {
        this.emit(i);
      }
      const atRecordStart = this.recordStart < 0 && this.depth === this.recordDepth && this.inRecords;
      if (byte === QUOTE) {
        this.inString = true;
        this.stringStart = i;
        if (atRecordStart) this.recordStart = i;
      } else if (byte === OPEN_BRACE || byte === OPEN_BRACKET) {
        if (atRecordStart && byte === OPEN_BRACE && this.guessEnds && i < this.noMarkerFrom) {
          // Fast path: cut at the next record's start and let the parser check the cut. A cut that is not the
          // record's end never parses (it ends inside a string or inside an unclosed object), so a successful
          // parse proves it; a failed one sends this record, and the rest of the object, down the exact scan.
          const next = buffer.indexOf(NEXT_CLOUDTRAIL_RECORD, i + 1);
          if (next >= 0) {
            if ((this.probe as RecordProbe)(buffer, i, next + 1)) {
              i = next + 1;
              continue;
            }
            this.guessEnds = false;
          } else {
            // Search each stretch once: the last record of a chunk waits for the next chunk's bytes.
            this.noMarkerFrom = i;
          }
        }
        if (atRecordStart) this.recordStart = i;
        this.depth++;
      } else if (byte === CLOSE_BRACE || byte === CLOSE_BRACKET) {
        this.depth--;
        if (this.depth < 0) throw new JsonStructureError(this.base + i, `unexpected '${String.fromCharCode(byte)}'`);
        if (this.recordStart >= 0 && this.depth === this.recordDepth) this.emit(i + 1);
        else if (this.depth < this.recordDepth && this.inRecords) {
          this.inRecords = false;
          this.recordsClosed = true;
        }
      } else if (!isWhitespace(byte) && byte !== COMMA && byte !== COLON) {
        if (atRecordStart) {
          this.recordStart = i;
          this.scalarRecord = true;
        }
      }
      i++;
    }
    this.pos = i;
  }
}
