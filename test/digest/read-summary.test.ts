import { gzipSync } from 'node:zlib';
import { parseSummary } from '../../src/digest';

const minimal = { objects: 1, events: 2, skipped: [], bySource: {}, byEventName: {}, errors: {}, findings: [] };

describe('parseSummary', () => {
  it('reads plain and gzip-compressed summaries and fills maps older summaries lack', () => {
    const plain = parseSummary(Buffer.from(JSON.stringify(minimal)), 'a.json');
    expect(plain.byHour).toEqual({});
    expect(plain.pipeline).toEqual({ failures: [], redshiftLoadErrors: { count: 0, samples: [] } });
    expect(parseSummary(gzipSync(JSON.stringify(minimal)), 'a.json.gz').events).toBe(2);
  });

  it.each([
    ['a.json.gz', Buffer.from('{}'), /^not gzip: /],
    ['a.json', Buffer.from('{"objects": 1,'), /^invalid JSON: /],
    ['a.json', Buffer.from('null'), 'not a summary: expected a JSON object'],
    ['a.json', Buffer.from(JSON.stringify({ ...minimal, events: '2' })), 'not a summary: "events" is not a number'],
    ['a.json', Buffer.from(JSON.stringify({ ...minimal, findings: {} })), 'not a summary: "findings" is not a list'],
    [
      'a.json',
      Buffer.from(JSON.stringify({ ...minimal, errors: [] })),
      'not a summary: "errors" is not an object of counts',
    ],
  ])('refuses %s %s with a reason', (key, body, reason) => {
    expect(() => parseSummary(body, key)).toThrow(reason);
  });
});
