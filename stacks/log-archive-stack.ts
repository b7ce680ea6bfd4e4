import type { Construct } from 'constructs';
import {
  ACCESS_LOG_BUCKET,
  ARCHIVE_BUCKETS,
  archiveKeyAlias,
  breakGlassRoleArn,
  bucketName,
  LOG_BUCKETS,
  resourceName,
  trailArn,
  type ArchiveBucket,
} from './config/names';
import { ARCHIVE_TRAILS } from './archive-guards';
import { archiveLifecycle, archiveObjectLock } from './archive-lifecycles';
import { guardrailOn } from './config/defaults';
import type { EnvironmentConfig } from './config/types';
import { EncryptionKey } from './constructs/encryption-key';
import { LogEventNotifications } from './constructs/log-event-notifications';
import { SecureBucket } from './constructs/secure-bucket';
import { ServiceTrail } from './constructs/service-trail';
import { EnvironmentStack } from './environment-stack';
import { logArchiveKeyStatements } from './log-archive-key-policy';
import { s3DataEventSelectors } from './s3-data-events';

/**
 * The bucket of each trail. They have no S3 Bucket Key: CloudTrail requires kms:Decrypt on the trail's key to
 * create or update a trail whose bucket has one, and the apply role may never decrypt with the archive key.
 */
const TRAIL_BUCKETS: Record<keyof typeof ARCHIVE_TRAILS, ArchiveBucket> = {
  management: 'trail-management',
  s3Data: 'trail-s3-data',
  lambdaData: 'trail-lambda-data',
};

/**
 * `<env>-log-archive`: one KMS key, one SecureBucket per kind of data or log (each with the lifecycle of its
 * kind, the trail buckets under Object Lock, the access-log bucket SSE-S3 and guarded by its policy, as S3
 * requires of a server access log target), the management trail (to CloudWatch Logs, with Insights) and the
 * data-event trails for our S3 objects and Lambda invocations, each into its own bucket.
 */
export class LogArchiveStack extends EnvironmentStack {
  readonly key: EncryptionKey;
  readonly buckets: Record<ArchiveBucket, SecureBucket>;

  constructor(scope: Construct, env: EnvironmentConfig) {
    super(scope, env, 'log-archive');
    this.key = new EncryptionKey(this, 'key', {
      alias: archiveKeyAlias(env),
      description: `logfed ${env.name}: log archive, trails, log groups and notifications`,
      accountId: env.accountId,
      administratorArn: breakGlassRoleArn(env),
      serviceStatements: logArchiveKeyStatements(
        env,
        Object.values(ARCHIVE_TRAILS).map((trail) => trailArn(env, trail)),
      ),
    });
    this.buckets = this.createBuckets(env);
    new LogEventNotifications(this, 'notifications', {
      topicName: resourceName(env, 'log-events'),
      accountId: env.accountId,
      encryptionKey: this.key.key,
      buckets: Object.values(this.buckets),
      logBuckets: LOG_BUCKETS.map((bucket) => this.buckets[bucket]),
    });

    const trail = (name: string, bucket: ArchiveBucket) => ({
      trailName: resourceName(env, name),
      accountId: env.accountId,
      region: env.region,
      bucket: this.buckets[bucket],
      encryptionKey: this.key.key,
    });
    new ServiceTrail(this, 'management-trail', {
      ...trail(ARCHIVE_TRAILS.management, TRAIL_BUCKETS.management),
      cloudWatchLogsRetentionDays: env.retention.logGroupDays,
      insights: guardrailOn(env, 'cloudTrailInsights'),
    });
    new ServiceTrail(this, 's3-data-trail', {
      ...trail(ARCHIVE_TRAILS.s3Data, TRAIL_BUCKETS.s3Data),
      advancedEventSelectors: s3DataEventSelectors(env, (bucket) => this.buckets[bucket].arn),
    });
    new ServiceTrail(this, 'lambda-data-trail', {
      ...trail(ARCHIVE_TRAILS.lambdaData, TRAIL_BUCKETS.lambdaData),
      advancedEventSelectors: [
        {
          name: 'Invocations of the environment Lambda functions',
          fieldSelector: [
            { field: 'eventCategory', equalTo: ['Data'] },
            { field: 'resources.type', equalTo: ['AWS::Lambda::Function'] },
            {
              field: 'resources.ARN',
              startsWith: [`arn:aws:lambda:${env.region}:${env.accountId}:function:${resourceName(env, '')}`],
            },
          ],
        },
      ],
    });
  }

  private createBuckets(env: EnvironmentConfig): Record<ArchiveBucket, SecureBucket> {
    const accessLogs = new SecureBucket(this, ACCESS_LOG_BUCKET, {
      bucketName: bucketName(env, ACCESS_LOG_BUCKET),
      lifecycle: archiveLifecycle(env, ACCESS_LOG_BUCKET),
      accessLogTarget: { administratorArn: breakGlassRoleArn(env) },
    });
    const buckets = { [ACCESS_LOG_BUCKET]: accessLogs } as Record<ArchiveBucket, SecureBucket>;
    for (const purpose of ARCHIVE_BUCKETS.filter((name) => name !== ACCESS_LOG_BUCKET)) {
      buckets[purpose] = new SecureBucket(this, purpose, {
        bucketName: bucketName(env, purpose),
        encryptionKey: this.key.key,
        bucketKey: !Object.values(TRAIL_BUCKETS).includes(purpose),
        lifecycle: archiveLifecycle(env, purpose),
        objectLock: archiveObjectLock(env, purpose),
        accessLogsBucket: accessLogs,
      });
    }
    return buckets;
  }
}
