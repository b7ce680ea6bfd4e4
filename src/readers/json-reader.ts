import { isUtf8 } from 'node:buffer';
import type { LogEvent } from '../rules/types';
import { JsonLayout, JsonStructureError, RecordSplitter } from './json-records';
import { normalizeStepFunctionsRecord } from './step-functions';
import type { ReaderSink } from './types';

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
  const splitter = new RecordSplitter(layout, (buffer, start, end) => {
    const where = `${location}#record ${++count}`;
    const bytes = buffer.subarray(start, end);
    if (!isUtf8(bytes)) return sink.skipped(where, 'invalid UTF-8');
    let record: unknown;
    try {
      record = JSON.parse(bytes.toString('utf8'));
    } catch (error) {
      return sink.skipped(where, `invalid JSON: ${(error as Error).message}`);
    }
    if (record === null || typeof record !== 'object' || Array.isArray(record)) {
      return sink.skipped(where, 'record is not an object');
    }
    sink.event(normalizeStepFunctionsRecord(record as LogEvent, where));
  });
  try {
    for await (const chunk of chunks) splitter.push(chunk);
    splitter.end();
  } catch (error) {
    if (!(error instanceof JsonStructureError)) throw error;
    sink.skipped(location, count > 0 ? `${error.message} (the ${count} records before it were read)` : error.message);
  }
}
