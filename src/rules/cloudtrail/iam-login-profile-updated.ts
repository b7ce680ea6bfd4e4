import { apiCall } from '../testing';
import type { Rule } from '../types';

/** Setting another user’s password takes over that user; people change their own with ChangePassword. */
export const iamLoginProfileUpdated: Rule = {
  id: 'iam-login-profile-updated',
  severity: 'medium',
  title: 'Console password of an IAM user changed',
  references: ['stratus:aws.privilege-escalation.iam-update-user-login-profile'],
  filterPattern: '{ $.eventSource = "iam.amazonaws.com" && $.eventName = "UpdateLoginProfile" }',
  positives: [apiCall('iam', 'UpdateLoginProfile', { requestParameters: { userName: 'bob' } })],
  negatives: [apiCall('iam', 'ChangePassword')],
};
