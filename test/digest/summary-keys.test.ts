import { daysBetween, isSummaryKey, partitionOf, summaryKey } from '../../src/digest';

describe('summary key layout', () => {
  it('partitions by UTC day and hour', () => {
    expect(summaryKey(new Date('2026-11-27T23:59:59+00:00'), 'ab12')).toBe('dt=2026-11-27/hour=23/ab12.json');
    expect(summaryKey(new Date('2026-11-28T00:30:00+01:00'), 'ab12')).toBe('dt=2026-11-27/hour=23/ab12.json');
  });

  it('reads the partition back from a key, with or without a prefix', () => {
    expect(partitionOf('summaries/dt=2026-11-27/hour=05/x.json')).toEqual({
      day: '2026-11-27',
      hourStart: new Date('2026-11-27T05:00:00Z'),
    });
    expect(partitionOf('dt=2026-11-27/x.json')).toEqual({ day: '2026-11-27', hourStart: undefined });
    expect(partitionOf('monday.json')).toBeUndefined();
    expect(partitionOf('xdt=2026-11-27/x.json')).toBeUndefined();
  });

  it('takes JSON and gzip-compressed JSON files as summaries', () => {
    expect(['a.json', 'a.json.gz', 'a.gz', 'a.txt', 'json'].map(isSummaryKey)).toEqual([
      true,
      true,
      false,
      false,
      false,
    ]);
  });

  it('lists the days a window touches, across a month end', () => {
    expect(daysBetween(new Date('2026-11-29T22:00:00Z'), new Date('2026-12-01T01:00:00Z'))).toEqual([
      '2026-11-29',
      '2026-11-30',
      '2026-12-01',
    ]);
  });
});
