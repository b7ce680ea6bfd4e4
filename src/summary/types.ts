/**
 * The summary contract (DESIGN §4): what `logfed analyze` prints, what the Lambda stores and what the
 * digest merges. Field names and meanings are stable; new optional fields may be added.
 * Every map is an object of counts so that merging is addition and output is deterministic; the maps built
 * here have no prototype (see `emptyCounts`), because their keys come from the logs.
 */
export type Severity = 'info' | 'low' | 'medium' | 'high' | 'critical';

export const SEVERITIES: readonly Severity[] = ['info', 'low', 'medium', 'high', 'critical'];

export type Counts = Record<string, number>;

export interface SkippedObject {
  /** The object's location (local path or s3:// URI), with `#line` or `#record` where one record is meant. */
  readonly object: string;
  /** Why it was not analyzed, e.g. `empty object`, `truncated gzip`, `invalid JSON at byte 120: …`. */
  readonly reason: string;
}

export interface Finding {
  /** Stable id: `<ruleId>:<eventID>`; the same event seen twice gives the same finding. */
  readonly id: string;
  readonly ruleId: string;
  readonly severity: Severity;
  readonly title: string;
  readonly eventID: string;
  readonly eventName: string;
  readonly eventTime: string;
  /** ARN, or `userName`/`invokedBy`/type when there is no ARN; `unknown` when nothing identifies it. */
  readonly principal: string;
  readonly sourceIPAddress?: string;
  readonly awsRegion?: string;
  readonly recipientAccountId?: string;
  /** e.g. `cis:CloudWatch.5`, `stratus:aws.defense-evasion.cloudtrail-stop`, `attack:T1562.008`. */
  readonly references: readonly string[];
  /** The object the event came from. */
  readonly object?: string;
}

/** A failure seen in EMR, Step Functions or Data Pipeline logs. */
export interface PipelineFailure {
  readonly source: 'emr' | 'stepfunctions' | 'datapipeline';
  readonly object: string;
  /** Cluster, step, execution or activity id when the log names one. */
  readonly id?: string;
  readonly time?: string;
  readonly message: string;
}

/** Redshift load errors (STL_LOAD_ERRORS unloaded to S3). */
export interface RedshiftLoadErrors {
  readonly count: number;
  /** Up to a few sample rows (the first by a stable order), for people to look at. */
  readonly samples: readonly Record<string, string>[];
}

export interface PipelineHealth {
  readonly failures: readonly PipelineFailure[];
  readonly redshiftLoadErrors: RedshiftLoadErrors;
}

export interface Summary {
  /** Log objects read (including skipped ones). */
  readonly objects: number;
  /** Events (records) analyzed. */
  readonly events: number;
  readonly skipped: readonly SkippedObject[];
  readonly bySource: Counts;
  readonly byEventName: Counts;
  readonly errors: Counts;
  readonly findings: readonly Finding[];
  /** Events per hour, keyed `YYYY-MM-DDTHH` (UTC). */
  readonly byHour: Counts;
  /** Events per principal (ARN or best identifier). */
  readonly byPrincipal: Counts;
  /** Objects per log kind (`cloudtrail`, `cloudtrail-digest`, `emr`, `datapipeline`, `redshift-load-errors`, …). */
  readonly byKind: Counts;
  readonly pipeline: PipelineHealth;
  /** Earliest and latest event time seen (ISO 8601), when any event had one. */
  readonly firstEventTime?: string;
  readonly lastEventTime?: string;
}
