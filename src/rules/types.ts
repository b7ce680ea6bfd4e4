import type { Severity } from '../summary/types';

/** A log record as read from CloudTrail or another JSON log: rules read it only through `getField`. */
export type LogEvent = Record<string, unknown>;

/** The CloudWatch metric a rule's filter pattern feeds when the monitoring stack turns it into a metric filter. */
export interface RuleMetric {
  readonly namespace: string;
  readonly name: string;
}

/**
 * A detection rule (STYLE: one rule, one file, its own cases beside it).
 * A rule matches an event when its filter pattern matches (if any) and its predicate returns true (if any).
 * Events from trusted automation (AWS services, the project's own pipeline roles) never match unless
 * `includeTrustedAutomation` is set; see `trusted-automation.ts`.
 */
export interface Rule {
  /** Equals the file name, e.g. `cis-cloudwatch-4` or `cloudtrail-stopped`. */
  readonly id: string;
  readonly severity: Severity;
  readonly title: string;
  /** `cis:CloudWatch.N`, `stratus:<technique id>`, `attack:T…`, `pipeline:…`. */
  readonly references: readonly string[];
  /** A CloudWatch Logs JSON filter pattern, e.g. `{ $.eventName = "StopLogging" }`. */
  readonly filterPattern?: string;
  /** What a filter pattern cannot express; pure, never throws on a missing field. */
  readonly predicate?: (event: LogEvent) => boolean;
  /** Set on rules whose filter pattern is also deployed as a CloudWatch metric filter (the CIS controls). */
  readonly metric?: RuleMetric;
  /** Match events of AWS service principals and pipeline roles too (pipeline-health and CIS root rules). */
  readonly includeTrustedAutomation?: boolean;
  /** Events the rule must match: a base event plus overrides, built with `./testing`. */
  readonly positives: readonly LogEvent[];
  /** Events the rule must not match. */
  readonly negatives: readonly LogEvent[];
}
