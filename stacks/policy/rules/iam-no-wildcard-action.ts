import { COMPLIANT, NOT_APPLICABLE, nonCompliant, type PolicyRule } from '../types';
import {
  IDENTITY_POLICY_TYPES,
  RESOURCE_POLICY_TYPES,
  describeStatements,
  identityStatements,
  resourcePolicyStatements,
} from './iam-policies';

export const iamNoWildcardAction: PolicyRule = {
  id: 'iam-no-wildcard-action',
  description: 'IAM and resource policies never allow Action "*" (every action of every service).',
  resourceTypes: [...IDENTITY_POLICY_TYPES, ...RESOURCE_POLICY_TYPES],
  check(resource, stack) {
    const statements = IDENTITY_POLICY_TYPES.includes(resource.type)
      ? identityStatements(resource, stack)
      : resourcePolicyStatements(resource, stack);
    if (!statements) return NOT_APPLICABLE;
    const wildcard = statements
      .map((statement, index) => ({ statement, index }))
      .filter(
        ({ statement }) =>
          statement.notAction || statement.actions.some((action) => action === '*' || action === '*:*'),
      );
    if (wildcard.length === 0) return COMPLIANT;
    return nonCompliant(`${describeStatements(wildcard, 'allow')} every action`);
  },
};
