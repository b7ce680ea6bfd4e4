import { getString } from '../../events/fields';
import { apiCall, assumedRole } from '../testing';
import type { LogEvent, Rule } from '../types';

/** `requestParameters.userName` names the key's owner; without it the key is the caller's own. */
function forOtherUser(event: LogEvent): boolean {
  const owner = getString(event, 'requestParameters.userName');
  return owner !== '' && owner !== getString(event, 'userIdentity.userName');
}

/** A long-term key on someone else's user is a durable way back in; rotating one's own key is routine. */
export const iamAccessKeyCreatedForOtherUser: Rule = {
  id: 'iam-access-key-created-for-other-user',
  severity: 'high',
  title: 'IAM access key created for another user',
  references: [
    'stratus:aws.persistence.iam-backdoor-user',
    'attack:T1098.001',
    'stratus:aws.persistence.iam-create-admin-user',
    'attack:T1136.003',
  ],
  filterPattern: '{ $.eventSource = "iam.amazonaws.com" && $.eventName = "CreateAccessKey" }',
  predicate: forOtherUser,
  positives: [
    apiCall('iam', 'CreateAccessKey', { requestParameters: { userName: 'bob' } }),
    apiCall('iam', 'CreateAccessKey', { requestParameters: { userName: 'bob' }, userIdentity: assumedRole('Admin') }),
  ],
  negatives: [
    apiCall('iam', 'CreateAccessKey', { requestParameters: { userName: 'alice' } }),
    apiCall('iam', 'CreateAccessKey'),
    apiCall('iam', 'ListAccessKeys', { readOnly: true }),
  ],
};
