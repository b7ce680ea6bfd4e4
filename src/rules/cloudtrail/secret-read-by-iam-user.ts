import { apiCall, assumedRole } from '../testing';
import type { Rule } from '../types';

/** Workloads read secrets through roles; a person or a leaked key reads them as an IAM user. */
export const secretReadByIamUser: Rule = {
  id: 'secret-read-by-iam-user',
  severity: 'medium',
  title: 'Secrets Manager secret read with long-term IAM user keys',
  references: ['stratus:aws.credential-access.secretsmanager-retrieve-secrets'],
  filterPattern:
    '{ $.eventSource = "secretsmanager.amazonaws.com" && $.eventName = "GetSecretValue" ' +
    '&& $.userIdentity.type = "IAMUser" }',
  positives: [apiCall('secretsmanager', 'GetSecretValue', { readOnly: true, requestParameters: { secretId: 'db' } })],
  negatives: [apiCall('secretsmanager', 'GetSecretValue', { readOnly: true, userIdentity: assumedRole('orders-api') })],
};
