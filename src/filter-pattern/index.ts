import { compileNode, Matcher } from './evaluate';
import { parseFilterPattern } from './parser';
import { Guard, guardsOf } from './guards';
import type { PatternNode } from './types';

export { FilterPatternError } from './errors';
export { parseFilterPattern } from './parser';
export { guardsOf } from './guards';
export type { Guard } from './guards';
export { scalarText, valueAt } from './evaluate';
export type { Matcher } from './evaluate';
export type { PatternNode, Selector, SelectorStep } from './types';

export interface CompiledFilterPattern {
  readonly pattern: string;
  readonly ast: PatternNode;
  readonly matches: Matcher;
  /** Conditions one of which every event the pattern matches meets, for indexing (see `guardsOf`). */
  readonly guards: readonly Guard[] | undefined;
}

/** Parses and compiles a CloudWatch Logs JSON filter pattern; throws FilterPatternError with the position. */
export function compileFilterPattern(pattern: string): CompiledFilterPattern {
  const ast = parseFilterPattern(pattern);
  return { pattern, ast, matches: compileNode(ast), guards: guardsOf(ast) };
}
