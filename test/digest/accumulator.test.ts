import { DigestAccumulator } from '../../src/digest';
import { compareFindings, mergeSummaries } from '../../src/summary/merge';
import type { Summary } from '../../src/summary/types';
import { finding, hourSummary } from './helpers';

const limits = { findingsPerSeverity: 2, skipped: 1, pipelineFailures: 1 };

function summaries(): Summary[] {
  const list: Summary[] = [];
  for (let i = 0; i < 1200; i += 1) {
    const hour = `2026-11-27T${String(i % 24).padStart(2, '0')}`;
    const findings = i % 100 === 0 ? [finding(i, 'high', hour), finding(i + 1, 'low', hour)] : [];
    const summary = hourSummary(hour, 3, findings);
    list.push(
      i % 300 === 0
        ? {
            ...summary,
            skipped: [{ object: `s3://logs/bad-${i}.json.gz`, reason: 'truncated gzip' }],
            pipeline: {
              failures: [{ source: 'emr', object: `s3://emr/${i}`, message: 'Step failed' }],
              redshiftLoadErrors: { count: 0, samples: [] },
            },
          }
        : summary,
    );
  }
  // The same event seen in two log objects gives the same finding: it must be counted once.
  list.push(hourSummary('2026-11-27T05', 1, [finding(0, 'high', '2026-11-27T00')]));
  return list;
}

describe('DigestAccumulator', () => {
  it('adds counts exactly and counts deduplicated findings, skipped objects and failures', () => {
    const accumulator = new DigestAccumulator(limits);
    for (const s of summaries()) accumulator.add(s);
    const result = accumulator.result();
    expect(result.summary.events).toBe(1200 * 3 + 1);
    expect(result.summary.objects).toBe(1201);
    expect(result.summary.errors).toEqual({ AccessDenied: 1200 });
    expect(result.summary.byHour['2026-11-27T05']).toBe(50 * 3 + 1);
    expect(result.findingsBySeverity).toEqual({ info: 0, low: 12, medium: 0, high: 12, critical: 0 });
    expect(result.skipped).toBe(4);
    expect(result.pipelineFailures).toBe(4);
  });

  it('keeps only the first findings of each severity, the same ones a full merge lists first', () => {
    const accumulator = new DigestAccumulator(limits);
    for (const s of summaries()) accumulator.add(s);
    const kept = accumulator.result().summary.findings;
    const all = mergeSummaries(...summaries()).findings;
    const expected = ['high', 'low'].flatMap((severity) => all.filter((f) => f.severity === severity).slice(0, 2));
    expect(kept).toEqual([...expected].sort(compareFindings));
    expect(accumulator.result().summary.skipped).toHaveLength(1);
    expect(accumulator.result().summary.pipeline.failures).toHaveLength(1);
  });

  it('gives the same result whatever order the summaries come in', () => {
    const forward = new DigestAccumulator(limits);
    const backward = new DigestAccumulator(limits);
    const list = summaries();
    for (const s of list) forward.add(s);
    for (const s of [...list].reverse()) backward.add(s);
    expect(backward.result()).toEqual(forward.result());
  });
});
