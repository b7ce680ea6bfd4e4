import { FilterPatternError } from './errors';
import { Token, tokenize } from './lexer';
import type { NumericOperator, PatternNode, Selector, SelectorStep } from './types';

const NUMBER = /^-?\d+(\.\d+)?([eE][+-]?\d+)?$/;
const KEY = /^[A-Za-z0-9_@\-:]+$/;

/**
 * Parses a CloudWatch Logs JSON filter pattern, `{ <expression> }`, where an expression joins comparisons with
 * `&&` (binding tighter) and `||`, grouped by parentheses. Throws FilterPatternError with the 1-based position.
 */
export function parseFilterPattern(pattern: string): PatternNode {
  const parser = new Parser(tokenize(pattern));
  parser.expect('{', 'a JSON filter pattern starts with "{"');
  const node = parser.orExpression();
  parser.expect('}', 'expected "&&", "||" or "}"');
  parser.expect('end', 'unexpected text after "}"');
  return node;
}

class Parser {
  private index = 0;

  constructor(private readonly tokens: readonly Token[]) {}

  expect(kind: Token['kind'], reason: string): Token {
    const token = this.peek();
    if (token.kind !== kind) throw new FilterPatternError(reason, token.position);
    this.index++;
    return token;
  }

  orExpression(): PatternNode {
    let node = this.andExpression();
    while (this.peek().kind === '||') {
      this.index++;
      node = { kind: 'or', left: node, right: this.andExpression() };
    }
    return node;
  }

  private andExpression(): PatternNode {
    let node = this.term();
    while (this.peek().kind === '&&') {
      this.index++;
      node = { kind: 'and', left: node, right: this.term() };
    }
    return node;
  }

  private term(): PatternNode {
    if (this.peek().kind === '(') {
      this.index++;
      const node = this.orExpression();
      this.expect(')', 'expected "&&", "||" or ")"');
      return node;
    }
    const selector = parseSelector(this.expect('selector', 'expected a selector such as $.eventName or "("'));
    const next = this.next();
    if (next.kind === 'word' && /^is$/i.test(next.text)) return this.isComparison(selector);
    if (next.kind === 'word' && /^not$/i.test(next.text)) {
      const exists = this.next();
      if (exists.kind !== 'word' || !/^exists$/i.test(exists.text)) {
        throw new FilterPatternError('expected EXISTS after NOT', exists.position);
      }
      return { kind: 'not-exists', selector };
    }
    if (next.kind !== 'operator') {
      throw new FilterPatternError('expected an operator (= != < > <= >=), IS or NOT EXISTS', next.position);
    }
    return this.valueComparison(selector, next.text as NumericOperator);
  }

  private isComparison(selector: Selector): PatternNode {
    const value = this.next();
    const word = value.kind === 'word' ? value.text.toUpperCase() : '';
    if (word === 'NULL') return { kind: 'is', selector, value: null };
    if (word === 'TRUE') return { kind: 'is', selector, value: true };
    if (word === 'FALSE') return { kind: 'is', selector, value: false };
    throw new FilterPatternError('expected NULL, TRUE or FALSE after IS', value.position);
  }

  private valueComparison(selector: Selector, operator: NumericOperator): PatternNode {
    const value = this.next();
    if (value.kind !== 'string' && value.kind !== 'word') {
      throw new FilterPatternError(`expected a value after "${operator}"`, value.position);
    }
    if (value.kind === 'word' && NUMBER.test(value.text)) {
      return { kind: 'number', selector, operator, value: Number(value.text) };
    }
    if (operator !== '=' && operator !== '!=') {
      throw new FilterPatternError(`"${operator}" compares numbers, got "${value.text}"`, value.position);
    }
    return { kind: 'string', selector, operator, value: value.text };
  }

  private peek(): Token {
    return this.tokens[this.index];
  }

  private next(): Token {
    const token = this.tokens[this.index];
    if (token.kind !== 'end') this.index++;
    return token;
  }
}

/** `$.a.b[0].c` to its steps; `$` alone or an empty key is an error at the offending character. */
function parseSelector(token: Token): Selector {
  const text = token.text;
  const steps: SelectorStep[] = [];
  let i = 1;
  if (text.length === 1)
    throw new FilterPatternError('a selector needs a field after "$", e.g. $.eventName', token.position);
  while (i < text.length) {
    const position = token.position + i;
    if (text[i] === '.') {
      const end = nextBoundary(text, i + 1);
      const key = text.slice(i + 1, end);
      if (!KEY.test(key)) throw new FilterPatternError('expected a field name after "."', position + 1);
      steps.push(key);
      i = end;
    } else if (text[i] === '[') {
      const close = text.indexOf(']', i);
      const index = close < 0 ? '' : text.slice(i + 1, close);
      if (!/^\d+$/.test(index)) throw new FilterPatternError('expected an array index such as [0]', position + 1);
      steps.push(Number(index));
      i = close + 1;
    } else {
      throw new FilterPatternError(`unexpected "${text[i]}" in selector`, position);
    }
  }
  return { text, steps };
}

function nextBoundary(text: string, from: number): number {
  let i = from;
  while (i < text.length && text[i] !== '.' && text[i] !== '[') i++;
  return i;
}
