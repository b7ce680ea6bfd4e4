import { COMPLIANT, NOT_APPLICABLE, nonCompliant, type PolicyRule } from '../types';
import { IDENTITY_POLICY_TYPES, describeStatements, grantStatements, offending } from './iam-policies';
import { isReadOnly } from './iam-no-wildcard-resource-write';

/** Condition keys that name a region: they keep a statement out of other regions, not out of other workloads. */
const REGION_KEYS = ['aws:requestedregion', 'ec2:region', 'aws:region'];

export const iamNoRegionOnlyScope: PolicyRule = {
  id: 'iam-no-region-only-scope',
  description:
    'Write statements are never scoped by a region condition alone: scope them by ManagedBy tag, resource name or account.',
  resourceTypes: IDENTITY_POLICY_TYPES,
  check(resource, stack) {
    const statements = grantStatements(resource, stack);
    if (!statements) return NOT_APPLICABLE;
    const regionOnly = offending(
      statements,
      (s) =>
        s.conditions.length > 0 &&
        s.conditions.every((c) => REGION_KEYS.includes(c.variable.toLowerCase())) &&
        (s.notAction || s.actions.some((action) => !isReadOnly(action))),
    );
    if (regionOnly.length === 0) return COMPLIANT;
    return nonCompliant(`${describeStatements(regionOnly, 'scope')} writes by region only`);
  },
};
