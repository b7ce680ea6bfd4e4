import { cell, code, count, plural, table } from '../report/markdown-text';
import type { ChangeKind, PlanReport, StackPlan } from './plan';
import { isUnreadable } from './plan';

/** GitHub's limits: a comment holds 65,536 characters, a job summary 1 MiB (measured here in UTF-8 bytes). */
export const PLAN_SUMMARY_LIMITS = { comment: 65_536, summary: 1_048_576 } as const;
export type PlanSummaryLimit = keyof typeof PLAN_SUMMARY_LIMITS;

/** The first line of every plan comment: the workflow finds its own comment by it and updates it in place. */
export const PLAN_COMMENT_MARKER = '<!-- logfed:plan-summary -->';

export interface PlanMarkdownOptions {
  /** @default 'Terraform plan' */
  readonly title?: string;
  /** @default 'comment' */
  readonly limit?: PlanSummaryLimit;
  /** Where the full report is, named in the truncation note. @default the job summary (for comments) and plan artifacts */
  readonly fullReport?: string;
}

const SYMBOL: Record<ChangeKind, string> = {
  create: '+ create',
  update: '~ update',
  replace: '-/+ replace',
  delete: '- destroy',
  read: '<= read',
  move: '→ move',
  import: '← import',
  'no-op': '',
};

/** Room kept for the truncation note and closing tags. */
const NOTE_RESERVE = 600;

/**
 * One Markdown report for all stacks: a table of counts, then every destroyed or replaced resource across
 * stacks, then each stack's changes. Cut at a line boundary, with a note, to stay within GitHub's limit.
 */
export function renderPlanMarkdown(reports: readonly PlanReport[], options: PlanMarkdownOptions = {}): string {
  const limit = PLAN_SUMMARY_LIMITS[options.limit ?? 'comment'];
  const lines = [
    PLAN_COMMENT_MARKER,
    `## ${options.title ?? 'Terraform plan'}`,
    '',
    ...overviewTable(reports).split('\n'),
    ...destructiveSection(reports),
    ...breakGlassSection(reports),
    ...reports.flatMap((r) => (isUnreadable(r) ? [] : stackSection(r))),
  ];
  const fullReport =
    options.fullReport ??
    (options.limit === 'summary'
      ? "the workflow run's plan artifacts"
      : "the workflow run's job summary and plan artifacts");
  return fitWithin(lines, limit, fullReport);
}

function overviewTable(reports: readonly PlanReport[]): string {
  return table(
    ['Stack', 'Add', 'Change', 'Replace', 'Destroy', 'Notes'],
    reports.map((r) => {
      if (isUnreadable(r))
        return [`**${cell(r.stack)}**`, '', '', '', '', `could not read ${code(r.file)}: ${cell(r.error)}`];
      const { add, change, replace, destroy } = r.counts;
      return [
        `**${cell(r.stack)}**`,
        count(add),
        count(change),
        replace > 0 ? `**${count(replace)}**` : '0',
        destroy > 0 ? `**${count(destroy)}**` : '0',
        notes(r),
      ];
    }),
    ['l', 'r', 'r', 'r', 'r', 'l'],
  );
}

function notes(plan: StackPlan): string {
  const parts: string[] = [];
  if (plan.errored) parts.push('**plan errored: incomplete**');
  if (plan.changes.length === 0) parts.push('no changes');
  if (plan.counts.move > 0) parts.push(`${plural(plan.counts.move, 'move')}`);
  if (plan.counts.import > 0) parts.push(`${plural(plan.counts.import, 'import')}`);
  if (plan.counts.read > 0) parts.push(`${plural(plan.counts.read, 'data source')} read`);
  if (plan.drifted.length > 0) parts.push(`${plural(plan.drifted.length, 'resource')} changed outside Terraform`);
  const breakGlass = plan.changes.filter((c) => c.needsBreakGlass).length;
  if (breakGlass > 0) parts.push(`**${plural(breakGlass, 'key policy change')}: apply with break-glass**`);
  return parts.join(', ');
}

