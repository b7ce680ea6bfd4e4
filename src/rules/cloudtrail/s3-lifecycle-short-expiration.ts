import { getField } from '../../events/fields';
import { apiCall } from '../testing';
import type { LogEvent, Rule } from '../types';

/** Expirations this short destroy logs before anyone reads them; log buckets here keep objects far longer. */
export const SHORT_EXPIRATION_DAYS = 7;

const lifecycle = (rule: unknown) =>
  apiCall('s3', 'PutBucketLifecycle', {
    requestParameters: { bucketName: 'trail-logs', LifecycleConfiguration: { Rule: rule } },
  });

/** CloudTrail records the rules as one object or a list, and numbers as numbers or text. */
function expirationDays(event: LogEvent): number[] {
  const rules = getField<unknown>(event, 'requestParameters.LifecycleConfiguration.Rule');
  const list = Array.isArray(rules) ? rules : rules === undefined ? [] : [rules];
  return list.map((rule) => Number(getField(rule, 'Expiration.Days', NaN))).filter((days) => Number.isFinite(days));
}

/** A lifecycle rule that deletes objects within days, e.g. on a trail bucket, wipes the audit record. */
export const s3LifecycleShortExpiration: Rule = {
  id: 's3-lifecycle-short-expiration',
  severity: 'high',
  title: `S3 lifecycle rule deletes objects within ${SHORT_EXPIRATION_DAYS} days`,
  references: ['stratus:aws.defense-evasion.cloudtrail-lifecycle-rule', 'attack:T1562.008'],
  filterPattern: '{ $.eventSource = "s3.amazonaws.com" && $.eventName = "PutBucketLifecycle" }',
  predicate: (event: LogEvent) => expirationDays(event).some((days) => days <= SHORT_EXPIRATION_DAYS),
  positives: [
    lifecycle({ ID: 'nuke', Status: 'Enabled', Filter: '', Expiration: { Days: 1 } }),
    lifecycle([
      { ID: 'archive', Transition: { Days: 30 } },
      { ID: 'nuke', Expiration: { Days: '1' } },
    ]),
  ],
  negatives: [
    lifecycle({ ID: 'keep', Status: 'Enabled', Expiration: { Days: 400 } }),
    lifecycle({ ID: 'archive', Status: 'Enabled', Transition: { Days: 1, StorageClass: 'GLACIER' } }),
    apiCall('s3', 'PutBucketLifecycle'),
  ],
};
