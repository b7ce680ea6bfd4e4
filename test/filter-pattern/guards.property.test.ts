import fc from 'fast-check';
import { compileFilterPattern, scalarText, valueAt } from '../../src/filter-pattern';
import type { Guard } from '../../src/filter-pattern';

/** Few fields and values, so generated events often meet the generated comparisons. */
const SELECTORS = ['$.a', '$.b', '$.n.x', '$.list[0]'];
const VALUES = ['x', 'y', '"x*"', '1', '"*"'];

const comparison = fc.oneof(
  fc
    .tuple(fc.constantFrom(...SELECTORS), fc.constantFrom('=', '!='), fc.constantFrom(...VALUES))
    .map(([s, op, v]) => `${s} ${op} ${v}`),
  fc.tuple(fc.constantFrom(...SELECTORS), fc.constantFrom('>', '<=')).map(([s, op]) => `${s} ${op} 1`),
  fc.tuple(fc.constantFrom(...SELECTORS), fc.constantFrom('NULL', 'TRUE')).map(([s, v]) => `${s} IS ${v}`),
  fc.constantFrom(...SELECTORS).map((s) => `${s} NOT EXISTS`),
);
const expression: fc.Arbitrary<string> = fc.letrec((tie) => ({
  node: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    comparison,
    fc
      .tuple(tie('node') as fc.Arbitrary<string>, fc.constantFrom('&&', '||'), tie('node') as fc.Arbitrary<string>)
      .map(([l, op, r]) => `(${l} ${op} ${r})`),
  ),
})).node;

const scalar = fc.constantFrom<unknown>('x', 'y', 'xz', 1, 2, true, null);
const event = fc.record(
  {
    a: scalar,
    b: scalar,
    n: fc.oneof(fc.record({ x: scalar }, { requiredKeys: [] }), scalar),
    list: fc.oneof(fc.array(scalar, { maxLength: 2 }), scalar),
  },
  { requiredKeys: [] },
);

function meets(guard: Guard, candidate: unknown): boolean {
  const value = valueAt(candidate, guard.steps);
  if (value === undefined) return false;
  if (!guard.values) return true;
  const text = scalarText(value);
  return text !== undefined && guard.values.has(text);
}

describe('guardsOf, for any pattern and event', () => {
  it('lets through every event the pattern matches', () => {
    fc.assert(
      fc.property(expression, event, (text, candidate) => {
        const compiled = compileFilterPattern(`{ ${text} }`);
        if (!compiled.matches(candidate) || compiled.guards === undefined) return;
        expect(compiled.guards.some((guard) => meets(guard, candidate))).toBe(true);
      }),
      { numRuns: 2000 },
    );
  });
});
