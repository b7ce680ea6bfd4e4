import { gunzipSync } from 'node:zlib';
import { emptyCounts } from '../summary/counts';
import { emptySummary } from '../summary/merge';
import type { Summary } from '../summary/types';
import { SEVERITIES } from '../summary/types';

const COUNT_FIELDS = ['bySource', 'byEventName', 'errors', 'byHour', 'byPrincipal', 'byKind'] as const;

/** A summary file that cannot be used; the message says why, and the digest reports it as skipped. */
export class InvalidSummaryError extends Error {
  constructor(reason: string) {
    super(reason);
    this.name = 'InvalidSummaryError';
  }
}

/**
 * Parses one stored summary (JSON, gzip when the name ends in `.gz`) and checks the fields the digest relies
 * on. Optional maps missing from older summaries are filled with empty ones.
 */
export function parseSummary(body: Buffer, key: string): Summary {
  let text: string;
  try {
    text = (key.endsWith('.gz') ? gunzipSync(body) : body).toString('utf8');
  } catch (error) {
    throw new InvalidSummaryError(`not gzip: ${(error as Error).message}`);
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new InvalidSummaryError(`invalid JSON: ${(error as Error).message}`);
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw new InvalidSummaryError('not a summary: expected a JSON object');
  }
  const summary = withDefaults(value as Partial<Summary>);
  for (const field of ['objects', 'events'] as const) {
    if (typeof summary[field] !== 'number') throw new InvalidSummaryError(`not a summary: "${field}" is not a number`);
  }
  for (const field of ['skipped', 'findings'] as const) {
    if (!Array.isArray(summary[field])) throw new InvalidSummaryError(`not a summary: "${field}" is not a list`);
  }
  for (const field of COUNT_FIELDS) {
    const counts = summary[field];
    if (counts === null || typeof counts !== 'object' || Array.isArray(counts)) {
      throw new InvalidSummaryError(`not a summary: "${field}" is not an object of counts`);
    }
    for (const key of Object.keys(counts)) {
      if (typeof counts[key] !== 'number' || !Number.isFinite(counts[key])) {
        throw new InvalidSummaryError(`not a summary: "${field}" counts ${JSON.stringify(key)} as a non-number`);
      }
    }
  }
  summary.findings.forEach((finding, i) => {
    if (finding === null || typeof finding !== 'object' || typeof finding.id !== 'string') {
      throw new InvalidSummaryError(`not a summary: finding ${i + 1} has no string "id"`);
    }
    if (!SEVERITIES.includes(finding.severity)) {
      throw new InvalidSummaryError(`not a summary: finding ${i + 1} has an unknown severity`);
    }
  });
  return summary;
}

/** Fills the fields an older summary may lack, in place: building a whole empty summary per file costs more. */
function withDefaults(value: Partial<Summary>): Summary {
  const defaults = value as { -readonly [K in keyof Summary]?: Summary[K] };
  for (const field of ['objects', 'events'] as const) defaults[field] ??= 0;
  for (const field of ['skipped', 'findings'] as const) defaults[field] ??= [];
  for (const field of COUNT_FIELDS) defaults[field] ??= emptyCounts();
  defaults.pipeline ??= emptySummary().pipeline;
  return defaults as Summary;
}
