import { DEFAULT_OBJECT_LOCK } from './config/defaults';
import { EVIDENCE_BUCKETS, LOCKED_BUCKETS, breakGlassRoleArn, type ArchiveBucket } from './config/names';
import type { EnvironmentConfig } from './config/types';
import type { BucketLifecycle, BucketObjectLock } from './constructs/secure-bucket';

/** Chunks only live from the split to the COPY; a week leaves time to look into a failed load. */
export const CHUNK_EXPIRE_DAYS = 7;

/**
 * The lifecycle of each kind of bucket. Artifacts (the EMR job script, pipeline definitions) never change storage
 * class: a step reading a script from Glacier fails. Chunks expire after days. Audit logs (trails, access logs)
 * stay in Glacier Instant Retrieval through the investigation window, then go colder. Everything
 * else moves to Standard-IA, then Glacier, then expires, as the environment's retention says.
 */
export function archiveLifecycle(env: EnvironmentConfig, bucket: ArchiveBucket): BucketLifecycle {
  const { infrequentAccessAfterDays, glacierAfterDays, expireAfterDays } = env.retention;
  if (bucket === 'artifacts') return {};
  if (bucket === 'chunks') return { expireAfterDays: CHUNK_EXPIRE_DAYS };
  const firstClass = EVIDENCE_BUCKETS.includes(bucket) ? 'GLACIER_IR' : 'STANDARD_IA';
  return {
    transitions: [
      { days: infrequentAccessAfterDays, storageClass: firstClass },
      { days: glacierAfterDays, storageClass: 'GLACIER' },
    ],
    expireAfterDays,
  };
}

/**
 * Object Lock of the trail buckets, from the environment's retention (governance, 365 days by default); only the
 * break-glass role may bypass governance retention. The access-log bucket cannot be locked (S3 would not deliver
 * into it); its bucket policy guards it instead.
 */
export function archiveObjectLock(env: EnvironmentConfig, bucket: ArchiveBucket): BucketObjectLock | undefined {
  if (!LOCKED_BUCKETS.includes(bucket)) return undefined;
  const lock = env.retention.objectLock ?? DEFAULT_OBJECT_LOCK;
  return {
    mode: lock.mode === 'compliance' ? 'COMPLIANCE' : 'GOVERNANCE',
    days: lock.days,
    administratorArn: breakGlassRoleArn(env),
  };
}
