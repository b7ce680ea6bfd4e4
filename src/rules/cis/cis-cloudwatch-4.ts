import { apiCall, awsService } from '../testing';
import type { Rule } from '../types';
import { CIS_METRIC_NAMESPACE } from './metric';

/** CIS CloudWatch.4: IAM policy changes (3.4 / 4.4). The pattern is Security Hub's, verbatim; keep it byte for byte. */
export const cisCloudwatch4: Rule = {
  id: 'cis-cloudwatch-4',
  severity: 'medium',
  title: 'IAM policy changed',
  references: ['cis:CloudWatch.4'],
  filterPattern:
    '{($.eventName=DeleteGroupPolicy) || ($.eventName=DeleteRolePolicy) || ($.eventName=DeleteUserPolicy) || ($.eventName=PutGroupPolicy) || ($.eventName=PutRolePolicy) || ($.eventName=PutUserPolicy) || ($.eventName=CreatePolicy) || ($.eventName=DeletePolicy) || ($.eventName=CreatePolicyVersion) || ($.eventName=DeletePolicyVersion) || ($.eventName=AttachRolePolicy) || ($.eventName=DetachRolePolicy) || ($.eventName=AttachUserPolicy) || ($.eventName=DetachUserPolicy) || ($.eventName=AttachGroupPolicy) || ($.eventName=DetachGroupPolicy)}',
  metric: { namespace: CIS_METRIC_NAMESPACE, name: 'IamPolicyChanges' },
  positives: [
    apiCall('iam', 'DeleteGroupPolicy'),
    apiCall('iam', 'DeleteRolePolicy'),
    apiCall('iam', 'DeleteUserPolicy'),
    apiCall('iam', 'PutGroupPolicy'),
    apiCall('iam', 'PutRolePolicy'),
    apiCall('iam', 'PutUserPolicy'),
    apiCall('iam', 'CreatePolicy'),
    apiCall('iam', 'DeletePolicy'),
    apiCall('iam', 'CreatePolicyVersion'),
    apiCall('iam', 'DeletePolicyVersion'),
    apiCall('iam', 'AttachRolePolicy'),
    apiCall('iam', 'DetachRolePolicy'),
    apiCall('iam', 'AttachUserPolicy'),
    apiCall('iam', 'DetachUserPolicy'),
    apiCall('iam', 'AttachGroupPolicy'),
    apiCall('iam', 'DetachGroupPolicy'),
  ],
  negatives: [
    apiCall('iam', 'GetPolicy', { readOnly: true }),
    apiCall('iam', 'DeleteGroupPolicy', { userIdentity: awsService('cloudformation') }),
  ],
};
