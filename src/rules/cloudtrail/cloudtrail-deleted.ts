import { apiCall } from '../testing';
import type { Rule } from '../types';

/** A trail was deleted: logging stops and its configuration is gone. */
export const cloudtrailDeleted: Rule = {
  id: 'cloudtrail-deleted',
  severity: 'critical',
  title: 'CloudTrail trail deleted',
  references: ['stratus:aws.defense-evasion.cloudtrail-delete', 'attack:T1562.008'],
  filterPattern: '{ $.eventSource = "cloudtrail.amazonaws.com" && $.eventName = "DeleteTrail" }',
  positives: [apiCall('cloudtrail', 'DeleteTrail', { requestParameters: { name: 'management' } })],
  negatives: [apiCall('cloudtrail', 'CreateTrail'), apiCall('cloudtrail', 'DescribeTrails', { readOnly: true })],
};
