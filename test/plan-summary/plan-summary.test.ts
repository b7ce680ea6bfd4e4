import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { planSummary } from '../../src/cli/commands/plan-summary';
import {
  PLAN_COMMENT_MARKER,
  PLAN_SUMMARY_LIMITS,
  StackPlan,
  isUnreadable,
  readPlans,
  renderPlanMarkdown,
  stackName,
  summarizePlan,
} from '../../src/plan-summary';
import { captureIo, runMain } from '../helpers/io';

const PLANS = path.resolve(__dirname, '..', 'fixtures', 'terraform-plan-json');

function plan(name: string): StackPlan {
  const file = path.join(PLANS, name);
  return summarizePlan(file, fs.readFileSync(file, 'utf8'));
}

describe('summarizePlan on real terraform show -json documents', () => {
  it('counts creates and data source reads', () => {
    const basic = plan('basic.plan.json');
    expect(basic.stack).toBe('basic');
    expect(basic.terraformVersion).toBe('0.12.11');
    expect(basic.counts).toEqual({ add: 7, change: 0, replace: 0, destroy: 0, read: 1, move: 0, import: 0 });
  });

  it('recognizes a replacement and keeps the reason Terraform gives', () => {
    expect(plan('action_reason.plan.json').changes).toEqual([
      { address: 'null_resource.example', kind: 'replace', reason: 'replace_because_tainted' },
    ]);
  });

  it('lists destroyed and replaced resources before the others', () => {
    const kinds = plan('config_resource_depends_on.plan.json').changes.map((c) => c.kind);
    expect(kinds).toEqual(['replace']);
    expect(plan('013_module_depends_on.plan.json').changes.map((c) => c.kind)).toEqual(['create', 'create', 'read']);
  });

  it('reports moves and updates, and no changes when all are no-ops', () => {
    expect(plan('moved_block.plan.json').changes).toEqual([
      { address: 'random_id.test2', kind: 'move', previousAddress: 'random_id.test' },
    ]);
    expect(plan('identity.plan.json').counts.change).toBe(1);
    expect(plan('no_changes.plan.json').changes).toEqual([]);
    expect(plan('actions.plan.json').changes).toEqual([]);
  });

  it('refuses the deliberately invalid document with the line of the error', () => {
    const file = path.join(PLANS, 'invalid.plan.json');
    expect(() => summarizePlan(file, fs.readFileSync(file, 'utf8'))).toThrow(
      /^invalid JSON: .*position 15543 \(line 676 column 29\)$/,
    );
  });

  it('refuses a state document and says what was expected', () => {
    expect(() => plan('moved_block.show.json')).toThrow(/not a plan: .*of a state, not of a plan file/);
  });

  it('names stacks after the file or, for plan.json, the folder', () => {
    expect(stackName('plans/dev-log-archive.plan.json')).toBe('dev-log-archive');
    expect(stackName('cdktf.out/stacks/dev-bootstrap/plan.json')).toBe('dev-bootstrap');
    expect(stackName('s3://bucket/plans/prod-log-archive.json')).toBe('prod-log-archive');
  });
});

