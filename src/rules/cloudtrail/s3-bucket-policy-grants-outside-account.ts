import { getField } from '../../events/fields';
import { foreignPrincipals, ownAccountOf } from '../policy-principals';
import { apiCall, OTHER_ACCOUNT_ID } from '../testing';
import type { LogEvent, Rule } from '../types';

const policy = (principal: unknown) => ({
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Principal: principal, Action: 's3:GetObject', Resource: 'arn:aws:s3:::data/*' }],
});
const putPolicy = (principal: unknown) =>
  apiCall('s3', 'PutBucketPolicy', { requestParameters: { bucketName: 'data', bucketPolicy: policy(principal) } });

/** A bucket policy now lets another account (or anyone) in: the quiet way to exfiltrate a bucket. */
export const s3BucketPolicyGrantsOutsideAccount: Rule = {
  id: 's3-bucket-policy-grants-outside-account',
  severity: 'high',
  title: 'S3 bucket policy grants access outside the account',
  references: ['stratus:aws.exfiltration.s3-backdoor-bucket-policy'],
  filterPattern: '{ $.eventSource = "s3.amazonaws.com" && $.eventName = "PutBucketPolicy" }',
  predicate: (event: LogEvent) =>
    foreignPrincipals(getField(event, 'requestParameters.bucketPolicy'), ownAccountOf(event)).length > 0,
  positives: [
    putPolicy({ AWS: `arn:aws:iam::${OTHER_ACCOUNT_ID}:root` }),
    putPolicy('*'),
    putPolicy({ AWS: [OTHER_ACCOUNT_ID] }),
  ],
  negatives: [
    putPolicy({ AWS: 'arn:aws:iam::111122223333:role/reader' }),
    putPolicy({ Service: 'cloudtrail.amazonaws.com' }),
    apiCall('s3', 'PutBucketPolicy', { requestParameters: { bucketName: 'data', bucketPolicy: 'not json' } }),
  ],
};
