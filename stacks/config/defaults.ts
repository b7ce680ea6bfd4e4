import type { EnvironmentConfig, ObjectLockConfig } from './types';

/** Object Lock of the trail buckets when `retention.objectLock` is not set. */
export const DEFAULT_OBJECT_LOCK: ObjectLockConfig = { mode: 'governance', days: 365 };

/** Whether a guardrail is on: every guardrail is, unless the environment switches it off. */
export function guardrailOn(
  env: EnvironmentConfig,
  guardrail: keyof NonNullable<EnvironmentConfig['guardrails']>,
): boolean {
  return env.guardrails?.[guardrail] ?? true;
}
