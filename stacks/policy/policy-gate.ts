import { Annotations, Aspects, TerraformStack, type IAspect } from 'cdktf';
import type { IConstruct } from 'constructs';
import { exceptionMatches } from './exceptions';
import { StackView } from './stack-view';
import type { PolicyException, PolicyRule } from './types';

/** One rule broken by one resource. */
export interface PolicyViolation {
  readonly rule: string;
  readonly resource: string;
  readonly reason: string;
}

/**
 * The policy gate: an Aspect that gives every stack a validation running the rule pack over the stack's
 * synthesized Terraform JSON, so synth fails with the resource path and rule id of each violation. A violation
 * listed in the exceptions is accepted; an exception that matches nothing fails synth too (it would hide the
 * next real violation). Each accepted violation is recorded as an info annotation on its resource, so
 * cdktf.out/manifest.json lists it with its reason for audit.
 */
export class PolicyGate implements IAspect {
  private readonly used = new Set<PolicyException>();

  constructor(
    private readonly rules: readonly PolicyRule[],
    private readonly exceptions: readonly PolicyException[] = [],
  ) {}

  /** Guards every stack of the app (call it once all stacks exist), and fails on exceptions that matched nothing. */
  protect(app: IConstruct): void {
    for (const stack of app.node.findAll().filter(TerraformStack.isStack)) Aspects.of(stack).add(this);
    app.node.addValidation({ validate: () => this.unusedExceptions() });
  }

  visit(node: IConstruct): void {
    if (!TerraformStack.isStack(node)) return;
    node.node.addValidation({ validate: () => this.check(node).map(formatViolation) });
  }

  /** Violations of one stack that no exception accepts. */
  check(stack: TerraformStack): PolicyViolation[] {
    const view = new StackView(stack.toTerraform() as Record<string, unknown>);
    const violations: PolicyViolation[] = [];
    for (const resource of view.resources()) {
      for (const rule of this.rules) {
        if (!rule.resourceTypes.includes(resource.type)) continue;
        const verdict = rule.check(resource, view);
        if (verdict.status !== 'non-compliant') continue;
        const accepted = this.exceptions.filter((exception) => exceptionMatches(exception, rule.id, resource.path));
        accepted.forEach((exception) => this.accept(stack, resource.path, exception));
        if (accepted.length === 0) violations.push({ rule: rule.id, resource: resource.path, reason: verdict.reason });
      }
    }
    return violations;
  }

  private accept(stack: TerraformStack, resourcePath: string, exception: PolicyException): void {
    this.used.add(exception);
    const resource = stack.node.findAll().find((construct) => construct.node.path === resourcePath) ?? stack;
    Annotations.of(resource).addInfo(`[policy:${exception.rule}] accepted: ${exception.reason}`);
  }

  /** Messages for exceptions that accepted no violation in any stack checked so far. */
  unusedExceptions(): string[] {
    return this.exceptions
      .filter((exception) => !this.used.has(exception))
      .map(
        (e) =>
          `[policy:${e.rule}] exception for ${e.resource} matches no violation; remove it from stacks/policy/policy-exceptions.json`,
      );
  }
}

function formatViolation(v: PolicyViolation): string {
  return `[policy:${v.rule}] ${v.resource}: ${v.reason}`;
}
