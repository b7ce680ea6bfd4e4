import { Construct } from 'constructs';
import { Cloudtrail, type CloudtrailAdvancedEventSelector } from '@cdktf/provider-aws/lib/cloudtrail';
import { CloudwatchLogGroup } from '@cdktf/provider-aws/lib/cloudwatch-log-group';
import { DataAwsIamPolicyDocument } from '@cdktf/provider-aws/lib/data-aws-iam-policy-document';
import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { IamRolePolicy } from '@cdktf/provider-aws/lib/iam-role-policy';
import type { KmsKey } from '@cdktf/provider-aws/lib/kms-key';
import type { SecureBucket } from './secure-bucket';

export interface ServiceTrailProps {
  /** Trail name, unique in the account and region. */
  readonly trailName: string;
  /** Account and region of the trail: its ARN goes into the bucket and role conditions before it exists. */
  readonly accountId: string;
  readonly region: string;
  /** The trail's own bucket; the construct adds the statements CloudTrail needs to its policy. */
  readonly bucket: SecureBucket;
  /** Key that encrypts the log files (its policy must let CloudTrail use it for this trail). */
  readonly encryptionKey: KmsKey;
  /** Data events to record. @default none: the trail records management events */
  readonly advancedEventSelectors?: readonly CloudtrailAdvancedEventSelector[];
  /** Also deliver to a CloudWatch log group kept this many days (encrypted with the same key). @default no delivery */
  readonly cloudWatchLogsRetentionDays?: number;
  /** CloudTrail Insights on unusual API call and error rates (management events only). @default false */
  readonly insights?: boolean;
}

/**
 * A multi-region CloudTrail trail with log file validation and KMS encryption into its own bucket, whose policy
 * admits only this trail (`aws:SourceArn`); optionally delivered to CloudWatch Logs through a role only this
 * trail can assume.
 */
export class ServiceTrail extends Construct {
  readonly trail: Cloudtrail;
  readonly trailArn: string;
  readonly logGroup?: CloudwatchLogGroup;

  constructor(scope: Construct, id: string, props: ServiceTrailProps) {
    super(scope, id);
    this.trailArn = `arn:aws:cloudtrail:${props.region}:${props.accountId}:trail/${props.trailName}`;
    const fromThisTrail = { test: 'StringEquals', variable: 'aws:SourceArn', values: [this.trailArn] };
    const cloudtrail = [{ type: 'Service', identifiers: ['cloudtrail.amazonaws.com'] }];
    props.bucket.addToResourcePolicy({
      sid: `CloudTrailAclCheck${id}`.replace(/[^A-Za-z0-9]/g, ''),
      principals: cloudtrail,
      actions: ['s3:GetBucketAcl'],
      resources: [props.bucket.arn],
      condition: [fromThisTrail],
    });
    props.bucket.addToResourcePolicy({
      sid: `CloudTrailWrite${id}`.replace(/[^A-Za-z0-9]/g, ''),
      principals: cloudtrail,
      actions: ['s3:PutObject'],
      resources: [`${props.bucket.arn}/AWSLogs/${props.accountId}/*`],
      condition: [
        fromThisTrail,
        { test: 'StringEquals', variable: 's3:x-amz-acl', values: ['bucket-owner-full-control'] },
      ],
    });

    const delivery =
      props.cloudWatchLogsRetentionDays === undefined ? undefined : this.cloudWatchDelivery(props, fromThisTrail);
    this.logGroup = delivery?.logGroup;
    this.trail = new Cloudtrail(this, 'trail', {
      name: props.trailName,
      s3BucketName: props.bucket.bucketName,
      kmsKeyId: props.encryptionKey.arn,
      isMultiRegionTrail: true,
      includeGlobalServiceEvents: true,
      enableLogFileValidation: true,
      advancedEventSelector: props.advancedEventSelectors ? [...props.advancedEventSelectors] : undefined,
      insightSelector: props.insights
        ? [{ insightType: 'ApiCallRateInsight' }, { insightType: 'ApiErrorRateInsight' }]
        : undefined,
      cloudWatchLogsGroupArn: delivery && `${delivery.logGroup.arn}:*`,
      cloudWatchLogsRoleArn: delivery?.role.arn,
      // CloudTrail checks the bucket policy when the trail is created.
      dependsOn: [props.bucket.policy],
    });
  }

  private cloudWatchDelivery(
    props: ServiceTrailProps,
    fromThisTrail: { test: string; variable: string; values: string[] },
  ) {
    const logGroup = new CloudwatchLogGroup(this, 'log-group', {
      name: `/aws/cloudtrail/${props.trailName}`,
      retentionInDays: props.cloudWatchLogsRetentionDays,
      kmsKeyId: props.encryptionKey.arn,
    });
    const trust = new DataAwsIamPolicyDocument(this, 'delivery-trust', {
      statement: [
        {
          principals: [{ type: 'Service', identifiers: ['cloudtrail.amazonaws.com'] }],
          actions: ['sts:AssumeRole'],
          condition: [fromThisTrail],
        },
      ],
    });
    const role = new IamRole(this, 'delivery-role', {
      name: `${props.trailName}-cloudwatch-delivery`,
      assumeRolePolicy: trust.json,
    });
    const permissions = new DataAwsIamPolicyDocument(this, 'delivery-permissions', {
      statement: [
        { actions: ['logs:CreateLogStream', 'logs:PutLogEvents'], resources: [`${logGroup.arn}:log-stream:*`] },
      ],
    });
    new IamRolePolicy(this, 'delivery-policy', {
      name: 'deliver-to-log-group',
      role: role.name,
      policy: permissions.json,
    });
    return { logGroup, role };
  }
}
