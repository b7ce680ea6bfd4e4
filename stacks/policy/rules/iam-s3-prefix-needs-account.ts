import { COMPLIANT, NOT_APPLICABLE, nonCompliant, type PolicyRule } from '../types';
import { IDENTITY_POLICY_TYPES, describeStatements, hasCondition, grantStatements, offending } from './iam-policies';

/** A bucket ARN whose name part is a pattern: it matches same-named buckets in every account. */
const BUCKET_NAME_PATTERN = /^arn:aws[a-z-]*:s3:::[^/]*[*?]/;

export const iamS3PrefixNeedsAccount: PolicyRule = {
  id: 'iam-s3-prefix-needs-account',
  description:
    'Grants on buckets by name pattern (arn:aws:s3:::prefix-*) carry an aws:ResourceAccount or s3:ResourceAccount condition: bucket names are global.',
  resourceTypes: IDENTITY_POLICY_TYPES,
  check(resource, stack) {
    const statements = grantStatements(resource, stack);
    if (!statements) return NOT_APPLICABLE;
    const anyAccount = offending(
      statements,
      (s) =>
        s.resources.some((arn) => BUCKET_NAME_PATTERN.test(arn)) &&
        !hasCondition(s, 'aws:ResourceAccount') &&
        !hasCondition(s, 's3:ResourceAccount'),
    );
    if (anyAccount.length === 0) return COMPLIANT;
    return nonCompliant(`${describeStatements(anyAccount, 'grant')} buckets by name pattern in any account`);
  },
};
