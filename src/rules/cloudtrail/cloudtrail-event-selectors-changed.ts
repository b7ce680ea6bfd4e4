import { apiCall } from '../testing';
import type { Rule } from '../types';

/**
 * Event selectors decide what a trail records; changing them can silently stop logging of management or data
 * events.
 */
export const cloudtrailEventSelectorsChanged: Rule = {
  id: 'cloudtrail-event-selectors-changed',
  severity: 'high',
  title: 'CloudTrail event selectors changed',
  references: ['stratus:aws.defense-evasion.cloudtrail-event-selectors', 'attack:T1562.008'],
  filterPattern: '{ $.eventSource = "cloudtrail.amazonaws.com" && $.eventName = "PutEventSelectors" }',
  positives: [
    apiCall('cloudtrail', 'PutEventSelectors', {
      requestParameters: { trailName: 'management', eventSelectors: [{ includeManagementEvents: false }] },
    }),
  ],
  negatives: [apiCall('cloudtrail', 'GetEventSelectors', { readOnly: true })],
};
