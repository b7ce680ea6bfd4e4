import { apiCall } from '../testing';
import type { Rule } from '../types';

/** Many secrets read in one call: applications read the one secret they need. */
export const secretsBatchRetrieved: Rule = {
  id: 'secrets-batch-retrieved',
  severity: 'medium',
  title: 'Secrets Manager secrets read in a batch',
  references: ['stratus:aws.credential-access.secretsmanager-batch-retrieve-secrets'],
  filterPattern: '{ $.eventSource = "secretsmanager.amazonaws.com" && $.eventName = "BatchGetSecretValue" }',
  positives: [apiCall('secretsmanager', 'BatchGetSecretValue', { readOnly: true })],
  negatives: [apiCall('secretsmanager', 'ListSecrets', { readOnly: true })],
};
