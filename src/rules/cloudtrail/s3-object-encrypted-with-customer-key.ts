import { apiCall } from '../testing';
import type { Rule } from '../types';

/**
 * Only the holder of the key can read an SSE-C object: rewriting objects this way is how S3 ransomware encrypts
 * them.
 */
export const s3ObjectEncryptedWithCustomerKey: Rule = {
  id: 's3-object-encrypted-with-customer-key',
  severity: 'high',
  title: 'S3 object rewritten with a customer-provided encryption key (SSE-C)',
  references: ['stratus:aws.impact.s3-ransomware-client-side-encryption', 'attack:T1485.A003'],
  filterPattern:
    '{ $.eventSource = "s3.amazonaws.com" && ($.eventName = "CopyObject" ' +
    '|| $.eventName = "PutObject") ' +
    '&& $.requestParameters.x-amz-server-side-encryption-customer-algorithm = "*" }',
  positives: [
    apiCall('s3', 'CopyObject', {
      requestParameters: {
        bucketName: 'data',
        key: 'a.txt',
        'x-amz-server-side-encryption-customer-algorithm': 'AES256',
      },
    }),
  ],
  negatives: [
    apiCall('s3', 'CopyObject', {
      requestParameters: { bucketName: 'data', key: 'a.txt', 'x-amz-server-side-encryption': 'aws:kms' },
    }),
  ],
};
