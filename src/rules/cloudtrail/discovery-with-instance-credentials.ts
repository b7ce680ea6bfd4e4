import { apiCall, assumedRole } from '../testing';
import type { Rule } from '../types';

/**
 * An instance role session (named after the instance id) enumerating IAM, buckets, snapshots, trails or GuardDuty:
 * what an intruder on a host does first, not what applications do. `sts:GetCallerIdentity` is left out: SDKs on
 * instances call it routinely.
 */
export const discoveryWithInstanceCredentials: Rule = {
  id: 'discovery-with-instance-credentials',
  severity: 'medium',
  title: 'Account discovery with EC2 instance credentials',
  references: ['stratus:aws.discovery.ec2-enumerate-from-instance'],
  filterPattern:
    '{ $.userIdentity.type = "AssumedRole" ' +
    '&& $.userIdentity.arn = "arn:aws:sts::*:assumed-role/*/i-*" && ($.eventName = "ListUsers" ' +
    '|| $.eventName = "ListRoles" || $.eventName = "GetAccountAuthorizationDetails" ' +
    '|| $.eventName = "GetAccountSummary" || $.eventName = "ListBuckets" ' +
    '|| $.eventName = "DescribeSnapshots" || $.eventName = "DescribeTrails" ' +
    '|| $.eventName = "ListDetectors") }',
  positives: [
    apiCall('iam', 'ListUsers', {
      readOnly: true,
      userIdentity: assumedRole('web-instance-role', 'i-0adc17a5acb70d9ae'),
    }),
    apiCall('guardduty', 'ListDetectors', {
      readOnly: true,
      userIdentity: assumedRole('web-instance-role', 'i-0adc17a5acb70d9ae'),
    }),
  ],
  negatives: [
    apiCall('iam', 'ListUsers', { readOnly: true }),
    apiCall('s3', 'GetObject', {
      readOnly: true,
      userIdentity: assumedRole('web-instance-role', 'i-0adc17a5acb70d9ae'),
    }),
    apiCall('sts', 'GetCallerIdentity', {
      readOnly: true,
      userIdentity: assumedRole('web-instance-role', 'i-0adc17a5acb70d9ae'),
    }),
  ],
};
