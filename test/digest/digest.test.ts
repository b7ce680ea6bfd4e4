import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { digestSummaries, summaryKey } from '../../src/digest';
import { finding, hourSummary } from './helpers';

const FIXTURES = path.resolve(__dirname, '..', 'fixtures', 'summaries');
const DAY = { since: new Date('2026-11-27T00:00:00Z'), until: new Date('2026-11-28T00:00:00Z') };

describe('digestSummaries on the fixture summaries', () => {
  it('merges the summaries of the window and reports an unreadable one as skipped', async () => {
    const result = await digestSummaries({ source: FIXTURES, window: DAY });
    expect(result.summariesListed).toBe(3);
    expect(result.summariesInWindow).toBe(2);
    expect(result.summary.events).toBe(150);
    expect(result.findingsBySeverity).toEqual({ info: 0, low: 1, medium: 1, high: 1, critical: 1 });
    expect(result.summary.skipped).toContainEqual({
      object: path.join(FIXTURES, 'dt=2026-11-27/hour=15/c0ffee0000000001.json'),
      reason: expect.stringMatching(/^summary invalid JSON: /),
    });
    expect(result.skipped).toBe(2);
  });

  it('includes older partitions when the window reaches them', async () => {
    const result = await digestSummaries({
      source: FIXTURES,
      window: { since: new Date('2026-11-25T00:00:00Z'), until: DAY.until },
    });
    expect(result.summariesInWindow).toBe(3);
    expect(result.summary.byEventName.RunInstances).toBe(50);
  });

  it('leaves out summaries whose events end before the window', async () => {
    const result = await digestSummaries({
      source: FIXTURES,
      window: { since: new Date('2026-11-27T14:00:00Z'), until: DAY.until },
    });
    expect(result.summariesInWindow).toBe(1);
    expect(result.summary.events).toBe(30);
  });

  it('reads files outside the partition layout, as written by analyze --out', async () => {
    const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'logfed-digest-flat-'));
    fs.writeFileSync(path.join(folder, 'monday.json'), JSON.stringify(hourSummary('2026-11-27T08', 7)));
    fs.writeFileSync(path.join(folder, 'notes.txt'), 'not a summary');
    fs.writeFileSync(path.join(folder, 'list.json'), '[1, 2]');
    const result = await digestSummaries({ source: folder, window: DAY });
    expect(result.summary.events).toBe(7);
    expect(result.summary.skipped).toEqual([
      { object: path.join(folder, 'list.json'), reason: 'summary not a summary: expected a JSON object' },
    ]);
  });
});

describe('digestSummaries on summaries without event times', () => {
  it('places them in the hour of their partition', async () => {
    const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'logfed-digest-timeless-'));
    const timeless = {
      ...hourSummary('2026-11-27T05', 0),
      skipped: [{ object: 's3://logs/empty.json.gz', reason: 'empty object' }],
    };
    delete (timeless as { firstEventTime?: string }).firstEventTime;
    delete (timeless as { lastEventTime?: string }).lastEventTime;
    fs.mkdirSync(path.join(folder, 'dt=2026-11-27', 'hour=05'), { recursive: true });
    fs.writeFileSync(
      path.join(folder, summaryKey(new Date('2026-11-27T05:00:00Z'), 'empty')),
      JSON.stringify(timeless),
    );
    const early = await digestSummaries({
      source: folder,
      window: { since: new Date('2026-11-27T00:00:00Z'), until: new Date('2026-11-27T06:00:00Z') },
    });
    expect(early.summariesInWindow).toBe(1);
    expect(early.summary.skipped).toEqual(timeless.skipped);
    const late = await digestSummaries({
      source: folder,
      window: { since: new Date('2026-11-27T06:00:00Z'), until: new Date('2026-11-27T12:00:00Z') },
    });
    expect(late.summariesListed).toBe(1);
    expect(late.summariesInWindow).toBe(0);
  });
});

describe('digestSummaries over 100,000 summaries', () => {
  const COUNT = 100_000;
  let folder: string;
  let firstHourEvents = 0;

  beforeAll(() => {
    folder = fs.mkdtempSync(path.join(os.tmpdir(), 'logfed-digest-100k-'));
    // 100,000 five-minute summaries: four days before the window (pruned by partition) and the window's day.
    for (let i = 0; i < COUNT; i += 1) {
      const day = i % 5 === 0 ? '2026-11-27' : `2026-11-2${i % 5 === 1 ? 3 : i % 5 === 2 ? 4 : i % 5 === 3 ? 5 : 6}`;
      const hour = `${day}T${String(i % 24).padStart(2, '0')}`;
      if (hour === '2026-11-27T00') firstHourEvents += 2;
      const findings = i % 1000 === 0 ? [finding(i, i % 2000 === 0 ? 'critical' : 'medium', hour)] : [];
      const key = summaryKey(new Date(`${hour}:00:00Z`), `s${String(i).padStart(6, '0')}`);
      fs.mkdirSync(path.join(folder, path.dirname(key)), { recursive: true });
      fs.writeFileSync(path.join(folder, key), JSON.stringify(hourSummary(hour, 2, findings)));
    }
  });

  afterAll(() => fs.rmSync(folder, { recursive: true, force: true }));

  it('merges exactly the window, counts every finding and keeps only the first few in memory', async () => {
    const progress: number[] = [];
    const result = await digestSummaries({
      source: folder,
      window: DAY,
      onProgress: (p) => progress.push(p.read),
    });
    const inWindow = COUNT / 5;
    // The day before the window is listed too (an object's events may start before its partition's day).
    expect(result.summariesListed).toBe(2 * inWindow);
    expect(result.summariesInWindow).toBe(inWindow);
    expect(result.summary.events).toBe(2 * inWindow);
    expect(result.summary.byHour['2026-11-27T00']).toBe(firstHourEvents);
    // Findings on i % 1000 === 0: all fall on the window's day (i % 5 === 0); every other one is critical.
    expect(result.findingsBySeverity).toEqual({ info: 0, low: 0, medium: 50, high: 0, critical: 50 });
    expect(result.summary.findings.filter((f) => f.severity === 'critical')).toHaveLength(50);
    expect(result.limits.findingsPerSeverity).toBe(50);
    expect(progress.at(-1)).toBe(2 * inWindow);
    expect(progress.length).toBeGreaterThan(10);
  });
});
