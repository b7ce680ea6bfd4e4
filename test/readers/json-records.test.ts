import { JsonLayout, JsonStructureError, RecordSplitter, sniffJsonLayout } from '../../src/readers/json-records';

/** Splits `text` fed in pieces of `size` bytes; returns each record's text. */
function split(layout: JsonLayout, text: string, size = text.length): string[] {
  const records: string[] = [];
  const splitter = new RecordSplitter(layout, (buffer, start, end) =>
    records.push(buffer.toString('utf8', start, end)),
  );
  const bytes = Buffer.from(text);
  for (let i = 0; i < bytes.length; i += size) splitter.push(bytes.subarray(i, i + size));
  splitter.end();
  return records;
}

const TRICKY = [
  { eventName: 'A', note: 'braces } ] { [ inside a string' },
  { eventName: 'B', note: 'escaped \\" quote and backslash \\\\', nested: { list: [1, [2, { x: '}' }]] } },
  { eventName: 'C', unicode: 'zoë ☃ 𝄞' },
];

describe('RecordSplitter', () => {
  it('yields each CloudTrail record, whatever the chunk size', () => {
    const text = JSON.stringify({ Records: TRICKY }, null, 2);
    const expected = TRICKY.map((r) => JSON.stringify(r));
    for (const size of [1, 2, 3, 7, 64, text.length]) {
      expect(split('cloudtrail', text, size).map((r) => JSON.stringify(JSON.parse(r)))).toEqual(expected);
    }
  });

  it('yields the elements of a JSON array and the values of NDJSON', () => {
    expect(split('array', JSON.stringify(TRICKY), 5).map((r) => JSON.parse(r))).toEqual(TRICKY);
    const ndjson = TRICKY.map((r) => JSON.stringify(r)).join('\n') + '\n';
    expect(split('ndjson', ndjson, 4).map((r) => JSON.parse(r))).toEqual(TRICKY);
  });

  it('yields scalar and array records so they can be reported', () => {
    expect(split('cloudtrail', '{"Records":[1, "two", null, [3], {"a":1}]}', 2)).toEqual([
      '1',
      '"two"',
      'null',
      '[3]',
      '{"a":1}',
    ]);
  });

  it('accepts keys after the records array', () => {
    expect(split('cloudtrail', '{"Records":[{"a":1}],"extra":{"b":[2]}}')).toEqual(['{"a":1}']);
  });

  it.each([
    ['cloudtrail', '{"Records":[{"a":1},{"b":', 'unexpected end of input'],
    ['cloudtrail', '{"Records":[{"a":"unterminated', 'unexpected end of input'],
    ['ndjson', '{"a":1}}', "unexpected '}'"],
    ['array', '[{"a":1}] {"b":2}', 'unexpected data after the end of the document'],
    ['cloudtrail', '{"Records":{}}', 'no records array'],
  ] as const)('rejects a broken %s document: %s', (layout, text, reason) => {
    expect(() => split(layout, text)).toThrow(JsonStructureError);
    expect(() => split(layout, text)).toThrow(reason);
  });

  it('reports the byte offset where the structure broke', () => {
    try {
      split('array', '[{"a":1}]  ]', 3);
      throw new Error('expected a JsonStructureError');
    } catch (error) {
      expect((error as JsonStructureError).offset).toBe(11);
    }
  });
});

describe('RecordSplitter cutting CloudTrail records at the next record', () => {
  /** Splits with a probe that accepts a cut when it parses; returns records in order, however they were found. */
  function splitGuessing(text: string, size: number): { records: string[]; guessed: number } {
    const records: string[] = [];
    let guessed = 0;
    const splitter = new RecordSplitter(
      'cloudtrail',
      (buffer, start, end) => records.push(buffer.toString('utf8', start, end)),
      (buffer, start, end) => {
        try {
          JSON.parse(buffer.toString('utf8', start, end));
        } catch {
          return false;
        }
        guessed++;
        records.push(buffer.toString('utf8', start, end));
        return true;
      },
    );
    const bytes = Buffer.from(text);
    for (let i = 0; i < bytes.length; i += size) splitter.push(bytes.subarray(i, i + size));
    splitter.end();
    return { records, guessed };
  }

  const record = (n: number, extra: object = {}) => ({ eventVersion: '1.09', eventName: `E${n}`, ...extra });

  it('takes the cut when it parses, and gives the same records as the exact scan', () => {
    const records = Array.from({ length: 50 }, (_, n) => record(n, { items: [{ a: n }, { b: '}' }] }));
    const text = JSON.stringify({ Records: records });
    const result = splitGuessing(text, 4096);
    expect(result.records).toEqual(split('cloudtrail', text));
    expect(result.records.map((r) => JSON.parse(r))).toEqual(records);
    expect(result.guessed).toBeGreaterThan(40);
  });

  it('is not fooled by the next-record marker inside a string or a nested object', () => {
    const records = [
      record(1, { note: 'x},{"eventVersion":"fake"' }),
      record(2, { nested: [{ eventVersion: 'inner' }, { eventVersion: 'inner' }] }),
      record(3),
      record(4),
    ];
    const text = JSON.stringify({ Records: records });
    for (const size of [3, 17, text.length]) {
      expect(splitGuessing(text, size).records.map((r) => JSON.parse(r))).toEqual(records);
    }
  });

  it('leaves a record that does not parse to the exact scan, which hands it to the sink', () => {
    const text = `{"Records":[${JSON.stringify(record(1))},{"eventVersion":"1.09","eventName": tru},${JSON.stringify(record(3))}]}`;
    expect(splitGuessing(text, text.length).records).toEqual([
      JSON.stringify(record(1)),
      '{"eventVersion":"1.09","eventName": tru}',
      JSON.stringify(record(3)),
    ]);
  });
});

describe('sniffJsonLayout', () => {
  it('tells CloudTrail files, arrays and NDJSON apart', () => {
    expect(sniffJsonLayout(' {\n  "Records" : [')).toBe('cloudtrail');
    expect(sniffJsonLayout('[{"eventName":"x"}]')).toBe('array');
    expect(sniffJsonLayout('{"eventName":"x"}\n')).toBe('ndjson');
    expect(sniffJsonLayout('2026-11-27 INFO hello')).toBeUndefined();
  });
});
