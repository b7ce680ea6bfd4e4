import { apiCall } from '../testing';
import type { Rule } from '../types';

/** Emptying a bucket with multi-object deletes is the first step of S3 ransomware (S3 data events must be logged). */
export const s3ObjectsBatchDeleted: Rule = {
  id: 's3-objects-batch-deleted',
  severity: 'medium',
  title: 'S3 objects deleted in a batch',
  references: ['stratus:aws.impact.s3-ransomware-batch-deletion', 'attack:T1485.A003'],
  filterPattern: '{ $.eventSource = "s3.amazonaws.com" && $.eventName = "DeleteObjects" }',
  positives: [
    apiCall('s3', 'DeleteObjects', {
      eventCategory: 'Data',
      managementEvent: false,
      requestParameters: { bucketName: 'data', delete: '' },
    }),
  ],
  negatives: [apiCall('s3', 'ListObjectVersions', { readOnly: true })],
};
