import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { compileFilterPattern, FilterPatternError } from '../../src/filter-pattern';

const CIS = JSON.parse(readFileSync(join(__dirname, '../../reference/cis-cloudwatch-metric-filters.json'), 'utf8')) as {
  controls: { control: string; filterPattern: string }[];
};

function matches(pattern: string, event: unknown): boolean {
  return compileFilterPattern(pattern).matches(event);
}

function errorOf(pattern: string): FilterPatternError {
  try {
    compileFilterPattern(pattern);
  } catch (error) {
    if (error instanceof FilterPatternError) return error;
    throw error;
  }
  throw new Error(`pattern was accepted: ${pattern}`);
}

describe('filter pattern strings', () => {
  it('matches nested fields by quoted and unquoted values', () => {
    const event = { eventName: 'CreateTrail', userIdentity: { type: 'Root' } };
    expect(matches('{ $.eventName = "CreateTrail" }', event)).toBe(true);
    expect(matches('{$.eventName=CreateTrail}', event)).toBe(true);
    expect(matches('{ $.userIdentity.type = "IAMUser" }', event)).toBe(false);
  });

  it('treats * as any run of characters, anywhere in the value', () => {
    expect(matches('{ $.errorCode = "*UnauthorizedOperation" }', { errorCode: 'Client.UnauthorizedOperation' })).toBe(
      true,
    );
    expect(matches('{ $.errorCode = "AccessDenied*" }', { errorCode: 'AccessDeniedException' })).toBe(true);
    expect(matches('{ $.errorCode = "AccessDenied*" }', { errorCode: 'NoAccessDenied' })).toBe(false);
    expect(matches('{ $.sourceIPAddress != 123.123.* }', { sourceIPAddress: '10.0.0.1' })).toBe(true);
    expect(matches('{ $.sourceIPAddress != 123.123.* }', { sourceIPAddress: '123.123.4.5' })).toBe(false);
    expect(matches('{ $.a = "x.y" }', { a: 'xzy' })).toBe(false);
  });

  it('never matches a comparison on a missing field, not even !=', () => {
    expect(matches('{ $.additionalEventData.MFAUsed != "Yes" }', {})).toBe(false);
    expect(matches('{ $.additionalEventData.MFAUsed != "Yes" }', { additionalEventData: { MFAUsed: 'No' } })).toBe(
      true,
    );
    expect(matches('{ $.additionalEventData.MFAUsed != "Yes" }', { additionalEventData: null })).toBe(false);
  });

  it('compares strings to number and boolean scalars by their text, but not to objects or null', () => {
    expect(matches('{ $.readOnly = "false" }', { readOnly: false })).toBe(true);
    expect(matches('{ $.a = "*" }', { a: { b: 1 } })).toBe(false);
    expect(matches('{ $.a = "*" }', { a: null })).toBe(false);
    expect(matches('{ $.a = "*" }', { a: '' })).toBe(true);
  });

  it('matches numbers by their text under wildcards, as TestMetricFilter does', () => {
    const event = { someInt: 123, someFloat: 12.34, someString: '111.111.111.111' };
    expect(matches('{ $.someInt = 1* }', event)).toBe(true);
    expect(matches('{ $.someInt = *23 }', event)).toBe(true);
    expect(matches('{ $.someInt != 32* }', event)).toBe(true);
    expect(matches('{ $.someInt = 123.0 }', event)).toBe(true);
    expect(matches('{ $.someFloat = * }', event)).toBe(true);
    expect(matches('{ $.someString = 111.111.111.111 }', event)).toBe(true);
    expect(matches('{ $.someString != 222* }', event)).toBe(true);
  });

  it('reads quoted values with escaped quotes and keywords as plain text', () => {
    expect(matches('{ $.msg = "say \\"hi\\"" }', { msg: 'say "hi"' })).toBe(true);
    expect(matches('{ $.msg = "a && b || (c)" }', { msg: 'a && b || (c)' })).toBe(true);
  });
});

describe('filter pattern numbers, booleans, null and existence', () => {
  it('compares numbers with every numeric operator, including exponents and negatives', () => {
    const event = { latency: 500, delta: -2 };
    expect(matches('{ $.latency = 500 }', event)).toBe(true);
    expect(matches('{ $.latency != 500 }', event)).toBe(false);
    expect(matches('{ $.latency > 499 }', event)).toBe(true);
    expect(matches('{ $.latency >= 5e2 }', event)).toBe(true);
    expect(matches('{ $.latency < 500 }', event)).toBe(false);
    expect(matches('{ $.latency <= 500.0 }', event)).toBe(true);
    expect(matches('{ $.delta < -1 }', event)).toBe(true);
    expect(matches('{ $.latency > 1 }', { latency: '900' })).toBe(false);
  });

  it('distinguishes IS NULL, NOT EXISTS, IS TRUE and IS FALSE', () => {
    const event = { gone: null, yes: true, no: false };
    expect(matches('{ $.gone IS NULL }', event)).toBe(true);
    expect(matches('{ $.missing IS NULL }', event)).toBe(false);
    expect(matches('{ $.missing NOT EXISTS }', event)).toBe(true);
    expect(matches('{ $.gone NOT EXISTS }', event)).toBe(false);
    expect(matches('{ $.yes IS TRUE }', event)).toBe(true);
    expect(matches('{ $.no IS FALSE }', event)).toBe(true);
    expect(matches('{ $.no is true }', event)).toBe(false);
  });

  it('selects array elements by index and only from arrays', () => {
    const event = { items: [{ id: 'a' }, { id: 'b' }], map: { 0: 'zero' } };
    expect(matches('{ $.items[1].id = "b" }', event)).toBe(true);
    expect(matches('{ $.items[2].id = "b" }', event)).toBe(false);
    expect(matches('{ $.map[0] = "zero" }', event)).toBe(false);
  });
});

