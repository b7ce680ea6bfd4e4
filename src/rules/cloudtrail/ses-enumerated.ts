import { apiCall, assumedRole } from '../testing';
import type { Rule } from '../types';

/** Spammers check whether an account can send mail before abusing it; the calls are read-only, so low. */
export const sesEnumerated: Rule = {
  id: 'ses-enumerated',
  severity: 'low',
  title: 'SES sending setup enumerated with IAM user keys',
  references: ['stratus:aws.discovery.ses-enumerate'],
  filterPattern:
    '{ $.eventSource = "ses.amazonaws.com" && ($.eventName = "GetAccountSendingEnabled" ' +
    '|| $.eventName = "GetSendQuota" || $.eventName = "ListIdentities" ' +
    '|| $.eventName = "GetIdentityVerificationAttributes" ' +
    '|| $.eventName = "GetIdentityDkimAttributes") && $.userIdentity.type = "IAMUser" }',
  positives: [
    apiCall('ses', 'GetAccountSendingEnabled', { readOnly: true }),
    apiCall('ses', 'ListIdentities', { readOnly: true }),
  ],
  negatives: [
    apiCall('ses', 'GetSendQuota', { readOnly: true, userIdentity: assumedRole('mailer') }),
    apiCall('ses', 'SendEmail'),
  ],
};
