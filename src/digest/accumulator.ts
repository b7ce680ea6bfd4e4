import { emptySummary, failureKey, mergeSummaries, skippedKey } from '../summary/merge';
import type { Severity, Summary } from '../summary/types';
import { SEVERITIES } from '../summary/types';

/** How much detail a digest keeps; everything beyond is counted, not kept. */
export interface DigestLimits {
  /** Findings kept per severity (the first by the report order: time, then id). */
  readonly findingsPerSeverity: number;
  /** Skipped objects kept by name. */
  readonly skipped: number;
  /** Pipeline failures kept. */
  readonly pipelineFailures: number;
}

export const DEFAULT_DIGEST_LIMITS: DigestLimits = { findingsPerSeverity: 50, skipped: 100, pipelineFailures: 100 };

/** Summaries merged at once: large enough to amortize re-sorting, small enough to bound memory. */
const BATCH = 500;

export interface AccumulatedDigest {
  /** The merged summary, with findings, skipped objects and failures cut to the limits. */
  readonly summary: Summary;
  readonly findingsBySeverity: Record<Severity, number>;
  readonly skipped: number;
  readonly pipelineFailures: number;
}

/**
 * Merges any number of summaries in bounded memory: counts add up exactly; findings, skipped objects and
 * pipeline failures are deduplicated by id and counted exactly, but only the first few of each are kept.
 * Memory grows with the number of distinct ids (tens of bytes each), not with the summaries read.
 * The result does not depend on the order summaries are added in.
 */
export class DigestAccumulator {
  private merged: Summary = emptySummary();
  private pending: Summary[] = [];
  private readonly findingIds = new Set<string>();
  private readonly findingCounts = Object.fromEntries(SEVERITIES.map((s) => [s, 0])) as Record<Severity, number>;
  private readonly skippedIds = new Set<string>();
  private readonly failureIds = new Set<string>();

  constructor(private readonly limits: DigestLimits = DEFAULT_DIGEST_LIMITS) {}

  add(summary: Summary): void {
    for (const f of summary.findings) {
      if (this.findingIds.has(f.id)) continue;
      this.findingIds.add(f.id);
      this.findingCounts[f.severity] += 1;
    }
    for (const s of summary.skipped) this.skippedIds.add(skippedKey(s));
    for (const f of summary.pipeline?.failures ?? []) this.failureIds.add(failureKey(f));
    this.pending.push(summary);
    if (this.pending.length >= BATCH) this.flush();
  }

  result(): AccumulatedDigest {
    this.flush();
    return {
      summary: this.merged,
      findingsBySeverity: { ...this.findingCounts },
      skipped: this.skippedIds.size,
      pipelineFailures: this.failureIds.size,
    };
  }

  private flush(): void {
    if (this.pending.length === 0) return;
    const merged = mergeSummaries(this.merged, ...this.pending);
    this.pending = [];
    const kept = new Map<Severity, number>();
    // mergeSummaries sorts findings most severe first, then by time and id: keep the first of each severity.
    const findings = merged.findings.filter((f) => {
      const n = kept.get(f.severity) ?? 0;
      kept.set(f.severity, n + 1);
      return n < this.limits.findingsPerSeverity;
    });
    this.merged = {
      ...merged,
      findings,
      skipped: merged.skipped.slice(0, this.limits.skipped),
      pipeline: { ...merged.pipeline, failures: merged.pipeline.failures.slice(0, this.limits.pipelineFailures) },
    };
  }
}
