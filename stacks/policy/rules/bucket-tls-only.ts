import { COMPLIANT, nonCompliant, type PolicyRule } from '../types';

export const bucketTlsOnly: PolicyRule = {
  id: 'bucket-tls-only',
  description: 'S3 bucket policies deny every request that does not use TLS (aws:SecureTransport false).',
  resourceTypes: ['aws_s3_bucket'],
  check(bucket, stack) {
    const statements = stack
      .referencing(bucket, 'aws_s3_bucket_policy')
      .flatMap((policy) => stack.statements(policy.config.policy) ?? []);
    const deniesPlainHttp = statements.some(
      (s) =>
        s.effect === 'Deny' &&
        !s.notAction &&
        s.actions.some((action) => action === 's3:*' || action === '*') &&
        s.conditions.some(
          (c) => c.test === 'Bool' && c.variable === 'aws:SecureTransport' && c.values.includes('false'),
        ),
    );
    return deniesPlainHttp
      ? COMPLIANT
      : nonCompliant('bucket policy has no Deny of s3:* when aws:SecureTransport is false');
  },
};
