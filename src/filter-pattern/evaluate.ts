import type { PatternNode, SelectorStep } from './types';

/** A compiled pattern: a closure tree, built once and run per event without re-reading the pattern. */
export type Matcher = (event: unknown) => boolean;

/** The value CloudWatch compares: `undefined` when any step is missing or steps into a non-container. */
export function valueAt(event: unknown, steps: readonly SelectorStep[]): unknown {
  let current = event;
  for (const step of steps) {
    if (current === null || typeof current !== 'object') return undefined;
    if (typeof step === 'number' ? !Array.isArray(current) : Array.isArray(current)) return undefined;
    current = (current as Record<string | number, unknown>)[step];
  }
  return current;
}

/**
 * Compiles the parsed pattern. Semantics follow CloudWatch Logs for JSON events:
 * a comparison on a missing field never matches (`!=` included); strings compare to string, number and boolean
 * scalars as their text, with `*` matching any run of characters; numeric operators need a number; objects,
 * arrays and null match only `IS NULL` (null) and never string or number comparisons.
 */
export function compileNode(node: PatternNode): Matcher {
  switch (node.kind) {
    case 'and': {
      const left = compileNode(node.left);
      const right = compileNode(node.right);
      return (event) => left(event) && right(event);
    }
    case 'or': {
      const left = compileNode(node.left);
      const right = compileNode(node.right);
      return (event) => left(event) || right(event);
    }
    case 'string': {
      const steps = node.selector.steps;
      const test = stringTest(node.value);
      const wanted = node.operator === '=';
      return (event) => {
        const value = valueAt(event, steps);
        const text = scalarText(value);
        return text !== undefined && test(text) === wanted;
      };
    }
    case 'number': {
      const steps = node.selector.steps;
      const compare = numberTest(node.operator, node.value);
      return (event) => {
        const value = valueAt(event, steps);
        return typeof value === 'number' && compare(value);
      };
    }
    case 'is': {
      const steps = node.selector.steps;
      const wanted = node.value;
      return (event) => valueAt(event, steps) === wanted;
    }
    case 'not-exists': {
      const steps = node.selector.steps;
      return (event) => valueAt(event, steps) === undefined;
    }
  }
}

/** The text a string comparison sees: strings as they are, numbers and booleans written out, nothing else. */
export function scalarText(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return undefined;
}

/** Exact comparison when there is no `*`; otherwise an anchored regular expression built once. */
function stringTest(pattern: string): (text: string) => boolean {
  if (!pattern.includes('*')) return (text) => text === pattern;
  const source = pattern
    .split('*')
    .map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
    .join('.*');
  const regex = new RegExp(`^${source}$`, 's');
  return (text) => regex.test(text);
}

function numberTest(operator: string, wanted: number): (value: number) => boolean {
  switch (operator) {
    case '=':
      return (value) => value === wanted;
    case '!=':
      return (value) => value !== wanted;
    case '<':
      return (value) => value < wanted;
    case '>':
      return (value) => value > wanted;
    case '<=':
      return (value) => value <= wanted;
    default:
      return (value) => value >= wanted;
  }
}
