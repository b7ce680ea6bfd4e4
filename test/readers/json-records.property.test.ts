import fc from 'fast-check';
import { JsonLayout, RecordSplitter } from '../../src/readers/json-records';

/**
 * Feeds `text` to a splitter in pieces of the given sizes (cycled) and returns each record parsed. With `probe`,
 * CloudTrail records are offered at the next `},{"eventVersion":` first, as the reader does.
 */
function splitRecords(layout: JsonLayout, text: string, sizes: readonly number[], probe = false): unknown[] {
  const records: unknown[] = [];
  const splitter = new RecordSplitter(
    layout,
    (buffer, start, end) => records.push(JSON.parse(buffer.toString('utf8', start, end))),
    probe
      ? (buffer, start, end) => {
          try {
            records.push(JSON.parse(buffer.toString('utf8', start, end)));
            return true;
          } catch {
            return false;
          }
        }
      : undefined,
  );
  const bytes = Buffer.from(text);
  for (let i = 0, k = 0; i < bytes.length; k++) {
    const size = sizes.length === 0 ? bytes.length : sizes[k % sizes.length];
    splitter.push(bytes.subarray(i, i + size));
    i += size;
  }
  splitter.end();
  return records;
}

// Multi-byte characters too, so chunk boundaries fall inside UTF-8 sequences.
const record = fc.jsonValue({ stringUnit: 'grapheme', maxDepth: 4 });
const objectRecord = fc.dictionary(fc.string({ unit: 'grapheme' }), record);
/** Records as CloudTrail writes them, `eventVersion` first, with nested objects that start the same way. */
const trailRecord = fc
  .tuple(fc.string(), objectRecord, fc.array(fc.record({ eventVersion: fc.string(), detail: record })))
  .map(([eventVersion, rest, nested]) => ({ eventVersion, ...rest, nested }));
const chunking = fc.array(fc.integer({ min: 1, max: 64 }), { maxLength: 8 });
const indent = fc.constantFrom(undefined, 0, 2, '\t');

describe('RecordSplitter, for any JSON and any chunking', () => {
  it('yields the elements JSON.parse finds in an array', () => {
    fc.assert(
      fc.property(fc.array(record), indent, chunking, (records, space, sizes) => {
        const text = JSON.stringify(records, null, space);
        expect(splitRecords('array', text, sizes)).toEqual(JSON.parse(text));
      }),
    );
  });

  it('yields the Records JSON.parse finds in a CloudTrail file', () => {
    fc.assert(
      fc.property(fc.array(objectRecord), indent, chunking, (records, space, sizes) => {
        const text = JSON.stringify({ Records: records }, null, space);
        expect(splitRecords('cloudtrail', text, sizes)).toEqual(JSON.parse(text).Records);
      }),
    );
  });

  it('yields the same Records when it cuts compact CloudTrail records at the next record marker', () => {
    fc.assert(
      fc.property(fc.array(trailRecord), chunking, (records, sizes) => {
        const text = JSON.stringify({ Records: records });
        expect(splitRecords('cloudtrail', text, sizes, true)).toEqual(JSON.parse(text).Records);
      }),
    );
  });

  it('yields the values JSON.parse finds on each NDJSON line', () => {
    fc.assert(
      fc.property(fc.array(objectRecord, { minLength: 1 }), chunking, (records, sizes) => {
        const lines = records.map((r) => JSON.stringify(r));
        expect(splitRecords('ndjson', `${lines.join('\n')}\n`, sizes)).toEqual(lines.map((l) => JSON.parse(l)));
      }),
    );
  });
});
