import { apiCall, assumedRole } from '../testing';
import type { Rule } from '../types';

/** Decrypting SecureString parameters is what workloads do through roles, not people with access keys. */
export const ssmSecureParameterDecryptedByIamUser: Rule = {
  id: 'ssm-secure-parameter-decrypted-by-iam-user',
  severity: 'medium',
  title: 'SSM SecureString parameters decrypted with long-term IAM user keys',
  references: ['stratus:aws.credential-access.ssm-retrieve-securestring-parameters'],
  filterPattern:
    '{ $.eventSource = "ssm.amazonaws.com" && ($.eventName = "GetParameters" ' +
    '|| $.eventName = "GetParameter" || $.eventName = "GetParametersByPath") ' +
    '&& $.requestParameters.withDecryption IS TRUE && $.userIdentity.type = "IAMUser" }',
  positives: [
    apiCall('ssm', 'GetParameters', {
      readOnly: true,
      requestParameters: { names: ['/db/password'], withDecryption: true },
    }),
    apiCall('ssm', 'GetParametersByPath', { readOnly: true, requestParameters: { path: '/', withDecryption: true } }),
  ],
  negatives: [
    apiCall('ssm', 'GetParameters', {
      readOnly: true,
      requestParameters: { names: ['/db/host'], withDecryption: false },
    }),
    apiCall('ssm', 'GetParameters', {
      readOnly: true,
      requestParameters: { withDecryption: true },
      userIdentity: assumedRole('orders-api'),
    }),
  ],
};
