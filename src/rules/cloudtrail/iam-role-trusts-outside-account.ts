import { getField } from '../../events/fields';
import { foreignPrincipals, ownAccountOf } from '../policy-principals';
import { apiCall, OTHER_ACCOUNT_ID } from '../testing';
import type { LogEvent, Rule } from '../types';

const trust = (principal: unknown) =>
  JSON.stringify({
    Version: '2012-10-17',
    Statement: [{ Effect: 'Allow', Principal: principal, Action: 'sts:AssumeRole' }],
  });
const createRole = (principal: unknown) =>
  apiCall('iam', 'CreateRole', { requestParameters: { roleName: 'x', assumeRolePolicyDocument: trust(principal) } });

/** A new role that another account (or anyone) may assume: a backdoor that survives key rotation. */
export const iamRoleTrustsOutsideAccount: Rule = {
  id: 'iam-role-trusts-outside-account',
  severity: 'high',
  title: 'IAM role created that another account can assume',
  references: ['stratus:aws.persistence.iam-create-backdoor-role', 'attack:T1098.003'],
  filterPattern: '{ $.eventSource = "iam.amazonaws.com" && $.eventName = "CreateRole" }',
  predicate: (event: LogEvent) =>
    foreignPrincipals(getField(event, 'requestParameters.assumeRolePolicyDocument'), ownAccountOf(event)).length > 0,
  positives: [createRole({ AWS: `arn:aws:iam::${OTHER_ACCOUNT_ID}:root` }), createRole({ AWS: '*' })],
  negatives: [createRole({ Service: 'lambda.amazonaws.com' }), createRole({ AWS: 'arn:aws:iam::111122223333:root' })],
};
