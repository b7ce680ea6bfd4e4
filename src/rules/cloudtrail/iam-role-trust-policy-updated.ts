import { apiCall } from '../testing';
import type { Rule } from '../types';

/** Who may assume a role is rarely changed by hand; a new trusted principal is a classic backdoor. */
export const iamRoleTrustPolicyUpdated: Rule = {
  id: 'iam-role-trust-policy-updated',
  severity: 'high',
  title: 'IAM role trust policy updated',
  references: ['stratus:aws.persistence.iam-backdoor-role', 'attack:T1098.003'],
  filterPattern: '{ $.eventSource = "iam.amazonaws.com" && $.eventName = "UpdateAssumeRolePolicy" }',
  positives: [
    apiCall('iam', 'UpdateAssumeRolePolicy', { requestParameters: { roleName: 'admin', policyDocument: '{}' } }),
  ],
  negatives: [apiCall('iam', 'GetRole', { readOnly: true })],
};
