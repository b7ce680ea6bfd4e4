import { isUtf8 } from 'node:buffer';
import type { ReaderSink } from './types';

/** One line of a text log: its 1-based number and its text, or `invalidUtf8` when its bytes are not UTF-8. */
export interface Line {
  readonly number: number;
  readonly text: string;
  readonly invalidUtf8: boolean;
}

/** Splits decoded chunks into lines (`\n` or `\r\n`), holding only the current partial line between chunks. */
export async function* linesOf(chunks: AsyncIterable<Buffer>): AsyncGenerator<Line> {
  let carry: Buffer = Buffer.alloc(0);
  let number = 0;
  for await (const chunk of chunks) {
    const buffer = carry.length > 0 ? Buffer.concat([carry, chunk]) : chunk;
    let start = 0;
    for (let end = buffer.indexOf(0x0a); end >= 0; end = buffer.indexOf(0x0a, start)) {
      yield lineOf(buffer.subarray(start, end), ++number);
      start = end + 1;
    }
    carry = buffer.subarray(start);
  }
  if (carry.length > 0) yield lineOf(carry, ++number);
}

function lineOf(bytes: Buffer, number: number): Line {
  const trimmed = bytes.length > 0 && bytes[bytes.length - 1] === 0x0d ? bytes.subarray(0, bytes.length - 1) : bytes;
  const invalidUtf8 = !isUtf8(trimmed);
  return { number, text: invalidUtf8 ? '' : trimmed.toString('utf8'), invalidUtf8 };
}

/** A decodable line of a text log object, with `where` naming it (`<location>#line <n>`) for events and skips. */
export interface TextLine {
  readonly text: string;
  readonly where: string;
}

/** The lines of a text log object; a line whose bytes are not UTF-8 is reported as skipped, never dropped. */
export async function* textLinesOf(
  location: string,
  chunks: AsyncIterable<Buffer>,
  sink: ReaderSink,
): AsyncGenerator<TextLine> {
  for await (const line of linesOf(chunks)) {
    const where = `${location}#line ${line.number}`;
    if (line.invalidUtf8) sink.skipped(where, 'invalid UTF-8');
    else yield { text: line.text, where };
  }
}
