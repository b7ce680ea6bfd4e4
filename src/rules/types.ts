import type { Severity } from '../summary/types';

/** A log record as read from CloudTrail or another JSON log: rules read it only through `getField`. */
export type LogEvent = Record<string, unknown>;

/**
 * A detection rule (STYLE: one rule, one file, its own cases beside it).
 * A rule matches an event when its filter pattern matches (if any) and its predicate returns true (if any).
 */
export interface Rule {
  /** Equals the file name, e.g. `cis-cloudwatch-4` or `stratus-iam-backdoor-user`. */
  readonly id: string;
  readonly severity: Severity;
  readonly title: string;
  /** `cis:CloudWatch.N`, `stratus:<technique id>`, `attack:T…`, `pipeline:…`. */
  readonly references: readonly string[];
  /** A CloudWatch Logs JSON filter pattern, e.g. `{ $.eventName = "StopLogging" }`. */
  readonly filterPattern?: string;
  /** What a filter pattern cannot express; pure, never throws on a missing field. */
  readonly predicate?: (event: LogEvent) => boolean;
  /** Events the rule must match: a base event plus overrides, built by the rule's test helpers. */
  readonly positives: readonly LogEvent[];
  /** Events the rule must not match. */
  readonly negatives: readonly LogEvent[];
}
