import type { LogEvent } from './types';

/**
 * Event factories for rule test cases (STYLE: a base event plus overrides). `apiCall` builds a successful
 * CloudTrail management event by an IAM user; overrides merge deeply, and `undefined` removes a field,
 * except `userIdentity`, which an override replaces whole (an assumed role is not an IAM user with extras).
 */
export type Overrides = { readonly [key: string]: unknown };

export const ACCOUNT_ID = '111122223333';
export const OTHER_ACCOUNT_ID = '444455556666';

export function apiCall(service: string, eventName: string, overrides: Overrides = {}): LogEvent {
  const { userIdentity = iamUser('alice'), ...rest } = overrides;
  const base: LogEvent = {
    eventVersion: '1.09',
    userIdentity,
    eventTime: '2026-11-27T10:00:00Z',
    eventSource: `${service}.amazonaws.com`,
    eventName,
    awsRegion: 'eu-west-1',
    sourceIPAddress: '203.0.113.10',
    userAgent: 'aws-cli/2.15.0',
    requestParameters: {},
    responseElements: null,
    eventID: `example-${service}-${eventName}`,
    readOnly: false,
    eventType: 'AwsApiCall',
    managementEvent: true,
    recipientAccountId: ACCOUNT_ID,
  };
  return merge(base, rest);
}

export function iamUser(userName: string): LogEvent {
  return {
    type: 'IAMUser',
    principalId: 'AIDAEXAMPLE',
    arn: `arn:aws:iam::${ACCOUNT_ID}:user/${userName}`,
    accountId: ACCOUNT_ID,
    accessKeyId: 'AKIAEXAMPLE',
    userName,
  };
}

/** A role session; `sessionName` `i-0abc…` is what EC2 instance credentials look like. */
export function assumedRole(roleName: string, sessionName = 'session'): LogEvent {
  return {
    type: 'AssumedRole',
    principalId: `AROAEXAMPLE:${sessionName}`,
    arn: `arn:aws:sts::${ACCOUNT_ID}:assumed-role/${roleName}/${sessionName}`,
    accountId: ACCOUNT_ID,
    accessKeyId: 'ASIAEXAMPLE',
    sessionContext: {
      sessionIssuer: {
        type: 'Role',
        principalId: 'AROAEXAMPLE',
        arn: `arn:aws:iam::${ACCOUNT_ID}:role/${roleName}`,
        accountId: ACCOUNT_ID,
        userName: roleName,
      },
      attributes: { creationDate: '2026-11-27T09:55:00Z', mfaAuthenticated: 'false' },
    },
  };
}

export function rootUser(): LogEvent {
  return { type: 'Root', principalId: ACCOUNT_ID, arn: `arn:aws:iam::${ACCOUNT_ID}:root`, accountId: ACCOUNT_ID };
}

export function awsService(service: string): LogEvent {
  return { type: 'AWSService', invokedBy: `${service}.amazonaws.com` };
}

/** Deep merge: objects merge key by key, anything else replaces, `undefined` deletes. */
export function merge(base: LogEvent, overrides: Overrides): LogEvent {
  const result: LogEvent = { ...base };
  for (const [key, value] of Object.entries(overrides)) {
    const current = result[key];
    if (value === undefined) delete result[key];
    else if (isPlainObject(value) && isPlainObject(current)) result[key] = merge(current, value);
    else result[key] = value;
  }
  return result;
}

function isPlainObject(value: unknown): value is LogEvent {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
