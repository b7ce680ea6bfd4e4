import type { LogEvent } from '../rules/types';

/**
 * Reads a nested field by dotted path (`userIdentity.sessionContext.attributes.mfaAuthenticated`,
 * `responseElements.instancesSet.items.0.instanceId`). Never throws: a missing step gives `fallback`.
 */
export function getField<T = unknown>(event: unknown, path: string, fallback?: T): T | undefined {
  let current: unknown = event;
  for (const step of path.split('.')) {
    if (current === null || typeof current !== 'object') return fallback;
    current = (current as Record<string, unknown>)[step];
    if (current === undefined) return fallback;
  }
  return current as T;
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
  return (
    getString(event, 'userIdentity.arn') ||
    getString(event, 'userIdentity.userName') ||
    getString(event, 'userIdentity.invokedBy') ||
    getString(event, 'userIdentity.principalId') ||
    getString(event, 'userIdentity.type') ||
    'unknown'
  );
}
