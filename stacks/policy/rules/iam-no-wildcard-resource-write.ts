import { COMPLIANT, NOT_APPLICABLE, nonCompliant, type PolicyRule } from '../types';
import { IDENTITY_POLICY_TYPES, describeStatements, identityStatements } from './iam-policies';

/** Verbs that only read; any other action (or a service wildcard) may change something. */
const READ_ONLY_VERBS = [
  'Get',
  'List',
  'Describe',
  'Head',
  'Lookup',
  'Search',
  'View',
  'BatchGet',
  'Query',
  'Scan',
  'Select',
  'Filter',
];

export function isReadOnly(action: string): boolean {
  const verb = action.split(':')[1] ?? '';
  return READ_ONLY_VERBS.some((prefix) => verb.startsWith(prefix));
}

export const iamNoWildcardResourceWrite: PolicyRule = {
  id: 'iam-no-wildcard-resource-write',
  description: 'Identity policies allow write actions only on named resources, never on Resource "*".',
  resourceTypes: IDENTITY_POLICY_TYPES,
  check(resource, stack) {
    const statements = identityStatements(resource, stack);
    if (!statements) return NOT_APPLICABLE;
    const offending = statements
      .map((statement, index) => ({ statement, index }))
      .filter(
        ({ statement }) =>
          (statement.notResource || statement.resources.includes('*')) &&
          (statement.notAction || statement.actions.some((action) => !isReadOnly(action))),
      );
    if (offending.length === 0) return COMPLIANT;
    return nonCompliant(`${describeStatements(offending, 'allow')} write actions on Resource "*"`);
  },
};