describe('filter pattern logic', () => {
  it('binds && tighter than || and honours parentheses', () => {
    const event = { a: 1, b: 2, c: 3 };
    expect(matches('{ $.a = 9 || $.b = 2 && $.c = 3 }', event)).toBe(true);
    expect(matches('{ ($.a = 9 || $.b = 2) && $.c = 9 }', event)).toBe(false);
    expect(matches('{ $.a = 1 || $.b = 9 && $.c = 9 }', event)).toBe(true);
    expect(matches('{ (($.a = 1)) && ($.b = 2 || $.c = 9) }', event)).toBe(true);
  });

  it('gives the guards an event must meet to match, for indexing', () => {
    const guards = (pattern: string) =>
      compileFilterPattern(pattern).guards?.map((g) => `${g.steps.join('.')}${g.values ? ` in ${[...g.values]}` : ''}`);
    expect(guards('{ ($.eventName = A) || ($.eventName = "B") }')).toEqual(['eventName in A', 'eventName in B']);
    expect(guards('{ $.eventSource = s && ($.eventName = A || $.eventName = B) }')).toEqual([
      'eventName in A',
      'eventName in B',
    ]);
    expect(guards('{ ($.eventName = A) || ($.source = "x" && $.detail.state = F) }')).toEqual([
      'eventName in A',
      'source in x',
    ]);
    expect(guards('{ $.userIdentity.type = Root && $.eventType != "AwsServiceEvent" }')).toEqual([
      'userIdentity.type in Root',
    ]);
    // Wildcards, != and numbers need the field there, whatever it holds; NOT EXISTS alone guards nothing.
    expect(guards('{ $.errorCode = "AccessDenied*" }')).toEqual(['errorCode']);
    expect(guards('{ $.a[0].b > 3 || $.c != "x" }')).toEqual(['a.0.b', 'c']);
    expect(guards('{ $.eventName = "Create*" || $.x NOT EXISTS }')).toBeUndefined();
  });

  it('matches no event that meets none of its guards', () => {
    const pattern = '{ ($.eventName = A && $.n > 1) || ($.source = "x" && $.d IS NULL) || $.e = "*z" }';
    const compiled = compileFilterPattern(pattern);
    const meets = (event: Record<string, unknown>) =>
      (compiled.guards ?? []).some((g) => {
        const value = event[g.steps[0] as string];
        return value !== undefined && (!g.values || g.values.has(String(value)));
      });
    const events = [
      { eventName: 'A', n: 2 },
      { eventName: 'B', n: 2 },
      { source: 'x', d: null },
      { source: 'y', d: null },
      { e: 'az' },
      { n: 5 },
    ];
    for (const event of events) if (compiled.matches(event)) expect(meets(event)).toBe(true);
    expect(events.filter((event) => compiled.matches(event))).toHaveLength(3);
  });
});

describe('filter pattern errors', () => {
  it.each([
    ['$.a = 1', 1, 'starts with "{"'],
    ['{ $.a = }', 9, 'expected a value'],
    ['{ $.a = "x" ', 13, 'expected "&&", "||" or "}"'],
    ['{ $.a = "x }', 9, 'unterminated string'],
    ['{ $.a > foo }', 9, 'compares numbers'],
    ['{ $ = 1 }', 3, 'needs a field'],
    ['{ ($.a = 1 }', 12, 'expected "&&", "||" or ")"'],
    ['{ $.a IS MAYBE }', 10, 'NULL, TRUE or FALSE'],
    ['{ $.a NOT THERE }', 11, 'EXISTS'],
    ['{ $.a[x] = 1 }', 7, 'array index'],
    ['{ $.a = 1 } extra', 13, 'after "}"'],
    ['{ $.a = 1 & $.b = 2 }', 11, 'unexpected "&"'],
    ['{ eventName = 1 }', 3, 'expected a selector'],
    ['{ $.a.b..c = 1 }', 9, 'field name'],
    ['{ $.a = %ab+c% }', 9, 'regular expressions'],
  ])('rejects %s at position %i', (pattern, position, reason) => {
    const error = errorOf(pattern);
    expect(error.position).toBe(position);
    expect(error.message).toContain(reason);
    expect(error.message).toContain(`at position ${position}`);
  });
});

describe('CIS CloudWatch patterns', () => {
  it.each(CIS.controls.map((c) => [c.control, c.filterPattern]))('%s parses verbatim', (_control, pattern) => {
    expect(() => compileFilterPattern(pattern)).not.toThrow();
  });

  it('CloudWatch.1 matches root use but not root use by a service', () => {
    const pattern = CIS.controls[0].filterPattern;
    expect(matches(pattern, { userIdentity: { type: 'Root' }, eventType: 'AwsApiCall' })).toBe(true);
    expect(
      matches(pattern, { userIdentity: { type: 'Root', invokedBy: 'support.amazonaws.com' }, eventType: 'AwsApiCall' }),
    ).toBe(false);
    expect(matches(pattern, { userIdentity: { type: 'Root' }, eventType: 'AwsServiceEvent' })).toBe(false);
  });
});
