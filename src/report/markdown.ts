import type { Counts, Finding, PipelineFailure, Severity, Summary } from '../summary/types';
import { SEVERITIES } from '../summary/types';
import { compareFindings } from '../summary/merge';
import { eventsPerHourChart } from './hourly-chart';
import { cell, code, count, plural, table } from './markdown-text';

export interface SummaryMarkdownOptions {
  /** First heading. @default 'Log summary' */
  readonly title?: string;
  /** Findings listed in full, most severe first; the rest are counted per severity. @default 25 */
  readonly maxFindings?: number;
  /** Lines shown under the title, e.g. the window and the source of a digest. Already Markdown. */
  readonly notes?: readonly string[];
  /**
   * True totals when the summary carries only some findings, skipped objects or pipeline failures
   * (the digest keeps the first few of each to stay bounded in memory).
   */
  readonly totals?: SummaryTotals;
}

export interface SummaryTotals {
  readonly findingsBySeverity?: Partial<Record<Severity, number>>;
  readonly skipped?: number;
  readonly pipelineFailures?: number;
}

/** Rows shown in the count tables (services, errors, principals) before the rest is summed up in one line. */
const TOP_ROWS = 15;
/** Skipped objects and pipeline failures listed by name. */
const MAX_LISTED = 20;

const SEVERITY_NAMES: Record<Severity, string> = {
  critical: 'Critical',
  high: 'High',
  medium: 'Medium',
  low: 'Low',
  info: 'Info',
};

/**
 * Renders a summary (one analysis or a merged digest) as Markdown for people: headline numbers, findings by
 * severity, events by service, errors by code, top principals, pipeline health, events per hour and skipped
 * objects. Deterministic: the same summary gives the same text.
 */
export function renderSummaryMarkdown(summary: Summary, options: SummaryMarkdownOptions = {}): string {
  const findingTotals = totalsBySeverity(summary.findings, options.totals?.findingsBySeverity);
  const sections = [
    `# ${options.title ?? 'Log summary'}`,
    ...(options.notes?.length ? [options.notes.join('  \n')] : []),
    headline(summary, findingTotals, options.totals),
    findingsSection(summary.findings, findingTotals, options.maxFindings ?? 25),
    countsSection('Events by service', 'Service', summary.bySource, summary.events),
    countsSection('Errors by code', 'Error code', summary.errors),
    countsSection('Top principals', 'Principal', summary.byPrincipal ?? {}, summary.events, true),
    pipelineSection(summary, options.totals?.pipelineFailures),
    hourlySection(summary.byHour ?? {}),
    skippedSection(summary, options.totals?.skipped),
  ];
  return `${sections.filter((s) => s !== '').join('\n\n')}\n`;
}

function totalsBySeverity(
  findings: readonly Finding[],
  given: Partial<Record<Severity, number>> | undefined,
): Record<Severity, number> {
  const totals = Object.fromEntries(SEVERITIES.map((s) => [s, 0])) as Record<Severity, number>;
  for (const f of findings) totals[f.severity] += 1;
  for (const s of SEVERITIES) totals[s] = Math.max(totals[s], given?.[s] ?? 0);
  return totals;
}

function headline(summary: Summary, findings: Record<Severity, number>, totals: SummaryTotals | undefined): string {
  const findingCount = SEVERITIES.reduce((n, s) => n + findings[s], 0);
  const bySeverity = [...SEVERITIES]
    .reverse()
    .filter((s) => findings[s] > 0)
    .map((s) => `${count(findings[s])} ${s}`);
  const errorCount = Object.values(summary.errors).reduce((n, v) => n + v, 0);
  const skipped = Math.max(summary.skipped.length, totals?.skipped ?? 0);
  const rows = [
    ['Events', count(summary.events)],
    ['Log objects', count(summary.objects)],
    ['Findings', findingCount === 0 ? '0' : `${count(findingCount)} (${bySeverity.join(', ')})`],
    ['Events with an error code', count(errorCount)],
    ['Skipped objects', count(skipped)],
  ];
  if (summary.firstEventTime || summary.lastEventTime) {
    rows.push(['Event time range (UTC)', `${cell(summary.firstEventTime)} to ${cell(summary.lastEventTime)}`]);
  }
  return table(
    ['', ''],
    rows.map(([name, value]) => [`**${name}**`, value]),
    ['l', 'r'],
  );
}

