import { apiCall, assumedRole } from '../testing';
import type { Rule } from '../types';

/**
 * One delete means little, so low; many from one principal in a summary is what S3 ransomware by individual
 * deletion looks like.
 */
export const s3ObjectDeletedByIamUser: Rule = {
  id: 's3-object-deleted-by-iam-user',
  severity: 'low',
  title: 'S3 object deleted with long-term IAM user keys',
  references: ['stratus:aws.impact.s3-ransomware-individual-deletion', 'attack:T1485.A003'],
  filterPattern:
    '{ $.eventSource = "s3.amazonaws.com" && $.eventName = "DeleteObject" && $.userIdentity.type = "IAMUser" }',
  positives: [
    apiCall('s3', 'DeleteObject', {
      eventCategory: 'Data',
      managementEvent: false,
      requestParameters: { bucketName: 'data', key: 'a.txt' },
    }),
  ],
  negatives: [apiCall('s3', 'DeleteObject', { userIdentity: assumedRole('cleanup-job') })],
};
