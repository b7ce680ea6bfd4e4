import type { PolicyStatement, StackView } from '../stack-view';
import type { SynthesizedBlock } from '../types';

/** Where identity policies live: attached to a role, user or group, or a managed policy. */
export const IDENTITY_POLICY_TYPES = [
  'aws_iam_role_policy',
  'aws_iam_user_policy',
  'aws_iam_group_policy',
  'aws_iam_policy',
  'aws_iam_role',
];

/** Where resource policies live (their `Resource: "*"` means the resource itself). */
export const RESOURCE_POLICY_TYPES = [
  'aws_s3_bucket_policy',
  'aws_kms_key',
  'aws_sns_topic_policy',
  'aws_sqs_queue_policy',
];

/** The Allow statements of the identity policies of one resource (a role's inline_policy blocks included). */
export function identityStatements(resource: SynthesizedBlock, stack: StackView): PolicyStatement[] | undefined {
  const policies =
    resource.type === 'aws_iam_role'
      ? ((resource.config.inline_policy ?? []) as { policy?: unknown }[]).map((inline) => inline.policy)
      : [resource.config.policy];
  return allows(policies, stack);
}

/** The Allow statements of a resource policy. */
export function resourcePolicyStatements(resource: SynthesizedBlock, stack: StackView): PolicyStatement[] | undefined {
  return allows([resource.config.policy], stack);
}

function allows(policies: unknown[], stack: StackView): PolicyStatement[] | undefined {
  const parsed = policies.filter((policy) => policy !== undefined).map((policy) => stack.statements(policy));
  if (parsed.length === 0 || parsed.every((statements) => statements === undefined)) return undefined;
  return parsed.flatMap((statements) => statements ?? []).filter((statement) => statement.effect === 'Allow');
}

/** Names the offending statements of a policy: `statement Sid allows` or `statements #1, #3 allow`. */
export function describeStatements(
  offending: readonly { statement: PolicyStatement; index: number }[],
  verb: string,
): string {
  const names = offending.map(({ statement, index }) => statement.sid ?? `#${index + 1}`);
  return offending.length === 1 ? `statement ${names[0]} ${verb}s` : `statements ${names.join(', ')} ${verb}`;
}
