import { apiCall, assumedRole } from '../testing';
import type { Rule } from '../types';
import { CIS_METRIC_NAMESPACE } from './metric';

const login = { additionalEventData: { MFAUsed: 'No' }, responseElements: { ConsoleLogin: 'Success' } };

/**
 * CIS CloudWatch.3: Console sign-in without MFA (1.2: 3.2).
 * The pattern is Security Hub's, verbatim; keep it byte for byte.
 */
export const cisCloudwatch3: Rule = {
  id: 'cis-cloudwatch-3',
  severity: 'high',
  title: 'Console sign-in without MFA',
  references: ['cis:CloudWatch.3', 'stratus:aws.initial-access.console-login-without-mfa', 'attack:T1078.A001'],
  filterPattern:
    '{ ($.eventName = "ConsoleLogin") && ($.additionalEventData.MFAUsed != "Yes") && ($.userIdentity.type = "IAMUser") && ($.responseElements.ConsoleLogin = "Success") }',
  metric: { namespace: CIS_METRIC_NAMESPACE, name: 'ConsoleSignInWithoutMfa' },
  positives: [apiCall('signin', 'ConsoleLogin', login)],
  negatives: [
    apiCall('signin', 'ConsoleLogin', { ...login, additionalEventData: { MFAUsed: 'Yes' } }),
    apiCall('signin', 'ConsoleLogin', { ...login, responseElements: { ConsoleLogin: 'Failure' } }),
    apiCall('signin', 'ConsoleLogin', { ...login, userIdentity: assumedRole('Admin') }),
    // CloudWatch does not match != on a missing field, so neither do we.
    apiCall('signin', 'ConsoleLogin', { ...login, additionalEventData: undefined }),
  ],
};
