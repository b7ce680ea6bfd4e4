import { apiCall } from '../testing';
import type { Rule } from '../types';

/** Full administrator rights granted to an identity. */
export const iamAdminPolicyAttached: Rule = {
  id: 'iam-admin-policy-attached',
  severity: 'high',
  title: 'AdministratorAccess attached to a user, role or group',
  references: [
    'stratus:aws.persistence.iam-create-admin-user',
    'attack:T1136.003',
    'stratus:aws.persistence.iam-create-backdoor-role',
    'attack:T1098.003',
  ],
  filterPattern:
    '{ $.eventSource = "iam.amazonaws.com" && ($.eventName = "AttachUserPolicy" ' +
    '|| $.eventName = "AttachRolePolicy" || $.eventName = "AttachGroupPolicy") ' +
    '&& $.requestParameters.policyArn = "arn:aws:iam::aws:policy/AdministratorAccess" }',
  positives: [
    apiCall('iam', 'AttachUserPolicy', {
      requestParameters: { userName: 'x', policyArn: 'arn:aws:iam::aws:policy/AdministratorAccess' },
    }),
    apiCall('iam', 'AttachRolePolicy', {
      requestParameters: { roleName: 'x', policyArn: 'arn:aws:iam::aws:policy/AdministratorAccess' },
    }),
  ],
  negatives: [
    apiCall('iam', 'AttachRolePolicy', {
      requestParameters: { roleName: 'x', policyArn: 'arn:aws:iam::aws:policy/ReadOnlyAccess' },
    }),
    apiCall('iam', 'DetachUserPolicy', {
      requestParameters: { userName: 'x', policyArn: 'arn:aws:iam::aws:policy/AdministratorAccess' },
    }),
  ],
};
