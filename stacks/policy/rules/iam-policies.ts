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

/**
 * The Allow statements that grant something: those of identity policies, but not of a managed policy that a
 * role of the stack uses as its permissions boundary (a boundary caps what other policies grant; alone it grants nothing).
 */
export function grantStatements(resource: SynthesizedBlock, stack: StackView): PolicyStatement[] | undefined {
  if (resource.type === 'aws_iam_policy') {
    const ref = `\${aws_iam_policy.${resource.name}.arn}`;
    const boundary = stack.resources().some((b) => b.type === 'aws_iam_role' && b.config.permissions_boundary === ref);
    if (boundary) return undefined;
  }
  return identityStatements(resource, stack);
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

/** An IAM wildcard pattern as a regular expression: `*` matches any characters, `:` and `/` included. */
function wildcard(pattern: string, flags: string): RegExp {
  const regex = pattern
    .split('*')
    .map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
    .join('.*');
  return new RegExp(`^${regex}$`, flags);
}

/** Whether an action pattern of a policy (`iam:*`, `iam:Put*`, `*`) covers `action`; IAM matches case-insensitively. */
export function actionCovers(pattern: string, action: string): boolean {
  return wildcard(pattern, 'i').test(action);
}

/** Whether a resource pattern of a policy (`arn:aws:s3:::logfed-*`) covers `arn`; ARNs match case-sensitively. */
export function resourceCovers(pattern: string, arn: string): boolean {
  return wildcard(pattern, '').test(arn);
}

/** Whether a statement allows any of `actions` (through NotAction, it allows all but the listed ones). */
export function allowsAnyOf(statement: PolicyStatement, actions: readonly string[]): boolean {
  if (statement.notAction) return actions.some((action) => !statement.actions.some((p) => actionCovers(p, action)));
  return actions.some((action) => statement.actions.some((pattern) => actionCovers(pattern, action)));
}

/** Whether one of the statement's conditions tests `variable` (case-insensitive, as IAM compares keys). */
export function hasCondition(statement: PolicyStatement, variable: string): boolean {
  return statement.conditions.some((condition) => condition.variable.toLowerCase() === variable.toLowerCase());
}

/** Statements of `statements` that `offends`, with their index for messages. */
export function offending(
  statements: readonly PolicyStatement[],
  offends: (statement: PolicyStatement) => boolean,
): { statement: PolicyStatement; index: number }[] {
  return statements.map((statement, index) => ({ statement, index })).filter(({ statement }) => offends(statement));
}
