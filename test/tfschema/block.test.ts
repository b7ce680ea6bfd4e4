import { validateBlock } from '../../src/tfschema';
import type { SchemaBlock } from '../../src/tfschema';

/** A small hand-written schema with one of each nesting mode and attribute flavour. */
const schema: SchemaBlock = {
  attributes: {
    name: { type: 'string', required: true },
    size: { type: 'number', optional: true },
    arn: { type: 'string', computed: true },
    id: { type: 'string', optional: true, computed: true },
  },
  block_types: {
    settings: { nesting_mode: 'single', block: { attributes: { mode: { type: 'string', required: true } } } },
    rule: {
      nesting_mode: 'list',
      min_items: 1,
      max_items: 2,
      block: { attributes: { days: { type: 'number', optional: true } } },
    },
    grant: { nesting_mode: 'set', block: { attributes: { who: { type: 'string', required: true } } } },
    target: { nesting_mode: 'map', block: { attributes: { weight: { type: 'number', required: true } } } },
  },
};

const META = new Set(['//', 'count', 'lifecycle']);
const messages = (body: unknown) => validateBlock(schema, body, 'st/t.n', META).map((v) => `${v.path}: ${v.message}`);

describe('validateBlock', () => {
  it('accepts a complete block in every JSON form Terraform accepts', () => {
    expect(
      messages({
        '//': { metadata: { path: 'st/n' } },
        count: 2,
        lifecycle: { prevent_destroy: true },
        name: 'n',
        id: 'set-by-user',
        settings: { mode: 'on' },
        rule: { days: 3 },
        grant: [{ who: 'a' }, { who: 'b' }],
        target: { blue: { weight: 1 }, green: { weight: 2 } },
      }),
    ).toEqual([]);
    expect(messages({ name: 'n', settings: [{ mode: 'on' }], rule: [{ days: 1 }, { days: 2 }] })).toEqual([]);
  });

  it('reports unknown attributes and blocks, including in nested blocks', () => {
    expect(messages({ name: 'n', rule: {}, colour: 'red' })).toEqual(['st/t.n.colour: unknown attribute or block']);
    expect(messages({ name: 'n', rule: [{ dayz: 1 }] })).toEqual(['st/t.n.rule[0].dayz: unknown attribute or block']);
  });

  it('reports missing required attributes and blocks', () => {
    expect(messages({ rule: {} })).toEqual(['st/t.n.name: missing required attribute']);
    expect(messages({ name: null, rule: {} })).toEqual(['st/t.n.name: missing required attribute']);
    expect(messages({ name: 'n' })).toEqual(['st/t.n.rule: missing required block (at least 1)']);
    expect(messages({ name: 'n', rule: {}, settings: {} })).toEqual([
      'st/t.n.settings.mode: missing required attribute',
    ]);
  });

  it('reports computed-only attributes that are set', () => {
    expect(messages({ name: 'n', rule: {}, arn: 'arn:aws:s3:::b' })).toEqual([
      'st/t.n.arn: is computed by the provider and cannot be set',
    ]);
  });

  it('reports item counts outside min_items and max_items', () => {
    expect(messages({ name: 'n', rule: [] })).toEqual(['st/t.n.rule: expected at least 1 blocks, got 0']);
    expect(messages({ name: 'n', rule: [{}, {}, {}] })).toEqual([
      'st/t.n.rule: wrong nesting: expected at most 2 blocks, got 3',
    ]);
  });

  it('reports the wrong nesting mode', () => {
    expect(messages({ name: 'n', rule: {}, settings: [{ mode: 'a' }, { mode: 'b' }] })).toEqual([
      'st/t.n.settings: wrong nesting: expected a single block, got 2',
    ]);
    expect(messages({ name: 'n', rule: 'daily' })).toEqual([
      'st/t.n.rule: wrong nesting: expected a block or a list of blocks, got string "daily"',
    ]);
    expect(messages({ name: 'n', rule: {}, target: [{ weight: 1 }] })).toEqual([
      'st/t.n.target: wrong nesting: expected blocks keyed by label (JSON object), got list [{"weight":1}]',
    ]);
    expect(messages({ name: 'n', rule: {}, grant: ['a'] })).toEqual([
      'st/t.n.grant[0]: expected a block (JSON object), got string "a"',
    ]);
  });

  it('reports literal values of the wrong type with the attribute path', () => {
    expect(
      messages({ name: 'n', size: 'large', rule: [{ days: 'weekly' }], target: { blue: { weight: true } } }),
    ).toEqual([
      'st/t.n.size: expected number, got string "large"',
      'st/t.n.rule[0].days: expected number, got string "weekly"',
      'st/t.n.target.blue.weight: expected number, got bool true',
    ]);
  });

  it('checks the content of dynamic blocks and lets them stand for required blocks', () => {
    expect(
      messages({ name: 'n', dynamic: { rule: { for_each: '${var.rules}', content: { days: '${rule.value}' } } } }),
    ).toEqual([]);
    expect(messages({ name: 'n', dynamic: { rule: { for_each: '${var.rules}', content: { dayz: 1 } } } })).toEqual([
      'st/t.n.dynamic.rule.content.dayz: unknown attribute or block',
    ]);
    expect(messages({ name: 'n', rule: {}, dynamic: { nope: { content: {} } } })).toEqual([
      'st/t.n.dynamic.nope: unknown block',
    ]);
  });

  it('treats meta-arguments as unknown where the caller does not allow them', () => {
    expect(validateBlock(schema, { name: 'n', rule: {}, count: 1 }, 'p').map((v) => v.message)).toEqual([
      'unknown attribute or block',
    ]);
  });
});
