import { compileNode, Matcher } from './evaluate';
import { parseFilterPattern } from './parser';
import { requiredValues } from './required-values';
import type { PatternNode } from './types';

export { FilterPatternError } from './errors';
export { parseFilterPattern } from './parser';
export { requiredValues } from './required-values';
export type { Matcher } from './evaluate';
export type { PatternNode, Selector, SelectorStep } from './types';

export interface CompiledFilterPattern {
  readonly pattern: string;
  readonly ast: PatternNode;
  readonly matches: Matcher;
  /** The `eventName` values the pattern can match, or `undefined` when it is not limited to a list. */
  readonly eventNames: ReadonlySet<string> | undefined;
}

/** Parses and compiles a CloudWatch Logs JSON filter pattern; throws FilterPatternError with the position. */
export function compileFilterPattern(pattern: string): CompiledFilterPattern {
  const ast = parseFilterPattern(pattern);
  return { pattern, ast, matches: compileNode(ast), eventNames: requiredValues(ast, 'eventName') };
}
