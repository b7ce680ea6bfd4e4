import { getString, principalOf } from '../events/fields';
import { findingsFor, RULES } from '../rules/engine';
import { PIPELINE_EVENT_SOURCE } from '../rules/pipeline/events';
import type { LogEvent, Rule } from '../rules/types';
import { emptyCounts } from './counts';
import { MAX_LOAD_ERROR_SAMPLES, mergeSummaries } from './merge';
import type { Counts, Finding, PipelineFailure, Summary } from './types';

/** A Map: the event name comes from the log, so it must not reach `Object.prototype` (`constructor`…). */
const FAILURE_SOURCES = new Map<string, PipelineFailure['source']>([
  ['EmrStepFailed', 'emr'],
  ['EmrClusterTerminatedWithErrors', 'emr'],
  ['StepFunctionsExecutionFailed', 'stepfunctions'],
  ['DataPipelineActivityFailed', 'datapipeline'],
]);

/** `YYYY-MM-DDTHH` of an ISO time, for `byHour`. */
const HOUR = /^\d{4}-\d\d-\d\dT\d\d/;

/**
 * Counts while events arrive. A `Map` rather than an object without a prototype: keys from the logs are new
 * strings each time, and a map only hashes them, where an object lookup first looks each one up among V8's
 * internalized strings.
 */
class Tally {
  private readonly counts = new Map<string, number>();

  add(key: string): void {
    this.counts.set(key, (this.counts.get(key) ?? 0) + 1);
  }

  toCounts(): Counts {
    const counts = emptyCounts();
    for (const [key, n] of this.counts) counts[key] = n;
    return counts;
  }
}

/**
 * Builds the summary of one log object, event by event. `finish` normalizes it through `mergeSummaries`, so a
 * summary of one object has exactly the form of a merged one and merging per-object summaries is the analysis.
 */
export class SummaryBuilder {
  private events = 0;
  private readonly skipped: { object: string; reason: string }[] = [];
  private readonly bySource = new Tally();
  private readonly byEventName = new Tally();
  private readonly errors = new Tally();
  private readonly byHour = new Tally();
  private readonly byPrincipal = new Tally();
  private readonly byKind = new Tally();
  /** The last hour counted: events of one object mostly share it, and a prefix check is cheaper than the pattern. */
  private lastHour = '';
  private readonly findings: Finding[] = [];
  private readonly failures: PipelineFailure[] = [];
  private loadErrors = 0;
  /** Sample rows keyed as `mergeSummaries` orders them; only the first few by that order are kept. */
  private readonly loadErrorSamples = new Map<string, Record<string, string>>();
  private firstEventTime?: string;
  private lastEventTime?: string;

  constructor(
    private readonly object: string,
    private readonly rules: readonly Rule[] = RULES,
  ) {}

  kind(kind: string): void {
    this.byKind.add(kind);
  }

  skip(where: string, reason: string): void {
    this.skipped.push({ object: where, reason });
  }

  event(event: LogEvent): void {
    this.events++;
    const source = event.eventSource;
    if (typeof source === 'string') this.bySource.add(source);
    const name = event.eventName;
    if (typeof name === 'string') this.byEventName.add(name);
    const errorCode = event.errorCode;
    if (typeof errorCode === 'string') this.errors.add(errorCode);
    if (event.userIdentity !== undefined) this.byPrincipal.add(principalOf(event));
    const time = event.eventTime;
    const hour = typeof time === 'string' ? this.hourOf(time) : undefined;
    if (typeof time === 'string' && hour !== undefined) {
      this.byHour.add(hour);
      if (this.firstEventTime === undefined || time < this.firstEventTime) this.firstEventTime = time;
      if (this.lastEventTime === undefined || time > this.lastEventTime) this.lastEventTime = time;
    }
    if (source === PIPELINE_EVENT_SOURCE) this.pipelineEvent(event);
    for (const finding of findingsFor(event, this.rules, this.object)) this.findings.push(finding);
  }

  /** `YYYY-MM-DDTHH` of an ISO time, or undefined when it is not one. */
  private hourOf(time: string): string | undefined {
    if (this.lastHour !== '' && time.startsWith(this.lastHour)) return this.lastHour;
    if (!HOUR.test(time)) return undefined;
    this.lastHour = time.slice(0, 13);
    return this.lastHour;
  }

  private pipelineEvent(event: LogEvent): void {
    const name = getString(event, 'eventName');
    if (name === 'RedshiftLoadError') {
      this.loadErrors++;
      const detail = (event.detail ?? {}) as Record<string, unknown>;
      const row = Object.fromEntries(
        Object.entries(detail)
          .map(([key, value]) => [key, String(value)])
          .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)),
      );
      this.loadErrorSamples.set(JSON.stringify(row), row);
      if (this.loadErrorSamples.size > 10 * MAX_LOAD_ERROR_SAMPLES) this.keepFirstSamples();
      return;
    }
    const source = FAILURE_SOURCES.get(name);
    if (!source) return;
    const id =
      getString(event, 'detail.stepId') ||
      getString(event, 'detail.attemptId') ||
      getString(event, 'detail.executionArn') ||
      getString(event, 'detail.clusterId');
    const time = getString(event, 'eventTime');
    const message =
      getString(event, 'detail.message') ||
      [getString(event, 'detail.status'), getString(event, 'detail.error'), getString(event, 'detail.cause')]
        .filter(Boolean)
        .join(': ');
    this.failures.push({ source, object: this.object, ...(id ? { id } : {}), ...(time ? { time } : {}), message });
  }

  private keepFirstSamples(): void {
    const keys = [...this.loadErrorSamples.keys()].sort();
    for (const key of keys.slice(MAX_LOAD_ERROR_SAMPLES)) this.loadErrorSamples.delete(key);
  }

  finish(): Summary {
    return mergeSummaries({
      objects: 1,
      events: this.events,
      skipped: this.skipped,
      bySource: this.bySource.toCounts(),
      byEventName: this.byEventName.toCounts(),
      errors: this.errors.toCounts(),
      findings: this.findings,
      byHour: this.byHour.toCounts(),
      byPrincipal: this.byPrincipal.toCounts(),
      byKind: this.byKind.toCounts(),
      pipeline: {
        failures: this.failures,
        redshiftLoadErrors: { count: this.loadErrors, samples: [...this.loadErrorSamples.values()] },
      },
      ...(this.firstEventTime ? { firstEventTime: this.firstEventTime } : {}),
      ...(this.lastEventTime ? { lastEventTime: this.lastEventTime } : {}),
    });
  }
}
