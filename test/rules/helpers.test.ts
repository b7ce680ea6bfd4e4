import { foreignPrincipals, isForeign } from '../../src/rules/policy-principals';
import { apiCall, assumedRole, awsService, iamUser, merge } from '../../src/rules/testing';
import { isTrustedAutomation } from '../../src/rules/trusted-automation';

describe('isTrustedAutomation', () => {
  it('trusts AWS services and calls they make on a principal’s behalf', () => {
    expect(isTrustedAutomation(apiCall('kms', 'Decrypt', { userIdentity: awsService('cloudtrail') }))).toBe(true);
    const onBehalf = { ...assumedRole('app'), invokedBy: 'elasticmapreduce.amazonaws.com' };
    expect(isTrustedAutomation(apiCall('ec2', 'CreateSecurityGroup', { userIdentity: onBehalf }))).toBe(true);
  });

  it('trusts the pipeline’s roles by name prefix, from the session issuer or the ARN', () => {
    expect(isTrustedAutomation(apiCall('s3', 'PutObject', { userIdentity: assumedRole('logfed-emr-job') }))).toBe(true);
    const withoutIssuer = { type: 'AssumedRole', arn: 'arn:aws:sts::111122223333:assumed-role/logfed-apply/gh' };
    expect(isTrustedAutomation(apiCall('s3', 'PutObject', { userIdentity: withoutIssuer }))).toBe(true);
    const rolePath = { type: 'Role', arn: 'arn:aws:iam::111122223333:role/service/logfed-sfn' };
    expect(isTrustedAutomation(apiCall('s3', 'PutObject', { userIdentity: rolePath }))).toBe(true);
  });

  it('does not trust people, other roles or look-alike names', () => {
    expect(isTrustedAutomation(apiCall('s3', 'PutObject', { userIdentity: iamUser('logfed-admin') }))).toBe(false);
    expect(isTrustedAutomation(apiCall('s3', 'PutObject', { userIdentity: assumedRole('my-logfed-role') }))).toBe(
      false,
    );
    expect(isTrustedAutomation({})).toBe(false);
  });
});

describe('foreignPrincipals', () => {
  const own = '111122223333';
  const policy = (statement: object) => ({ Statement: [statement] });

  it('lists * and principals of other accounts that a policy allows, from an object or JSON text', () => {
    const allow = {
      Effect: 'Allow',
      Principal: { AWS: ['arn:aws:iam::444455556666:root', `arn:aws:iam::${own}:root`] },
    };
    expect(foreignPrincipals(policy(allow), own)).toEqual(['arn:aws:iam::444455556666:root']);
    expect(foreignPrincipals(JSON.stringify(policy({ Effect: 'Allow', Principal: '*' })), own)).toEqual(['*']);
    expect(foreignPrincipals({ Statement: { Effect: 'Allow', Principal: { AWS: '444455556666' } } }, own)).toEqual([
      '444455556666',
    ]);
  });

  it('ignores denials, service principals and documents it cannot read', () => {
    expect(foreignPrincipals(policy({ Effect: 'Deny', Principal: '*' }), own)).toEqual([]);
    expect(foreignPrincipals(policy({ Effect: 'Allow', Principal: { Service: 'ec2.amazonaws.com' } }), own)).toEqual(
      [],
    );
    expect(foreignPrincipals('{not json', own)).toEqual([]);
    expect(foreignPrincipals(undefined, own)).toEqual([]);
  });

  it('reads account ids from bare ids and IAM or STS ARNs only', () => {
    expect(isForeign('arn:aws:sts::444455556666:assumed-role/x/y', own)).toBe(true);
    expect(isForeign('s3.amazonaws.com', own)).toBe(false);
    expect(isForeign(own, own)).toBe(false);
  });
});

describe('event factories', () => {
  it('merge deeply, delete on undefined and replace the identity whole', () => {
    const event = apiCall('s3', 'GetObject', {
      requestParameters: { bucketName: 'b' },
      sourceIPAddress: undefined,
      userIdentity: assumedRole('app'),
    });
    expect(event.requestParameters).toEqual({ bucketName: 'b' });
    expect('sourceIPAddress' in event).toBe(false);
    expect(event.userIdentity).toEqual(assumedRole('app'));
    expect(merge({ a: { b: 1, c: 2 } }, { a: { c: 3 } })).toEqual({ a: { b: 1, c: 3 } });
  });
});
