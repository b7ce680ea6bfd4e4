import type { PatternNode, SelectorStep } from './types';

/**
 * A condition an event must meet for a pattern to match: the field at `steps` holds one of `values` (compared as
 * the pattern compares scalars, by their text), or, without `values`, holds anything at all.
 */
export interface Guard {
  readonly steps: readonly SelectorStep[];
  readonly values?: ReadonlySet<string>;
}

/**
 * Guards one of which every event the pattern matches meets, or `undefined` when there are none to be had (a
 * `NOT EXISTS` alone). `{ $.eventSource = s && $.eventName = A }` gives `eventName ∈ {A}`; an `||` of conditions on
 * different fields gives one guard per side. Lets callers index patterns and test an event only against the
 * patterns whose guards it meets. Value guards are preferred to presence guards, and `eventName` to other fields.
 */
export function guardsOf(node: PatternNode): Guard[] | undefined {
  switch (node.kind) {
    case 'and': {
      const left = guardsOf(node.left);
      const right = guardsOf(node.right);
      if (!left || !right) return left ?? right;
      return guardRank(right) > guardRank(left) ? right : left;
    }
    case 'or': {
      const left = guardsOf(node.left);
      const right = guardsOf(node.right);
      return left && right ? [...left, ...right] : undefined;
    }
    case 'string': {
      const exact = node.operator === '=' && !node.value.includes('*');
      return [exact ? { steps: node.selector.steps, values: new Set([node.value]) } : { steps: node.selector.steps }];
    }
    case 'number':
    case 'is':
      // A number comparison needs a number there, IS needs null, true or false: something, either way.
      return [{ steps: node.selector.steps }];
    case 'not-exists':
      return undefined;
  }
}

/** How selective a list of guards is likely to be: every guard on `eventName` values, then values, then presence. */
function guardRank(guards: readonly Guard[]): number {
  if (guards.every((g) => g.values && g.steps.length === 1 && g.steps[0] === 'eventName')) return 2;
  return guards.every((g) => g.values) ? 1 : 0;
}
