import type { LogEvent } from '../rules/types';

/**
 * Reads a nested field by dotted path (`userIdentity.sessionContext.attributes.mfaAuthenticated`,
 * `responseElements.instancesSet.items.0.instanceId`). Never throws: a missing step gives `fallback`.
 */
export function getField<T = unknown>(event: unknown, path: string, fallback?: T): T | undefined {
  let current: unknown = event;
  for (const step of stepsOf(path)) {
    if (current === null || typeof current !== 'object') return fallback;
    current = (current as Record<string, unknown>)[step];
    if (current === undefined) return fallback;
  }
  return current as T;
}

/** Paths split once: the same few paths are read for every event. */
const STEPS = new Map<string, readonly string[]>();

function stepsOf(path: string): readonly string[] {
  let steps = STEPS.get(path);
  if (!steps) {
    steps = path.split('.');
    STEPS.set(path, steps);
  }
  return steps;
}

/** A string field, or `fallback` when missing or not a string. */
export function getString(event: unknown, path: string, fallback = ''): string {
  const value = getField(event, path);
  return typeof value === 'string' ? value : fallback;
}

/**
 * Who did it: the ARN when there is one, else the user name, else the invoking service, else the identity type.
 * AWS service principals (`invokedBy`, type `AWSService`) are named by their service host.
 */
export function principalOf(event: LogEvent): string {
  // Read directly rather than by path: this runs for every event analyzed.
  const identity = event.userIdentity;
  if (identity === null || typeof identity !== 'object') return 'unknown';
  const fields = identity as Record<string, unknown>;
  return (
    text(fields.arn) ||
    text(fields.userName) ||
    text(fields.invokedBy) ||
    text(fields.principalId) ||
    text(fields.type) ||
    'unknown'
  );
}

function text(value: unknown): string {
  return typeof value === 'string' ? value : '';
}
