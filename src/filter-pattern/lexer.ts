import { FilterPatternError } from './errors';

export type TokenKind = '{' | '}' | '(' | ')' | '&&' | '||' | 'operator' | 'selector' | 'string' | 'word' | 'end';

export interface Token {
  readonly kind: TokenKind;
  /** The operator or selector text, the unescaped string, or the bare word. */
  readonly text: string;
  /** 1-based position of the token's first character. */
  readonly position: number;
}

const OPERATORS = ['!=', '<=', '>=', '=', '<', '>'];
/** Characters that end a bare word (an unquoted value such as `CreateTrail` or `123.123.*`) or a selector. */
const DELIMITERS = new Set([' ', '\t', '\n', '\r', '(', ')', '{', '}', '"', '&', '|', '=', '!', '<', '>']);

/** Splits a filter pattern into tokens; an unterminated string or a stray character fails with its position. */
export function tokenize(pattern: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < pattern.length) {
    const c = pattern[i];
    const position = i + 1;
    if (c === ' ' || c === '\t' || c === '\n' || c === '\r') {
      i++;
    } else if (c === '{' || c === '}' || c === '(' || c === ')') {
      tokens.push({ kind: c, text: c, position });
      i++;
    } else if (pattern.startsWith('&&', i) || pattern.startsWith('||', i)) {
      tokens.push({ kind: pattern.slice(i, i + 2) as '&&' | '||', text: pattern.slice(i, i + 2), position });
      i += 2;
    } else if (c === '"') {
      const [text, next] = readQuoted(pattern, i);
      tokens.push({ kind: 'string', text, position });
      i = next;
    } else {
      const operator = OPERATORS.find((op) => pattern.startsWith(op, i));
      if (operator) {
        tokens.push({ kind: 'operator', text: operator, position });
        i += operator.length;
        continue;
      }
      if (c === '&' || c === '|' || c === '!') throw new FilterPatternError(`unexpected "${c}"`, position);
      const start = i;
      // A selector may hold brackets (`$.a[0]`); a bare word ends at the same delimiters.
      while (i < pattern.length && !DELIMITERS.has(pattern[i])) i++;
      const text = pattern.slice(start, i);
      // CloudWatch reads %…% as a regular expression; comparing it as text would silently mean something else.
      if (text.startsWith('%')) throw new FilterPatternError('regular expressions (%…%) are not supported', position);
      tokens.push({ kind: text.startsWith('$') ? 'selector' : 'word', text, position });
    }
  }
  tokens.push({ kind: 'end', text: '', position: pattern.length + 1 });
  return tokens;
}

function readQuoted(pattern: string, start: number): [string, number] {
  let text = '';
  let i = start + 1;
  while (i < pattern.length) {
    const c = pattern[i];
    if (c === '"') return [text, i + 1];
    if (c === '\\' && i + 1 < pattern.length) {
      text += pattern[i + 1];
      i += 2;
    } else {
      text += c;
      i++;
    }
  }
  throw new FilterPatternError('unterminated string', start + 1);
}
