import fc from 'fast-check';
import { mergeSummaries } from '../../src/summary/merge';
import { SEVERITIES } from '../../src/summary/types';
import type { Finding, PipelineFailure, Summary } from '../../src/summary/types';

// Findings and failures come from fixed pools: the same id always means the same finding, as it does for
// summaries of the same events (ids are `<ruleId>:<eventID>`).
const FINDINGS: Finding[] = Array.from({ length: 8 }, (_, i) => ({
  id: `rule-${i % 3}:event-${i}`,
  ruleId: `rule-${i % 3}`,
  severity: SEVERITIES[i % SEVERITIES.length],
  title: `Rule ${i % 3}`,
  eventID: `event-${i}`,
  eventName: 'StopLogging',
  eventTime: `2026-11-27T${String(10 + (i % 4)).padStart(2, '0')}:00:00Z`,
  principal: `arn:aws:iam::123456789012:user/u${i % 2}`,
  references: [],
}));
const FAILURES: PipelineFailure[] = Array.from({ length: 5 }, (_, i) => ({
  source: (['emr', 'stepfunctions', 'datapipeline'] as const)[i % 3],
  object: `s3://logs/${i}`,
  message: `failed ${i}`,
  ...(i % 2 === 0 ? { id: `j-${i}` } : {}),
}));

const counts = fc.dictionary(fc.constantFrom('a', 'b', 'c', 'd', 'e'), fc.nat(1000));
const time = fc.integer({ min: Date.UTC(2026, 0, 1), max: Date.UTC(2027, 0, 1) }).map((t) => new Date(t).toISOString());
const summary: fc.Arbitrary<Summary> = fc
  .record({
    objects: fc.nat(100),
    events: fc.nat(10_000),
    skipped: fc.array(fc.record({ object: fc.constantFrom('x', 'y', 'z'), reason: fc.constantFrom('empty', 'bad') })),
    bySource: counts,
    byEventName: counts,
    errors: counts,
    findings: fc.subarray(FINDINGS),
    byHour: counts,
    byPrincipal: counts,
    byKind: counts,
    failures: fc.subarray(FAILURES),
    loadErrors: fc.nat(50),
    samples: fc.array(fc.dictionary(fc.constantFrom('line', 'err', 'col'), fc.string({ maxLength: 3 })), {
      maxLength: 7,
    }),
    times: fc.option(fc.tuple(time, time), { nil: undefined }),
  })
  .map(({ failures, loadErrors, samples, times, ...rest }) => ({
    ...rest,
    pipeline: { failures, redshiftLoadErrors: { count: loadErrors, samples } },
    ...(times
      ? {
          firstEventTime: times[0] < times[1] ? times[0] : times[1],
          lastEventTime: times[0] < times[1] ? times[1] : times[0],
        }
      : {}),
  }));

/** Byte-for-byte, key order included: the merged summary is what the digest prints. */
const text = (s: Summary): string => JSON.stringify(s);

describe('mergeSummaries, for any summaries', () => {
  it('is commutative', () => {
    fc.assert(
      fc.property(summary, summary, (a, b) => {
        expect(text(mergeSummaries(a, b))).toBe(text(mergeSummaries(b, a)));
      }),
    );
  });

  it('is commutative when two summaries hold the same load-error sample with its keys in another order', () => {
    const withSample = (sample: Record<string, string>): Summary => ({
      ...mergeSummaries(),
      pipeline: { failures: [], redshiftLoadErrors: { count: 1, samples: [sample] } },
    });
    const a = withSample({ line: '5', col: 'host', err: 'Delimiter not found' });
    const b = withSample({ err: 'Delimiter not found', line: '5', col: 'host' });
    expect(text(mergeSummaries(a, b))).toBe(text(mergeSummaries(b, a)));
  });

  it('is associative, and equals merging all at once', () => {
    fc.assert(
      fc.property(summary, summary, summary, (a, b, c) => {
        const all = text(mergeSummaries(a, b, c));
        expect(text(mergeSummaries(mergeSummaries(a, b), c))).toBe(all);
        expect(text(mergeSummaries(a, mergeSummaries(b, c)))).toBe(all);
      }),
    );
  });

  it('adds the counts', () => {
    fc.assert(
      fc.property(summary, summary, (a, b) => {
        const merged = mergeSummaries(a, b);
        expect(merged.events).toBe(a.events + b.events);
        for (const key of Object.keys({ ...a.bySource, ...b.bySource })) {
          expect(merged.bySource[key]).toBe((a.bySource[key] ?? 0) + (b.bySource[key] ?? 0));
        }
      }),
    );
  });
});
