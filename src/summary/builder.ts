import { getString, principalOf } from '../events/fields';
import { findingsFor, RULES } from '../rules/engine';
import { PIPELINE_EVENT_SOURCE } from '../rules/pipeline/events';
import type { LogEvent, Rule } from '../rules/types';
import { addCount, emptyCounts } from './counts';
import { MAX_LOAD_ERROR_SAMPLES, mergeSummaries } from './merge';
import type { Finding, PipelineFailure, Summary } from './types';

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
 * Builds the summary of one log object, event by event. `finish` normalizes it through `mergeSummaries`, so a
 * summary of one object has exactly the form of a merged one and merging per-object summaries is the analysis.
 */
export class SummaryBuilder {
  private events = 0;
  private readonly skipped: { object: string; reason: string }[] = [];
  private readonly bySource = emptyCounts();
  private readonly byEventName = emptyCounts();
  private readonly errors = emptyCounts();
  private readonly byHour = emptyCounts();
  private readonly byPrincipal = emptyCounts();
  private readonly byKind = emptyCounts();
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
    addCount(this.byKind, kind);
  }

  skip(where: string, reason: string): void {
    this.skipped.push({ object: where, reason });
  }

  event(event: LogEvent): void {
    this.events++;
    const source = event.eventSource;
    if (typeof source === 'string') addCount(this.bySource, source);
    const name = event.eventName;
    if (typeof name === 'string') addCount(this.byEventName, name);
    const errorCode = event.errorCode;
    if (typeof errorCode === 'string') addCount(this.errors, errorCode);
    if (event.userIdentity !== undefined) addCount(this.byPrincipal, principalOf(event));
    const time = event.eventTime;
    if (typeof time === 'string' && HOUR.test(time)) {
      addCount(this.byHour, time.slice(0, 13));
      if (this.firstEventTime === undefined || time < this.firstEventTime) this.firstEventTime = time;
      if (this.lastEventTime === undefined || time > this.lastEventTime) this.lastEventTime = time;
    }
    if (source === PIPELINE_EVENT_SOURCE) this.pipelineEvent(event);
    for (const finding of findingsFor(event, this.rules, this.object)) this.findings.push(finding);
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
      bySource: this.bySource,
      byEventName: this.byEventName,
      errors: this.errors,
      findings: this.findings,
      byHour: this.byHour,
      byPrincipal: this.byPrincipal,
      byKind: this.byKind,
      pipeline: {
        failures: this.failures,
        redshiftLoadErrors: { count: this.loadErrors, samples: [...this.loadErrorSamples.values()] },
      },
      ...(this.firstEventTime ? { firstEventTime: this.firstEventTime } : {}),
      ...(this.lastEventTime ? { lastEventTime: this.lastEventTime } : {}),
    });
  }
}
