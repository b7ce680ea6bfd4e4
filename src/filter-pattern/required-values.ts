import type { PatternNode } from './types';

/**
 * The exact values a top-level field must hold for the pattern to match, or `undefined` when any value might:
 * `{ $.eventName = A || $.eventName = B }` requires `{A, B}` of `eventName`. Lets callers index patterns by
 * `eventName` and skip the ones an event cannot match. Wildcard values and `!=` require nothing.
 */
export function requiredValues(node: PatternNode, field: string): ReadonlySet<string> | undefined {
  switch (node.kind) {
    case 'and': {
      const left = requiredValues(node.left, field);
      const right = requiredValues(node.right, field);
      if (!left || !right) return left ?? right;
      return new Set([...left].filter((value) => right.has(value)));
    }
    case 'or': {
      const left = requiredValues(node.left, field);
      const right = requiredValues(node.right, field);
      return left && right ? new Set([...left, ...right]) : undefined;
    }
    case 'string': {
      const exact = node.operator === '=' && !node.value.includes('*');
      const onField = node.selector.steps.length === 1 && node.selector.steps[0] === field;
      return exact && onField ? new Set([node.value]) : undefined;
    }
    default:
      return undefined;
  }
}
