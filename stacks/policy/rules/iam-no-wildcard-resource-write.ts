import { COMPLIANT, NOT_APPLICABLE, nonCompliant, type PolicyRule } from '../types';
import type { PolicyStatement } from '../stack-view';
import { IDENTITY_POLICY_TYPES, describeStatements, grantStatements, hasCondition } from './iam-policies';

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

/** Writes on `*` that only reach resources tagged ours: created with the tag, or changed because they carry it. */
function tagScoped(statement: PolicyStatement): boolean {
  return hasCondition(statement, 'aws:RequestTag/ManagedBy') || hasCondition(statement, 'aws:ResourceTag/ManagedBy');
}

export const iamNoWildcardResourceWrite: PolicyRule = {
  id: 'iam-no-wildcard-resource-write',
  description:
    'Identity policies allow write actions only on named resources, never on Resource "*" unless scoped to resources tagged ManagedBy (permissions boundaries, which grant nothing, aside).',
  resourceTypes: IDENTITY_POLICY_TYPES,
  check(resource, stack) {
    const statements = grantStatements(resource, stack);
    if (!statements) return NOT_APPLICABLE;
    const offending = statements
      .map((statement, index) => ({ statement, index }))
      .filter(
        ({ statement }) =>
          (statement.notResource || statement.resources.includes('*')) &&
          !tagScoped(statement) &&
          (statement.notAction || statement.actions.some((action) => !isReadOnly(action))),
      );
    if (offending.length === 0) return COMPLIANT;
    return nonCompliant(`${describeStatements(offending, 'allow')} write actions on Resource "*"`);
  },
};