function findingsSection(findings: readonly Finding[], totals: Record<Severity, number>, maxFindings: number): string {
  const parts = ['## Findings'];
  if (SEVERITIES.every((s) => totals[s] === 0)) return [...parts, 'No findings.'].join('\n\n');
  let budget = maxFindings;
  for (const severity of [...SEVERITIES].reverse()) {
    if (totals[severity] === 0) continue;
    const shown = findings
      .filter((f) => f.severity === severity)
      .sort(compareFindings)
      .slice(0, Math.max(budget, 0));
    budget -= shown.length;
    parts.push(`### ${SEVERITY_NAMES[severity]} (${count(totals[severity])})`);
    if (shown.length > 0) parts.push(findingsTable(shown));
    const rest = totals[severity] - shown.length;
    if (rest > 0) parts.push(`_${plural(rest, `more ${severity} finding`)} not listed._`);
  }
  return parts.join('\n\n');
}

function findingsTable(findings: readonly Finding[]): string {
  return table(
    ['Time (UTC)', 'Finding', 'Event', 'Event id', 'Principal', 'Source IP', 'Account / region'],
    findings.map((f) => [
      cell(f.eventTime),
      `${cell(f.title)}<br>${code(f.ruleId)}`,
      cell(f.eventName),
      code(f.eventID),
      code(f.principal),
      code(f.sourceIPAddress),
      [f.recipientAccountId, f.awsRegion]
        .filter(Boolean)
        .map((v) => cell(v))
        .join(' / ') || '–',
    ]),
  );
}

function countsSection(title: string, label: string, counts: Counts, total?: number, codeKeys = false): string {
  const entries = Object.entries(counts).sort(([ak, av], [bk, bv]) => bv - av || (ak < bk ? -1 : ak > bk ? 1 : 0));
  if (entries.length === 0) return '';
  const header = total ? [label, 'Events', 'Share'] : [label, 'Events'];
  const rows = entries.slice(0, TOP_ROWS).map(([key, value]) => {
    const row = [codeKeys ? code(key) : cell(key), count(value)];
    if (total) row.push(`${((100 * value) / total).toFixed(1)}%`);
    return row;
  });
  const rest = entries.slice(TOP_ROWS);
  const parts = [`## ${title}`, table(header, rows, ['l', 'r', 'r'])];
  if (rest.length > 0) {
    const restEvents = rest.reduce((n, [, v]) => n + v, 0);
    parts.push(`_${plural(rest.length, `more ${label.toLowerCase()}`)} not listed (${plural(restEvents, 'event')})._`);
  }
  return parts.join('\n\n');
}

function pipelineSection(summary: Summary, totalFailures: number | undefined): string {
  const failures = summary.pipeline?.failures ?? [];
  const loadErrors = summary.pipeline?.redshiftLoadErrors ?? { count: 0, samples: [] };
  const failureCount = Math.max(failures.length, totalFailures ?? 0);
  const parts = ['## Pipeline health'];
  if (failureCount === 0 && loadErrors.count === 0) {
    return [...parts, 'No EMR, orchestrator or Redshift load failures.'].join('\n\n');
  }
  if (failureCount > 0) {
    parts.push(`### Failures (${count(failureCount)})`, failuresTable(failures.slice(0, MAX_LISTED)));
    if (failureCount > MAX_LISTED) parts.push(`_${plural(failureCount - MAX_LISTED, 'more failure')} not listed._`);
  }
  if (loadErrors.count > 0) {
    parts.push(`### Redshift load errors (${count(loadErrors.count)})`);
    const columns = [...new Set(loadErrors.samples.flatMap((row) => Object.keys(row)))];
    if (columns.length > 0) {
      parts.push(
        `Sample rows (${loadErrors.samples.length} of ${count(loadErrors.count)}):`,
        table(
          columns.map((c) => cell(c)),
          loadErrors.samples.map((row) => columns.map((c) => cell(row[c]))),
        ),
      );
    }
  }
  return parts.join('\n\n');
}

function failuresTable(failures: readonly PipelineFailure[]): string {
  return table(
    ['Source', 'Time (UTC)', 'Id', 'Message', 'Log object'],
    failures.map((f) => [cell(f.source), cell(f.time), code(f.id), cell(f.message), code(f.object)]),
  );
}

function hourlySection(byHour: Counts): string {
  const chart = eventsPerHourChart(byHour);
  return chart ? ['## Events per hour', chart].join('\n\n') : '';
}

function skippedSection(summary: Summary, total: number | undefined): string {
  const skippedCount = Math.max(summary.skipped.length, total ?? 0);
  if (skippedCount === 0) return '';
  const shown = summary.skipped.slice(0, MAX_LISTED);
  const parts = [
    `## Skipped objects (${count(skippedCount)})`,
    'Objects that could not be analyzed, with the reason; nothing else was dropped.',
    table(
      ['Object', 'Reason'],
      shown.map((s) => [code(s.object), cell(s.reason)]),
    ),
  ];
  if (skippedCount > shown.length)
    parts.push(`_${plural(skippedCount - shown.length, 'more skipped object')} not listed._`);
  return parts.join('\n\n');
}
