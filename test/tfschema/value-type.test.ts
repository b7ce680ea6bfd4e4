import { checkValueType, formatType } from '../../src/tfschema';
import type { CtyType } from '../../src/tfschema';

const messages = (type: CtyType, value: unknown) =>
  checkValueType(type, value, 'x').map((v) => `${v.path}: ${v.message}`);

describe('checkValueType', () => {
  it('accepts literals Terraform converts to the attribute type', () => {
    expect(messages('string', 'a')).toEqual([]);
    expect(messages('string', 7)).toEqual([]);
    expect(messages('string', true)).toEqual([]);
    expect(messages('number', 7)).toEqual([]);
    expect(messages('number', '7.5')).toEqual([]);
    expect(messages('bool', false)).toEqual([]);
    expect(messages('bool', 'true')).toEqual([]);
    expect(messages('dynamic', { any: ['thing'] })).toEqual([]);
  });

  it('rejects literals of the wrong type', () => {
    expect(messages('number', 'seven')).toEqual(['x: expected number, got string "seven"']);
    expect(messages('number', '')).toEqual(['x: expected number, got string ""']);
    expect(messages('bool', 'yes')).toEqual(['x: expected bool, got string "yes"']);
    expect(messages('bool', 1)).toEqual(['x: expected bool, got number 1']);
    expect(messages('string', ['a'])).toEqual(['x: expected string, got list ["a"]']);
    expect(messages('string', { a: 1 })).toEqual(['x: expected string, got object {"a":1}']);
  });

  it('lets templates and null through: they are unknown or absent, not wrong', () => {
    expect(messages('number', '${aws_s3_bucket.b.id}')).toEqual([]);
    expect(messages(['list', 'string'], '${var.ids}')).toEqual([]);
    expect(messages('bool', '%{if x}true%{endif}')).toEqual([]);
    expect(messages(['map', 'string'], null)).toEqual([]);
  });

  it('checks collections element by element and names the element', () => {
    expect(messages(['list', 'number'], [1, 'two', 3])).toEqual(['x[1]: expected number, got string "two"']);
    expect(messages(['set', 'string'], 'a')).toEqual(['x: expected set(string), got string "a"']);
    expect(messages(['map', 'bool'], { on: true, off: 'nope' })).toEqual(['x.off: expected bool, got string "nope"']);
    expect(messages(['map', 'string'], ['a'])).toEqual(['x: expected map(string), got list ["a"]']);
  });

  it('requires the attributes of an object type, except optional ones, and rejects unknown ones', () => {
    const type: CtyType = ['object', { name: 'string', size: 'number' }, ['size']];
    expect(messages(type, { name: 'a' })).toEqual([]);
    expect(messages(type, { size: 1 })).toEqual(['x.name: missing attribute required by the object type']);
    expect(messages(type, { name: 'a', colour: 'red' })).toEqual(['x.colour: unknown attribute of this object']);
    expect(messages(['list', type], [{ name: 'a', size: 'big' }])).toEqual([
      'x[0].size: expected number, got string "big"',
    ]);
  });

  it('checks tuples by position and length', () => {
    const type: CtyType = ['tuple', ['string', 'number']];
    expect(messages(type, ['a', 1])).toEqual([]);
    expect(messages(type, ['a', 'b'])).toEqual(['x[1]: expected number, got string "b"']);
    expect(messages(type, ['a'])).toEqual(['x: expected tuple([string, number]), got list ["a"]']);
  });

  it('shortens long literals in messages', () => {
    const [violation] = checkValueType('number', 'x'.repeat(100), 'x');
    expect(violation.message.length).toBeLessThan(70);
  });

  it('formats types like Terraform', () => {
    expect(formatType(['list', ['map', 'string']])).toBe('list(map(string))');
    expect(formatType(['object', { a: 'string', b: 'bool' }])).toBe('object({a, b})');
  });
});
