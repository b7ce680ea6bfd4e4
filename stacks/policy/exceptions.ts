import committed from './policy-exceptions.json';
import type { PolicyException, PolicyRule } from './types';

/** The committed exceptions (stacks/policy/policy-exceptions.json), checked against the rules. */
export function committedExceptions(rules: readonly PolicyRule[]): PolicyException[] {
  return checkExceptions(committed, rules, 'stacks/policy/policy-exceptions.json');
}

/** Every entry must name a known rule, a resource and a reason. */
export function checkExceptions(raw: unknown, rules: readonly PolicyRule[], source: string): PolicyException[] {
  if (!Array.isArray(raw)) throw new Error(`${source}: expected a list of { rule, resource, reason }`);
  const ids = new Set(rules.map((rule) => rule.id));
  return raw.map((entry: Partial<PolicyException>, index) => {
    const where = `${source}[${index}]`;
    if (!entry || typeof entry.rule !== 'string' || !ids.has(entry.rule))
      throw new Error(`${where}: unknown rule ${JSON.stringify(entry?.rule)}`);
    if (typeof entry.resource !== 'string' || entry.resource === '')
      throw new Error(`${where}: resource (a construct path) is missing`);
    if (typeof entry.reason !== 'string' || entry.reason.trim().length < 10)
      throw new Error(`${where}: reason is missing or too short to explain the exception`);
    return { rule: entry.rule, resource: entry.resource, reason: entry.reason };
  });
}

/** `*` in an exception's resource matches any characters within one path segment. */
export function exceptionMatches(exception: PolicyException, rule: string, resourcePath: string): boolean {
  if (exception.rule !== rule) return false;
  const pattern = exception.resource
    .split('*')
    .map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
    .join('[^/]*');
  return new RegExp(`^${pattern}$`).test(resourcePath);
}