describe('renderPlanMarkdown', () => {
  it('starts with the sticky-comment marker and a count table, then destroyed or replaced resources', async () => {
    const reports = await readPlans([PLANS]);
    const markdown = renderPlanMarkdown(reports);
    expect(markdown.startsWith(`${PLAN_COMMENT_MARKER}\n## Terraform plan\n`)).toBe(true);
    expect(markdown).toContain('| **action\\_reason** | 0 | 0 | **1** | 0 |  |');
    expect(markdown).toContain('| **basic** | 7 | 0 | 0 | 0 | 1 data source read |');
    const destructive = markdown.indexOf('### Destroyed or replaced (2)');
    expect(destructive).toBeGreaterThan(markdown.indexOf('| **registry\\_module**'));
    expect(destructive).toBeLessThan(markdown.indexOf('### 013\\_module\\_depends\\_on'));
    expect(markdown).toContain(
      '- **action\\_reason**: `-/+ replace` `null_resource.example` (replace\\_because\\_tainted)',
    );
    expect(markdown).toContain('| `→ move` | `random_id.test2` | moved from `random_id.test` |');
  });

  it('reports the invalid file in the table and still reports every other stack', async () => {
    const reports = await readPlans([PLANS]);
    expect(reports.filter(isUnreadable).map((r) => r.stack)).toEqual(['invalid', 'moved_block.show']);
    const markdown = renderPlanMarkdown(reports);
    expect(markdown).toMatch(
      /\| \*\*invalid\*\* (\| {2}){4}\| could not read `[^`]*invalid\.plan\.json`: invalid JSON: /,
    );
    const readable = reports.filter((r) => !isUnreadable(r));
    expect(readable).toHaveLength(20);
    for (const r of readable) expect(markdown).toContain(`### ${r.stack.replace(/_/g, '\\_')}: `);
  });

  it('stays within the comment limit and the job summary limit with a truncation note', () => {
    const base = plan('basic.plan.json');
    // A plan replacing 3,000 resources: far beyond one comment, within one job summary.
    const huge: StackPlan = {
      ...base,
      stack: 'prod-log-archive',
      counts: { ...base.counts, add: 0, replace: 3000 },
      changes: Array.from({ length: 3000 }, (_, i) => ({
        address: `aws_s3_object.chunk["part-${String(i).padStart(5, '0')}.gz"]`,
        kind: 'replace' as const,
        reason: 'replace_because_cannot_update',
      })),
    };
    const comment = renderPlanMarkdown([huge, base], { limit: 'comment' });
    expect(Buffer.byteLength(comment)).toBeLessThanOrEqual(PLAN_SUMMARY_LIMITS.comment);
    expect(comment).toContain('| **prod-log-archive** | 0 | 0 | **3,000** | 0 |');
    expect(comment).toMatch(/> \*\*Truncated:\*\* [\d,]+ lines of this report did not fit GitHub's 65,536-byte limit/);
    const summary = renderPlanMarkdown([huge, base], { limit: 'summary' });
    expect(Buffer.byteLength(summary)).toBeLessThanOrEqual(PLAN_SUMMARY_LIMITS.summary);
    expect(summary).not.toContain('Truncated');
    expect(summary).toContain('part-02999.gz');
    const bigger = renderPlanMarkdown(
      [{ ...huge, changes: [...huge.changes, ...huge.changes, ...huge.changes, ...huge.changes] }],
      {
        limit: 'summary',
      },
    );
    expect(Buffer.byteLength(bigger)).toBeLessThanOrEqual(PLAN_SUMMARY_LIMITS.summary);
    expect(bigger).toContain('Truncated');
  });

  it('closes an open details block when it cuts inside one', () => {
    const base = plan('basic.plan.json');
    const many: StackPlan = {
      ...base,
      changes: Array.from({ length: 3000 }, (_, i) => ({ address: `null_resource.n${i}`, kind: 'create' as const })),
    };
    const text = renderPlanMarkdown([many]);
    expect(text.match(/<details>/g)).toHaveLength(1);
    expect(text.match(/<\/details>/g)).toHaveLength(1);
  });
});

describe('key policy changes', () => {
  /** A minimal `terraform show -json` plan of these resource changes. */
  const planOf = (...changes: object[]) =>
    JSON.stringify({ format_version: '1.2', terraform_version: '1.10.5', resource_changes: changes });
  const key = (name: string, actions: string[], before: object | null, after: object | null, unknown = {}) => ({
    address: `aws_kms_key.${name}`,
    type: 'aws_kms_key',
    change: { actions, before, after, after_unknown: unknown },
  });
  const policy = (sid: string) => JSON.stringify({ Version: '2012-10-17', Statement: [{ Sid: sid }] });
  const stack = summarizePlan(
    'plans/dev-intelligence.plan.json',
    planOf(
      key('changed', ['update'], { policy: policy('A'), tags: {} }, { policy: policy('B'), tags: {} }),
      key('unknown', ['update'], { policy: policy('A') }, { description: 'x' }, { policy: true }),
      key('tags-only', ['update'], { policy: policy('A'), tags: {} }, { policy: policy('A'), tags: { a: 'b' } }),
      key('new', ['create'], null, { policy: policy('A') }),
      {
        address: 'aws_sns_topic.alerts',
        type: 'aws_sns_topic',
        change: { actions: ['update'], before: {}, after: {} },
      },
    ),
  );

  it('marks an aws_kms_key update whose policy changes, or is unknown, as needing the break-glass role', () => {
    expect(stack.changes.filter((c) => c.needsBreakGlass).map((c) => c.address)).toEqual([
      'aws_kms_key.changed',
      'aws_kms_key.unknown',
    ]);
    // The apply role creates keys (and changes their tags); it only may not change a policy.
    expect(stack.changes.find((c) => c.address === 'aws_kms_key.new')).toEqual({
      address: 'aws_kms_key.new',
      kind: 'create',
    });
  });

  it('says so in the table, lists them in their own section before the stacks, and in the stack', () => {
    const markdown = renderPlanMarkdown([stack]);
    expect(markdown).toContain(
      '| **dev-intelligence** | 1 | 4 | 0 | 0 | **2 key policy changes: apply with break-glass** |',
    );
    const section = markdown.indexOf('### Needs the break-glass role (2)');
    expect(section).toBeGreaterThan(0);
    expect(section).toBeLessThan(markdown.indexOf('### dev-intelligence: '));
    expect(markdown).toContain('- **dev-intelligence**: `aws_kms_key.changed` (the key policy changes)');
    expect(markdown).toContain(
      '| `~ update` | `aws_kms_key.changed` | the key policy changes: needs the break-glass role |',
    );
    expect(renderPlanMarkdown([plan('basic.plan.json')])).not.toContain('break-glass');
  });
});

describe('logfed plan-summary', () => {
  it('writes the report for all stacks, names the invalid file on stderr and exits 1', async () => {
    const { io, out, err } = captureIo();
    const code = await planSummary([PLANS], { limit: 'comment' }, io);
    expect(code).toBe(1);
    expect(out()).toContain('### Destroyed or replaced (2)');
    expect(err()).toContain(`logfed plan-summary: ${path.join(PLANS, 'invalid.plan.json')}: invalid JSON`);
  });

  it('exits 0 and writes --out when every plan reads', async () => {
    const { io, out } = captureIo();
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'logfed-plan-'));
    const target = path.join(dir, 'comment.md');
    const files = ['action_reason.plan.json', 'basic.plan.json'].map((f) => path.join(PLANS, f));
    const code = await planSummary(files, { limit: 'summary', out: target, title: 'Drift check' }, io);
    expect(code).toBe(0);
    expect(out()).toBe('');
    const written = fs.readFileSync(target, 'utf8');
    expect(written).toContain('## Drift check');
    expect(written.indexOf('action\\_reason')).toBeLessThan(written.indexOf('**basic**'));
  });

  it('reports a missing location as unreadable', async () => {
    const { io, out } = captureIo();
    const code = await planSummary(['/nonexistent/dev-app.plan.json'], { limit: 'comment' }, io);
    expect(code).toBe(1);
    expect(out()).toContain('could not read `/nonexistent/dev-app.plan.json`');
  });

  it('rejects an unknown --limit with exit 2, naming the choices', async () => {
    const { code, err } = await runMain(['plan-summary', PLANS, '--limit', 'tweet']);
    expect(code).toBe(2);
    expect(err).toBe(
      "logfed plan-summary: option '--limit <limit>' argument 'tweet' is invalid. Allowed choices are comment, summary.\n",
    );
  });
});
