import { apiCall } from '../testing';
import type { Rule } from '../types';

/** Federation tokens outlive the deletion of the access key that made them: a known way to persist. */
export const stsFederationTokenIssued: Rule = {
  id: 'sts-federation-token-issued',
  severity: 'medium',
  title: 'Federation token issued to an IAM user',
  references: ['stratus:aws.persistence.sts-federation-token', 'attack:T1098.001'],
  filterPattern: '{ $.eventSource = "sts.amazonaws.com" && $.eventName = "GetFederationToken" }',
  positives: [apiCall('sts', 'GetFederationToken', { requestParameters: { name: 'x', durationSeconds: 129600 } })],
  negatives: [apiCall('sts', 'GetCallerIdentity', { readOnly: true }), apiCall('sts', 'GetSessionToken')],
};
