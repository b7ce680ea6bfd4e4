import { apiCall } from '../testing';
import type { Rule } from '../types';

/** Leaving the organization drops its guardrails (SCPs) and central logging; denied attempts count too. */
export const organizationLeft: Rule = {
  id: 'organization-left',
  severity: 'critical',
  title: 'Account tried to leave the AWS Organization',
  references: ['stratus:aws.defense-evasion.organizations-leave', 'attack:T1666.A002'],
  filterPattern: '{ $.eventSource = "organizations.amazonaws.com" && $.eventName = "LeaveOrganization" }',
  positives: [
    apiCall('organizations', 'LeaveOrganization'),
    apiCall('organizations', 'LeaveOrganization', { errorCode: 'AccessDeniedException' }),
  ],
  negatives: [apiCall('organizations', 'DescribeOrganization', { readOnly: true })],
};
