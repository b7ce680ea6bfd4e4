import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { analyze } from '../../src/analyze';
import { digestMarkdown, digestSummaries, parseSummary, summaryKey } from '../../src/digest';
import { renderSummaryMarkdown } from '../../src/report';
import { mergeSummaries } from '../../src/summary/merge';
import type { Counts, Summary } from '../../src/summary/types';

/** Names that `Object.prototype` already holds: a plain object keyed by log values would mix them up. */
const NAMES = [
  'constructor',
  'toString',
  'hasOwnProperty',
  'valueOf',
  '__proto__',
  'isPrototypeOf',
  '__lookupGetter__',
];
const MAPS = ['bySource', 'byEventName', 'errors', 'byHour', 'byPrincipal', 'byKind'] as const;

/** Counts as sorted entries: compares own keys only, `__proto__` included, whatever the object's prototype. */
const entries = (counts: Counts) => Object.keys(counts).map((key) => [key, counts[key]]);
const each = (n: number) => NAMES.map((name) => [name, n]).sort(([a], [b]) => (a < b ? -1 : 1));

/** A stored summary (as JSON text) with every map keyed by those names, `n` each. */
function storedSummaryText(n: number, hour: string): string {
  const counts = `{${NAMES.map((name) => `${JSON.stringify(name)}:${n}`).join(',')}}`;
  const maps = MAPS.map((field) => `"${field}":${counts}`).join(',');
  return `{"objects":1,"events":${n},"skipped":[],"findings":[],${maps},"firstEventTime":"${hour}:00:00Z","lastEventTime":"${hour}:01:00Z"}`;
}

let dir: string;
beforeAll(() => (dir = fs.mkdtempSync(path.join(os.tmpdir(), 'logfed-hostile-'))));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('log values named like Object.prototype members are counted like any other', () => {
  it('analyze: every count map keeps them as keys with their real counts', async () => {
    const records = NAMES.flatMap((name) =>
      [1, 2].map((i) => ({
        eventVersion: '1.09',
        eventID: `${name}-${i}`,
        eventTime: '2026-11-27T10:00:00Z',
        eventSource: name,
        eventName: name,
        errorCode: name,
        userIdentity: { type: 'IAMUser', arn: name },
      })),
    );
    const file = path.join(dir, 'hostile.ndjson');
    fs.writeFileSync(file, records.map((r) => JSON.stringify(r)).join('\n'));
    const summary = await analyze([file], { workers: 1 });
    for (const field of ['bySource', 'byEventName', 'errors', 'byPrincipal'] as const) {
      expect([field, entries(summary[field])]).toEqual([field, each(2)]);
    }
    const printed = JSON.parse(JSON.stringify(summary)) as Summary;
    expect(entries(printed.byEventName)).toEqual(each(2));
    expect(renderSummaryMarkdown(summary)).toContain('| constructor | 2 |');
  });

  it('merge: counts of stored summaries add up under those keys in every map', () => {
    const a = parseSummary(Buffer.from(storedSummaryText(2, '2026-11-27T10')), 'a.json');
    const b = parseSummary(Buffer.from(storedSummaryText(3, '2026-11-27T11')), 'b.json');
    const merged = mergeSummaries(a, b);
    for (const field of MAPS) expect([field, entries(merged[field])]).toEqual([field, each(5)]);
  });

  it('digest: merges such summary files exactly and renders them as rows', async () => {
    const source = path.join(dir, 'summaries');
    for (const [i, hour] of ['2026-11-27T10', '2026-11-27T11', '2026-11-27T12'].entries()) {
      const key = path.join(source, summaryKey(new Date(`${hour}:00:00Z`), `s${i}`));
      fs.mkdirSync(path.dirname(key), { recursive: true });
      fs.writeFileSync(key, storedSummaryText(i + 1, hour));
    }
    const result = await digestSummaries({
      source,
      window: { since: new Date('2026-11-27T00:00:00Z'), until: new Date('2026-11-28T00:00:00Z') },
    });
    expect(result.summary.skipped).toEqual([]);
    for (const field of MAPS) expect([field, entries(result.summary[field])]).toEqual([field, each(6)]);
    expect(digestMarkdown(result)).toContain('| hasOwnProperty | 6 |');
  });

  it('digest: a stored summary whose counts or severities are not what they claim is skipped with the reason', () => {
    const text = storedSummaryText(1, '2026-11-27T10');
    expect(() => parseSummary(Buffer.from(text.replace('"valueOf":1', '"valueOf":"1"')), 'x.json')).toThrow(
      'not a summary: "bySource" counts "valueOf" as a non-number',
    );
    const badFinding = text.replace('"findings":[]', '"findings":[{"id":"r:1","severity":"constructor"}]');
    expect(() => parseSummary(Buffer.from(badFinding), 'x.json')).toThrow('finding 1 has an unknown severity');
  });
});