/** Changes the apply role cannot make (a key policy): an admin applies the stack with the break-glass role. */
function breakGlassSection(reports: readonly PlanReport[]): string[] {
  const rows = reports.flatMap((r) =>
    isUnreadable(r)
      ? []
      : r.changes
          .filter((c) => c.needsBreakGlass)
          .map((c) => `- **${cell(r.stack)}**: ${code(c.address)} (${cell(c.needsBreakGlass ?? '')})`),
  );
  if (rows.length === 0) return [];
  return [
    '',
    `### Needs the break-glass role (${count(rows.length)})`,
    '',
    'Only the break-glass role may change a key policy: apply these stacks with it, then re-run the apply ' +
      '(README, _A change to a key policy_).',
    '',
    ...rows,
  ];
}

function destructiveSection(reports: readonly PlanReport[]): string[] {
  const rows = reports.flatMap((r) =>
    isUnreadable(r)
      ? []
      : r.changes
          .filter((c) => c.kind === 'delete' || c.kind === 'replace')
          .map(
            (c) =>
              `- **${cell(r.stack)}**: \`${SYMBOL[c.kind]}\` ${code(c.address)}${c.reason ? ` (${cell(c.reason)})` : ''}`,
          ),
  );
  if (rows.length === 0) return [];
  return ['', `### Destroyed or replaced (${count(rows.length)})`, '', ...rows];
}

function stackSection(plan: StackPlan): string[] {
  const { add, change, replace, destroy } = plan.counts;
  const heading = `### ${cell(plan.stack)}: ${add} to add, ${change} to change, ${replace} to replace, ${destroy} to destroy`;
  const lines = ['', heading, ''];
  if (plan.terraformVersion) lines.push(`Terraform ${cell(plan.terraformVersion)} · ${code(plan.file)}`, '');
  if (plan.changes.length === 0) return [...lines, 'No changes.'];
  lines.push(
    `<details><summary>${plural(plan.changes.length, 'change')}</summary>`,
    '',
    '| Action | Resource | Why |',
    '| --- | --- | --- |',
  );
  for (const c of plan.changes) {
    const why = c.previousAddress
      ? `moved from ${code(c.previousAddress)}`
      : c.needsBreakGlass
        ? `${cell(c.needsBreakGlass)}: needs the break-glass role`
        : cell(c.reason);
    lines.push(`| \`${SYMBOL[c.kind]}\` | ${code(c.address)} | ${why} |`);
  }
  lines.push('', '</details>');
  if (plan.drifted.length > 0) {
    lines.push('', 'Changed outside Terraform since the last apply:', '', ...plan.drifted.map((a) => `- ${code(a)}`));
  }
  return lines;
}

/** Joins lines, cutting at a line boundary when the text would pass `limit` bytes, and says what was left out. */
function fitWithin(lines: readonly string[], limit: number, fullReport: string): string {
  const full = `${lines.join('\n')}\n`;
  if (Buffer.byteLength(full) <= limit) return full;
  const kept: string[] = [];
  let size = 0;
  for (const line of lines) {
    const next = Buffer.byteLength(line) + 1;
    if (size + next > limit - NOTE_RESERVE) break;
    kept.push(line);
    size += next;
  }
  const omitted = lines.length - kept.length;
  const open = kept.filter((l) => l.startsWith('<details>')).length - kept.filter((l) => l === '</details>').length;
  return [
    ...kept,
    ...(open > 0 ? ['', '</details>'] : []),
    '',
    `> **Truncated:** ${plural(omitted, 'line')} of this report did not fit GitHub's ` +
      `${count(limit)}-byte limit. Destroyed and replaced resources are listed first; see ${fullReport} for the rest.`,
    '',
  ].join('\n');
}
