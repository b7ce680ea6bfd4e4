import type { CloudtrailAdvancedEventSelector } from '@cdktf/provider-aws/lib/cloudtrail';
import { intelligenceFunctionName, stateBucketName, type ArchiveBucket } from './config/names';
import type { EnvironmentConfig } from './config/types';

/** Buckets of the data path: every object read and write is recorded. */
export const DATA_EVENT_BUCKETS: readonly ArchiveBucket[] = ['landing', 'chunks', 'exceptions'];

/** Archive buckets whose writes (new, overwritten, deleted or re-locked objects) are recorded. */
export const WRITE_EVENT_BUCKETS: readonly ArchiveBucket[] = [
  'trail-management',
  'trail-lambda-data',
  'emr-logs',
  'pipeline-logs',
  'artifacts',
];

/**
 * Buckets whose own deliveries would feed back into this trail: the S3 data trail's bucket (each delivery would
 * be recorded and delivered again) and the access-log bucket (deliveries into the trail bucket are access-logged
 * there, and would be recorded and delivered again). Their writes other than PutObject are recorded.
 */
export const FEEDBACK_BUCKETS: readonly ArchiveBucket[] = ['trail-s3-data', 'access-logs'];

/**
 * The bucket the log-intelligence function writes to. Its writes are recorded unless the function made them: the
 * function reads this trail's files, so recording its own writes would hand it a trail file of them every delivery
 * interval, forever (docs/decisions/log-intelligence-function.md).
 */
const FUNCTION_OUTPUT_BUCKET: ArchiveBucket = 'intelligence';

const s3Objects = [
  { field: 'eventCategory', equalTo: ['Data'] },
  { field: 'resources.type', equalTo: ['AWS::S3::Object'] },
];

/**
 * What the S3 data-event trail records: all object events of the data path and of the Terraform state, and the
 * writes to every archive bucket, without the deliveries that would record themselves and the log-intelligence
 * function's own writes.
 */
export function s3DataEventSelectors(
  env: EnvironmentConfig,
  arnOf: (bucket: ArchiveBucket) => string,
): CloudtrailAdvancedEventSelector[] {
  const objectsIn = (buckets: readonly ArchiveBucket[]) => buckets.map((bucket) => `${arnOf(bucket)}/`);
  return [
    {
      name: 'S3 object events on landing, chunks and exceptions',
      fieldSelector: [...s3Objects, { field: 'resources.ARN', startsWith: objectsIn(DATA_EVENT_BUCKETS) }],
    },
    {
      name: 'S3 object reads and writes of the Terraform state',
      fieldSelector: [...s3Objects, { field: 'resources.ARN', startsWith: [`arn:aws:s3:::${stateBucketName(env)}/`] }],
    },
    {
      name: 'S3 object writes to the archive buckets',
      fieldSelector: [
        ...s3Objects,
        { field: 'readOnly', equalTo: ['false'] },
        { field: 'resources.ARN', startsWith: objectsIn(WRITE_EVENT_BUCKETS) },
      ],
    },
    {
      name: "S3 object writes to the intelligence bucket, except the log-intelligence function's own",
      fieldSelector: [
        ...s3Objects,
        { field: 'readOnly', equalTo: ['false'] },
        {
          field: 'userIdentity.arn',
          notStartsWith: [`arn:aws:sts::${env.accountId}:assumed-role/${intelligenceFunctionName(env)}/`],
        },
        { field: 'resources.ARN', startsWith: objectsIn([FUNCTION_OUTPUT_BUCKET]) },
      ],
    },
    {
      name: 'S3 object writes other than deliveries to the data trail and access-log buckets',
      fieldSelector: [
        ...s3Objects,
        { field: 'readOnly', equalTo: ['false'] },
        { field: 'eventName', notEquals: ['PutObject'] },
        { field: 'resources.ARN', startsWith: objectsIn(FEEDBACK_BUCKETS) },
      ],
    },
  ];
}
