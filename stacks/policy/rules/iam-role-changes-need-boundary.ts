import { ROLE_PERMISSION_ACTIONS } from '../../permissions-boundary';
import { COMPLIANT, NOT_APPLICABLE, nonCompliant, type PolicyRule } from '../types';
import {
  IDENTITY_POLICY_TYPES,
  allowsAnyOf,
  describeStatements,
  hasCondition,
  grantStatements,
  offending,
} from './iam-policies';

export const iamRoleChangesNeedBoundary: PolicyRule = {
  id: 'iam-role-changes-need-boundary',
  description:
    'A policy that lets its holder create roles or set their permissions requires the iam:PermissionsBoundary condition, so no new role escapes the boundary.',
  resourceTypes: IDENTITY_POLICY_TYPES,
  check(resource, stack) {
    const statements = grantStatements(resource, stack);
    if (!statements) return NOT_APPLICABLE;
    const unbounded = offending(
      statements,
      (s) => allowsAnyOf(s, ROLE_PERMISSION_ACTIONS) && !hasCondition(s, 'iam:PermissionsBoundary'),
    );
    if (unbounded.length === 0) return COMPLIANT;
    return nonCompliant(
      `${describeStatements(unbounded, 'allow')} role changes without an iam:PermissionsBoundary condition`,
    );
  },
};
