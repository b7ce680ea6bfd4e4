import { COMPLIANT, NOT_APPLICABLE, nonCompliant, type PolicyRule } from '../types';
import {
  IDENTITY_POLICY_TYPES,
  allowsAnyOf,
  describeStatements,
  hasCondition,
  grantStatements,
  offending,
} from './iam-policies';

export const iamPassRoleScoped: PolicyRule = {
  id: 'iam-pass-role-scoped',
  description: 'iam:PassRole names the roles (never Resource "*") and the services they go to (iam:PassedToService).',
  resourceTypes: IDENTITY_POLICY_TYPES,
  check(resource, stack) {
    const statements = grantStatements(resource, stack);
    if (!statements) return NOT_APPLICABLE;
    const loose = offending(
      statements,
      (s) =>
        allowsAnyOf(s, ['iam:PassRole']) &&
        (s.notResource || s.resources.includes('*') || !hasCondition(s, 'iam:PassedToService')),
    );
    if (loose.length === 0) return COMPLIANT;
    return nonCompliant(`${describeStatements(loose, 'allow')} iam:PassRole on any role or to any service`);
  },
};
