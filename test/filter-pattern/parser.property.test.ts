import fc from 'fast-check';
import { compileFilterPattern, FilterPatternError } from '../../src/filter-pattern';

/** Pieces of the filter-pattern grammar, so generated patterns get deep into the parser, not only its first token. */
const TOKENS = [
  '{',
  '}',
  '(',
  ')',
  '[',
  ']',
  '$',
  '.',
  '$.',
  'eventName',
  'userIdentity.type',
  '[0]',
  '=',
  '!=',
  '<',
  '<=',
  '>',
  '>=',
  '&&',
  '||',
  '"',
  '"StopLogging"',
  'Root',
  '*',
  'AccessDenied*',
  '1',
  '-2.5e3',
  'IS',
  'NULL',
  'NOT',
  'EXISTS',
  'TRUE',
  'FALSE',
  ' ',
  '\\',
  '\\"',
  'é',
  '%',
  '?',
];
const tokenPattern = fc.array(fc.constantFrom(...TOKENS), { maxLength: 24 }).map((t) => t.join(''));
const pattern = fc.oneof(tokenPattern, fc.string(), fc.string({ unit: 'binary' }));

/** The compiled pattern, or the FilterPatternError it was refused with; any other throw fails the property. */
function compileOrExplain(text: string): ReturnType<typeof compileFilterPattern> | FilterPatternError {
  try {
    return compileFilterPattern(text);
  } catch (error) {
    if (error instanceof FilterPatternError) return error;
    throw error;
  }
}

describe('compileFilterPattern, for any text', () => {
  it('either compiles or throws a FilterPatternError pointing into the pattern', () => {
    fc.assert(
      fc.property(pattern, (text) => {
        const result = compileOrExplain(text);
        if (result instanceof FilterPatternError) {
          expect(result.position).toBeGreaterThanOrEqual(1);
          expect(result.position).toBeLessThanOrEqual(text.length + 1);
        }
      }),
      { numRuns: 2000 },
    );
  });

  it('compiles to a matcher that answers true or false for any event without throwing', () => {
    fc.assert(
      fc.property(tokenPattern, fc.jsonValue({ maxDepth: 3 }), (text, event) => {
        const result = compileOrExplain(`{ ${text} }`);
        if (result instanceof FilterPatternError) return;
        expect(typeof result.matches(event)).toBe('boolean');
      }),
      { numRuns: 2000 },
    );
  });
});
