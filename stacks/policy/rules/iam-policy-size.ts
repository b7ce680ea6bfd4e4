import { IAM_QUOTAS, sizePolicy, type SizedPolicy } from '../policy-size';
import type { StackView } from '../stack-view';
import { COMPLIANT, NOT_APPLICABLE, nonCompliant, type PolicyRule, type SynthesizedBlock } from '../types';

const n = (value: number) => value.toLocaleString('en-US');

/** Whether `value` (a role attribute of another resource) names `role`: by reference to its name or id, or literally. */
function namesRole(value: unknown, role: SynthesizedBlock): boolean {
  if (typeof value !== 'string') return false;
  const ref = /^\$\{aws_iam_role\.([^.]+)\.(name|id)\}$/.exec(value);
  return ref ? ref[1] === role.name : value === role.config.name;
}

const rolePolicies = (role: SynthesizedBlock, stack: StackView, type: string) =>
  stack.resources().filter((block) => block.type === type && namesRole(block.config.role, role));

/** `<document> (<size>)`, as messages name a policy. */
const describe = (policy: SizedPolicy) => `${policy.document} (${n(policy.characters)})`;

function unknownSizes(policies: readonly (SizedPolicy | undefined)[]): string[] {
  return policies
    .filter((p): p is SizedPolicy => p !== undefined && p.unbounded.length > 0)
    .map(
      (p) =>
        `the size of ${p.document} is unknown: no bound for ${p.unbounded.join(', ')} (see stacks/policy/policy-size.ts)`,
    );
}

function overLimit(total: number, limit: number, what: string, documents: readonly SizedPolicy[]): string | undefined {
  if (total <= limit) return undefined;
  const which = documents.map(describe).join(' + ');
  return `${what} ${n(total)} characters (${which}), ${n(total - limit)} over the ${n(limit)} IAM allows`;
}

function checkRole(role: SynthesizedBlock, stack: StackView): string[] {
  const inline = [
    ...rolePolicies(role, stack, 'aws_iam_role_policy').map((block) => sizePolicy(block.config.policy, block, stack)),
    ...((role.config.inline_policy ?? []) as { policy?: unknown }[]).map((block) =>
      sizePolicy(block.policy, role, stack),
    ),
  ];
  const trust = sizePolicy(role.config.assume_role_policy, role, stack);
  const sized = inline.filter((p): p is SizedPolicy => p !== undefined);
  const attached =
    rolePolicies(role, stack, 'aws_iam_role_policy_attachment').length +
    ((role.config.managed_policy_arns ?? []) as unknown[]).length;
  const problems = [
    ...unknownSizes([...inline, trust]),
    overLimit(
      sized.reduce((sum, p) => sum + p.characters, 0),
      IAM_QUOTAS.roleInlinePolicies,
      'its inline policies total',
      sized,
    ),
    trust && overLimit(trust.characters, IAM_QUOTAS.roleTrustPolicy, 'its trust policy is', [trust]),
    attached > IAM_QUOTAS.managedPoliciesPerRole
      ? `it has ${attached} managed policies attached, ${attached - IAM_QUOTAS.managedPoliciesPerRole} over the ${IAM_QUOTAS.managedPoliciesPerRole} IAM allows per role`
      : undefined,
  ];
  return problems.filter((p): p is string => p !== undefined);
}

/**
 * The sizes IAM enforces, with every interpolation counted at the longest value it can resolve to
 * (stacks/policy/policy-size.ts): a managed policy (a permissions boundary included) at most 6,144 characters;
 * per role, its inline policies together at most 10,240, its trust policy at most 2,048, and at most 10 managed
 * policies attached. IAM rejects anything larger, so apply would fail.
 */
export const iamPolicySize: PolicyRule = {
  id: 'iam-policy-size',
  description:
    'IAM policies fit IAM quotas with interpolations at their longest: managed policy 6,144 characters; per role, inline policies 10,240 together, trust policy 2,048, 10 managed policies attached.',
  resourceTypes: ['aws_iam_policy', 'aws_iam_role', 'aws_iam_role_policy'],
  check(resource, stack) {
    let problems: string[];
    if (resource.type === 'aws_iam_role') {
      problems = checkRole(resource, stack);
    } else {
      // A role policy counts towards its role's total, unless the role is not in this stack.
      const roleHere = (policy: SynthesizedBlock) =>
        stack.resources().some((b) => b.type === 'aws_iam_role' && namesRole(policy.config.role, b));
      if (resource.type === 'aws_iam_role_policy' && roleHere(resource)) return NOT_APPLICABLE;
      const policy = sizePolicy(resource.config.policy, resource, stack);
      if (!policy) return NOT_APPLICABLE;
      const [limit, what] =
        resource.type === 'aws_iam_policy'
          ? [IAM_QUOTAS.managedPolicy, 'the managed policy is']
          : [IAM_QUOTAS.roleInlinePolicies, 'the inline policies of its role total at least'];
      problems = [...unknownSizes([policy]), overLimit(policy.characters, limit, what, [policy])].filter(
        (p): p is string => p !== undefined,
      );
    }
    return problems.length === 0 ? COMPLIANT : nonCompliant(problems.join('; '));
  },
};
