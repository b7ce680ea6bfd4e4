import { apiCall, awsService } from '../testing';
import type { Rule } from '../types';
import { CIS_METRIC_NAMESPACE } from './metric';

/**
 * CIS CloudWatch.8: S3 bucket policy changes (3.8 / 4.8).
 * The pattern is Security Hub's, verbatim; keep it byte for byte.
 */
export const cisCloudwatch8: Rule = {
  id: 'cis-cloudwatch-8',
  severity: 'medium',
  title: 'S3 bucket policy, ACL, CORS, lifecycle or replication changed',
  references: ['cis:CloudWatch.8'],
  filterPattern:
    '{($.eventSource=s3.amazonaws.com) && (($.eventName=PutBucketAcl) || ($.eventName=PutBucketPolicy) || ($.eventName=PutBucketCors) || ($.eventName=PutBucketLifecycle) || ($.eventName=PutBucketReplication) || ($.eventName=DeleteBucketPolicy) || ($.eventName=DeleteBucketCors) || ($.eventName=DeleteBucketLifecycle) || ($.eventName=DeleteBucketReplication))}',
  metric: { namespace: CIS_METRIC_NAMESPACE, name: 'S3BucketPolicyChanges' },
  positives: [
    apiCall('s3', 'PutBucketAcl'),
    apiCall('s3', 'PutBucketPolicy'),
    apiCall('s3', 'PutBucketCors'),
    apiCall('s3', 'PutBucketLifecycle'),
    apiCall('s3', 'PutBucketReplication'),
    apiCall('s3', 'DeleteBucketPolicy'),
    apiCall('s3', 'DeleteBucketCors'),
    apiCall('s3', 'DeleteBucketLifecycle'),
    apiCall('s3', 'DeleteBucketReplication'),
  ],
  negatives: [
    apiCall('s3', 'GetBucketPolicy', { readOnly: true }),
    apiCall('s3', 'PutBucketAcl', { userIdentity: awsService('cloudformation') }),
    apiCall('ec2', 'PutBucketAcl'),
  ],
};
