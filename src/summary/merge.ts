import { addCounts, emptyCounts, sortedCounts } from './counts';
import type { Finding, PipelineFailure, SkippedObject, Summary } from './types';
import { SEVERITIES } from './types';

/** How many Redshift load-error sample rows a summary keeps. */
export const MAX_LOAD_ERROR_SAMPLES = 5;

export function emptySummary(): Summary {
  return {
    objects: 0,
    events: 0,
    skipped: [],
    bySource: emptyCounts(),
    byEventName: emptyCounts(),
    errors: emptyCounts(),
    findings: [],
    byHour: emptyCounts(),
    byPrincipal: emptyCounts(),
    byKind: emptyCounts(),
    pipeline: { failures: [], redshiftLoadErrors: { count: 0, samples: [] } },
  };
}

/**
 * Merges summaries: counts add, findings and failures are deduplicated by id, lists are sorted, so the result
 * does not depend on order or grouping and merging two summaries equals analyzing their inputs together.
 */
export function mergeSummaries(...summaries: readonly Summary[]): Summary {
  const merged = emptySummary() as Mutable<Summary>;
  const findings = new Map<string, Finding>();
  const failures = new Map<string, PipelineFailure>();
  const skipped = new Map<string, { object: string; reason: string }>();
  let loadErrors = 0;
  const samples = new Map<string, Record<string, string>>();
  for (const s of summaries) {
    merged.objects += s.objects;
    merged.events += s.events;
    for (const item of s.skipped) skipped.set(skippedKey(item), item);
    addCounts(merged.bySource, s.bySource);
    addCounts(merged.byEventName, s.byEventName);
    addCounts(merged.errors, s.errors);
    if (s.byHour) addCounts(merged.byHour, s.byHour);
    if (s.byPrincipal) addCounts(merged.byPrincipal, s.byPrincipal);
    if (s.byKind) addCounts(merged.byKind, s.byKind);
    for (const f of s.findings) if (!findings.has(f.id)) findings.set(f.id, f);
    for (const f of s.pipeline?.failures ?? []) failures.set(failureKey(f), f);
    loadErrors += s.pipeline?.redshiftLoadErrors.count ?? 0;
    for (const row of s.pipeline?.redshiftLoadErrors.samples ?? []) addSample(samples, row);
    merged.firstEventTime = minTime(merged.firstEventTime, s.firstEventTime);
    merged.lastEventTime = maxTime(merged.lastEventTime, s.lastEventTime);
  }
  merged.skipped = [...skipped.values()].sort((a, b) => compare(a.object, b.object) || compare(a.reason, b.reason));
  merged.findings = [...findings.values()].sort(compareFindings);
  merged.pipeline = {
    failures: [...failures.values()].sort((a, b) => compare(failureKey(a), failureKey(b))),
    redshiftLoadErrors: {
      count: loadErrors,
      samples: [...samples.entries()]
        .sort(([a], [b]) => compare(a, b))
        .slice(0, MAX_LOAD_ERROR_SAMPLES)
        .map(([, row]) => row),
    },
  };
  for (const key of ['bySource', 'byEventName', 'errors', 'byHour', 'byPrincipal', 'byKind'] as const) {
    merged[key] = sortedCounts(merged[key]);
  }
  if (merged.firstEventTime === undefined) delete merged.firstEventTime;
  if (merged.lastEventTime === undefined) delete merged.lastEventTime;
  return merged;
}

/**
 * Keeps one of the samples that hold the same values: the one whose text sorts first, so the merged summary
 * does not depend on the order of its inputs when two of them wrote the same row with its keys in another order.
 */
function addSample(samples: Map<string, Record<string, string>>, row: Record<string, string>): void {
  const key = JSON.stringify(sortKeys(row));
  const kept = samples.get(key);
  if (kept === undefined || JSON.stringify(row) < JSON.stringify(kept)) samples.set(key, row);
}

/** Most severe first, then by time, then by id: a stable order for reports and tests. */
export function compareFindings(a: Finding, b: Finding): number {
  return (
    SEVERITIES.indexOf(b.severity) - SEVERITIES.indexOf(a.severity) ||
    compare(a.eventTime, b.eventTime) ||
    compare(a.id, b.id)
  );
}

/** Identity of a skipped object entry: the same object skipped for the same reason is one entry. */
export function skippedKey(s: SkippedObject): string {
  return `${s.object}\u0000${s.reason}`;
}

/** Identity of a pipeline failure: the same failure read twice is one failure. */
export function failureKey(f: PipelineFailure): string {
  return [f.source, f.object, f.id ?? '', f.time ?? '', f.message].join('\u0000');
}

function sortKeys<T>(record: Record<string, T>): Record<string, T> {
  return Object.fromEntries(Object.entries(record).sort(([a], [b]) => compare(a, b)));
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function minTime(a: string | undefined, b: string | undefined): string | undefined {
  if (a === undefined) return b;
  if (b === undefined) return a;
  return a <= b ? a : b;
}

function maxTime(a: string | undefined, b: string | undefined): string | undefined {
  if (a === undefined) return b;
  if (b === undefined) return a;
  return a >= b ? a : b;
}

type Mutable<T> = { -readonly [K in keyof T]: T[K] };
