import * as fs from 'node:fs';
import { REFERENCE_FILE, TYPES_FILE, renderConfigReference } from '../../stacks/config/reference';

describe('configuration reference', () => {
  it('docs/configuration.md matches the doc comments of stacks/config/types.ts (run npm run docs:config)', () => {
    expect(fs.readFileSync(REFERENCE_FILE, 'utf8')).toBe(renderConfigReference(fs.readFileSync(TYPES_FILE, 'utf8')));
  });

  it('tells who may choose Data Pipeline and what it gives up, where the orchestrator is chosen', () => {
    const row = fs
      .readFileSync(REFERENCE_FILE, 'utf8')
      .split('\n')
      .find((line) => line.startsWith('| `orchestrator` '))!;
    expect(row).toContain('only for accounts that already use AWS Data Pipeline');
    expect(row).toContain('run without the EMR security configuration');
    expect(row).toContain('the Redshift password parameter must be set at activation');
  });

  it('lists every field with its type, whether it is required, its meaning and its default', () => {
    const source = `/** One thing. */\nexport interface Thing {\n  /** How many. */\n  readonly count: number;\n  /** A label. @default none */\n  readonly label?: string;\n}\n`;
    const reference = renderConfigReference(source);
    expect(reference).toContain('### `Thing`\n\nOne thing.');
    expect(reference).toMatch(/\| `count` +\| `number` +\| yes +\| How many\. +\|/);
    expect(reference).toMatch(/\| `label` +\| `string` +\| no +\| A label\. Default: none\. +\|/);
  });
});
