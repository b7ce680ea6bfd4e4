import { KEY_ADMINISTRATION_ONLY } from '../../constructs/encryption-key';
import { COMPLIANT, NOT_APPLICABLE, nonCompliant, type PolicyRule } from '../types';
import { actionCovers } from './iam-policies';

export const kmsKeySeparatedDuties: PolicyRule = {
  id: 'kms-key-separated-duties',
  description:
    'Key policies give kms:* to no account root (only to a named administrator) and deny everyone else changing the policy, disabling or deleting the key.',
  resourceTypes: ['aws_kms_key'],
  check(key, stack) {
    const statements = stack.statements(key.config.policy);
    if (!statements) return NOT_APPLICABLE;
    const toRoot = statements.filter(
      (s) =>
        s.effect === 'Allow' &&
        s.principals.some((principal) => /:root$/.test(principal)) &&
        s.actions.some((action) => KEY_ADMINISTRATION_ONLY.some((admin) => actionCovers(action, admin))),
    );
    if (toRoot.length > 0) return nonCompliant('the key policy lets the account (root) administer the key');
    const denied = KEY_ADMINISTRATION_ONLY.filter(
      (admin) =>
        !statements.some((s) => s.effect === 'Deny' && s.actions.some((action) => actionCovers(action, admin))),
    );
    if (denied.length > 0)
      return nonCompliant(`the key policy does not deny ${denied.join(', ')} to non-administrators`);
    return COMPLIANT;
  },
};
