import type { StackView } from '../stack-view';
import {
  COMPLIANT,
  NOT_APPLICABLE,
  nonCompliant,
  type PolicyRule,
  type SynthesizedBlock,
  type Verdict,
} from '../types';

/** An AWS service that writes its logs into S3 buckets itself, and what it requires of them. */
interface LogDeliveryService {
  /** The resource that names the target bucket, and its attribute that does. */
  readonly resourceType: string;
  readonly bucketAttribute: string;
  /** Whether that resource delivers to S3 at all (Redshift can deliver to CloudWatch Logs instead). */
  readonly deliversToS3: (resource: SynthesizedBlock) => boolean;
  /** The logs, and the AWS guide that states the requirement, for the message. */
  readonly logs: string;
  readonly source: string;
}

/**
 * Services that refuse a target bucket with Object Lock or SSE-KMS default encryption: S3 server access logging
 * and Redshift audit logging to S3 fail, or drop logs silently, on such a bucket.
 */
const LOG_DELIVERY_SERVICES: readonly LogDeliveryService[] = [
  {
    resourceType: 'aws_s3_bucket_logging',
    bucketAttribute: 'target_bucket',
    deliversToS3: () => true,
    logs: 'S3 server access logs',
    source: 'S3 user guide, "Enabling Amazon S3 server access logging"',
  },
  {
    resourceType: 'aws_redshift_logging',
    bucketAttribute: 'bucket_name',
    deliversToS3: (logging) =>
      logging.config.log_destination_type === 's3' ||
      (logging.config.log_destination_type === undefined && logging.config.bucket_name !== undefined),
    logs: 'Redshift audit logs',
    source: 'Redshift management guide, "Database audit logging"',
  },
];

/** The services that deliver logs into this bucket. */
export function logDeliveriesInto(bucket: SynthesizedBlock, stack: StackView): LogDeliveryService[] {
  return LOG_DELIVERY_SERVICES.filter((service) =>
    stack.referencing(bucket, service.resourceType, service.bucketAttribute).some(service.deliversToS3),
  );
}

type EncryptionRule = { apply_server_side_encryption_by_default?: { sse_algorithm?: string } };

/** What keeps the bucket from receiving service logs: Object Lock, or default encryption other than SSE-S3. */
function deliveryObstacles(bucket: SynthesizedBlock, stack: StackView): string[] {
  const obstacles: string[] = [];
  const locked =
    bucket.config.object_lock_enabled === true ||
    stack.referencing(bucket, 'aws_s3_bucket_object_lock_configuration').length > 0;
  if (locked) obstacles.push('it has Object Lock');
  const algorithms = stack
    .referencing(bucket, 'aws_s3_bucket_server_side_encryption_configuration')
    .flatMap((config) => (config.config.rule ?? []) as EncryptionRule[])
    .map((rule) => rule.apply_server_side_encryption_by_default?.sse_algorithm ?? 'none');
  if (algorithms.some((algorithm) => algorithm !== 'AES256'))
    obstacles.push(`its default encryption is ${algorithms.join(', ')}, not SSE-S3 (AES256)`);
  else if (algorithms.length === 0) obstacles.push('it declares no SSE-S3 (AES256) default encryption');
  return obstacles;
}

export const logDeliveryTarget: PolicyRule = {
  id: 'log-delivery-target',
  description:
    'Buckets that S3 server access logging or Redshift audit logging write into have SSE-S3 default encryption and no Object Lock, as those services require, and are in the same stack as the logging, where that can be checked.',
  resourceTypes: ['aws_s3_bucket', ...LOG_DELIVERY_SERVICES.map((service) => service.resourceType)],
  check(resource, stack) {
    if (resource.type !== 'aws_s3_bucket') return checkTargetInStack(resource, stack);
    const services = logDeliveriesInto(resource, stack);
    if (services.length === 0) return NOT_APPLICABLE;
    const obstacles = deliveryObstacles(resource, stack);
    if (obstacles.length === 0) return COMPLIANT;
    return nonCompliant(
      services
        .map(
          (s) =>
            `receives ${s.logs}, which AWS delivers only into buckets with SSE-S3 default encryption and without Object Lock (${s.source})`,
        )
        .join('; ') + `, but ${obstacles.join(' and ')}`,
    );
  },
};

/**
 * A logging resource must name a bucket of its own stack: the target's encryption and Object Lock cannot be
 * checked anywhere else. Redshift logging to CloudWatch Logs names no bucket.
 */
function checkTargetInStack(logging: SynthesizedBlock, stack: StackView): Verdict {
  const service = LOG_DELIVERY_SERVICES.find((candidate) => candidate.resourceType === logging.type)!;
  if (!service.deliversToS3(logging)) return NOT_APPLICABLE;
  const target = logging.config[service.bucketAttribute];
  const inThisStack = stack
    .resources()
    .some((bucket) => bucket.type === 'aws_s3_bucket' && stack.refersTo(target, bucket));
  if (inThisStack) return COMPLIANT;
  const fix =
    logging.type === 'aws_redshift_logging' ? '; deliver to CloudWatch Logs (log_destination_type = "cloudwatch")' : '';
  return nonCompliant(
    `delivers ${service.logs} to S3 bucket ${String(target)} outside this stack, where nobody checks that it has SSE-S3 and no Object Lock as AWS requires (${service.source})${fix}`,
  );
}
