import type { LogEvent } from '../rules/types';
import type { Random } from './random';

export const ACCOUNT_ID = '123456789012';

/** Who acts in generated traffic; `mfa` marks console sessions signed in with MFA. */
export type Principal = {
  readonly userIdentity: LogEvent;
  readonly sourceIPAddress: string;
  readonly userAgent: string;
};

const CORPORATE_IPS = ['192.0.2.10', '192.0.2.11', '192.0.2.25', '192.0.2.40'];
const CLI = 'aws-cli/2.22.4 md/awscrt#0.22.0 ua/2.0 os/linux#6.8.0 md/arch#x86_64 lang/python#3.12.6';
const CONSOLE =
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Safari/537.36';
const SDK = 'aws-sdk-js/3.700.0 ua/2.1 os/linux#6.1 lang/js md/nodejs#20.18.0 api/s3#3.700.0';

export function iamUser(userName: string, mfa: boolean): LogEvent {
  return {
    type: 'IAMUser',
    principalId: `AIDA${userName.toUpperCase().padEnd(17, 'X')}`,
    arn: `arn:aws:iam::${ACCOUNT_ID}:user/${userName}`,
    accountId: ACCOUNT_ID,
    accessKeyId: `ASIA${userName.toUpperCase().padEnd(16, 'Q')}`,
    userName,
    sessionContext: { attributes: { creationDate: '2026-11-27T08:00:00Z', mfaAuthenticated: String(mfa) } },
  };
}

export function assumedRole(roleName: string, sessionName: string): LogEvent {
  return {
    type: 'AssumedRole',
    principalId: `AROA${roleName
      .toUpperCase()
      .replace(/[^A-Z]/g, '')
      .padEnd(17, 'R')}:${sessionName}`,
    arn: `arn:aws:sts::${ACCOUNT_ID}:assumed-role/${roleName}/${sessionName}`,
    accountId: ACCOUNT_ID,
    accessKeyId: 'ASIAROLESESSIONKEY01',
    sessionContext: {
      sessionIssuer: {
        type: 'Role',
        principalId: `AROA${roleName
          .toUpperCase()
          .replace(/[^A-Z]/g, '')
          .padEnd(17, 'R')}`,
        arn: `arn:aws:iam::${ACCOUNT_ID}:role/${roleName}`,
        accountId: ACCOUNT_ID,
        userName: roleName,
      },
      attributes: { creationDate: '2026-11-27T08:00:00Z', mfaAuthenticated: 'false' },
    },
  };
}

export function awsService(service: string): LogEvent {
  return { type: 'AWSService', invokedBy: service };
}

/** The benign actors: people with MFA, read-only analysts, the pipeline's own roles and AWS services. */
export function benignPrincipal(random: Random): Principal {
  return random.weighted<() => Principal>([
    [
      () => ({
        userIdentity: iamUser(random.pick(['alice', 'bob', 'carol']), true),
        sourceIPAddress: random.pick(CORPORATE_IPS),
        userAgent: random.pick([CLI, CONSOLE]),
      }),
      3,
    ],
    [
      () => ({
        userIdentity: assumedRole('analytics-readonly', random.pick(['dana', 'erik'])),
        sourceIPAddress: random.pick(CORPORATE_IPS),
        userAgent: CONSOLE,
      }),
      2,
    ],
    [
      () => ({
        userIdentity: assumedRole(
          random.pick(['logfed-emr-job', 'logfed-orchestrator', 'logfed-log-intelligence']),
          random.pick(['i-0a1b2c3d4e5f60718', 'step-functions', 'lambda-handler']),
        ),
        sourceIPAddress: '10.0.12.34',
        userAgent: SDK,
      }),
      3,
    ],
    [
      () => ({
        userIdentity: awsService(
          random.pick([
            'ec2.amazonaws.com',
            'cloudtrail.amazonaws.com',
            'elasticmapreduce.amazonaws.com',
            'lambda.amazonaws.com',
          ]),
        ),
        sourceIPAddress: 'AWS Internal',
        userAgent: 'AWS Internal',
      }),
      2,
    ],
  ])();
}
