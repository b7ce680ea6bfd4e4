import type { StackView } from './stack-view';

/** One resource or data source of a synthesized stack, as Terraform JSON (snake_case attributes). */
export interface SynthesizedBlock {
  /** `resource` or `data`. */
  readonly kind: 'resource' | 'data';
  /** Terraform type, e.g. `aws_s3_bucket`. */
  readonly type: string;
  /** Terraform name in the stack, e.g. `landing_bucket_1A2B3C4D`. */
  readonly name: string;
  /** Construct path, e.g. `dev-log-archive/landing/bucket`: what messages and exceptions name. */
  readonly path: string;
  readonly config: Readonly<Record<string, unknown>>;
}

/** The outcome of one rule on one resource, as in cdk-nag: compliant, non-compliant with a reason, or not applicable. */
export type Verdict =
  | { readonly status: 'compliant' }
  | { readonly status: 'non-compliant'; readonly reason: string }
  | { readonly status: 'not-applicable' };

export const COMPLIANT: Verdict = { status: 'compliant' };
export const NOT_APPLICABLE: Verdict = { status: 'not-applicable' };
export function nonCompliant(reason: string): Verdict {
  return { status: 'non-compliant', reason };
}

/** A baseline rule of the policy gate: a readable id, what it requires, and a check of one resource. */
export interface PolicyRule {
  /** Kebab-case id, used in messages and in policy-exceptions.json. */
  readonly id: string;
  /** One sentence: what a compliant resource has. */
  readonly description: string;
  /** Terraform resource types the rule looks at; others are not applicable. */
  readonly resourceTypes: readonly string[];
  readonly check: (resource: SynthesizedBlock, stack: StackView) => Verdict;
}

/** An accepted violation: which rule, which resource (construct path, `*` matches within one path segment) and why. */
export interface PolicyException {
  readonly rule: string;
  readonly resource: string;
  readonly reason: string;
}
