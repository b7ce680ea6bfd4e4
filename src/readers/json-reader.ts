import { isUtf8 } from 'node:buffer';
import type { LogEvent } from '../rules/types';
import { JsonLayout, JsonStructureError, RecordSplitter } from './json-records';
import { normalizeStepFunctionsRecord } from './step-functions';
import type { ReaderSink } from './types';

/** What decoding puts in place of bytes that are not UTF-8. */
const REPLACEMENT = '\uFFFD';

/** Why one record could not be read. */
class RecordError extends Error {}

/**
 * Reads the records of a CloudTrail file, a JSON array or NDJSON one at a time. A record that is not valid
 * UTF-8, not valid JSON or not an object is reported with its number; a broken document structure is
 * reported once with the byte where it broke, after the records before it were read.
 */
export async function readJsonRecords(
  location: string,
  layout: JsonLayout,
  chunks: AsyncIterable<Buffer>,
  sink: ReaderSink,
): Promise<void> {
  let count = 0;
  const accept = (record: unknown, json: Buffer) => {
    count++;
    if (record === null || typeof record !== 'object' || Array.isArray(record)) {
      return sink.skipped(`${location}#record ${count}`, 'record is not an object');
    }
    const event = normalizeStepFunctionsRecord(record as LogEvent, location, count);
    // A normalised record is no longer what the bytes say.
    sink.event(event, event === record ? json : undefined);
  };
  const parse = (json: Buffer): unknown => {
    const text = json.toString('utf8');
    // Decoding replaces invalid UTF-8 with U+FFFD: only a record whose text holds one needs the check (and in
    // a string without characters beyond Latin-1, the search for it ends at once).
    if (text.includes(REPLACEMENT) && !isUtf8(json)) throw new RecordError('invalid UTF-8');
    try {
      return JSON.parse(text);
    } catch (error) {
      throw new RecordError(`invalid JSON: ${(error as Error).message}`);
    }
  };
  const splitter = new RecordSplitter(
    layout,
    (buffer, start, end) => {
      const json = buffer.subarray(start, end);
      let record: unknown;
      try {
        record = parse(json);
      } catch (error) {
        return sink.skipped(`${location}#record ${++count}`, (error as RecordError).message);
      }
      accept(record, json);
    },
    (buffer, start, end) => {
      const json = buffer.subarray(start, end);
      let record: unknown;
      try {
        record = parse(json);
      } catch {
        return false;
      }
      accept(record, json);
      return true;
    },
  );
  try {
    for await (const chunk of chunks) splitter.push(chunk);
    splitter.end();
  } catch (error) {
    if (!(error instanceof JsonStructureError)) throw error;
    sink.skipped(location, count > 0 ? `${error.message} (the ${count} records before it were read)` : error.message);
  }
}
