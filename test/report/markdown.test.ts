import * as fs from 'node:fs';
import * as path from 'node:path';
import { eventsPerHourChart, renderSummaryMarkdown } from '../../src/report';
import { neutralize } from '../../src/report/markdown-text';
import { emptySummary, mergeSummaries } from '../../src/summary/merge';
import type { Finding, Summary } from '../../src/summary/types';

const FIXTURES = path.resolve(__dirname, '..', 'fixtures', 'summaries');

function fixture(relative: string): Summary {
  return JSON.parse(fs.readFileSync(path.join(FIXTURES, relative), 'utf8')) as Summary;
}

const cloudtrail = fixture('dt=2026-11-27/hour=13/5e0b6f0c2a41d9e8.json');
const pipeline = fixture('dt=2026-11-27/hour=14/9b1c77d04e3f2a10.json');
const merged = mergeSummaries(cloudtrail, pipeline);

function section(markdown: string, heading: string): string {
  const start = markdown.indexOf(`\n${heading}\n`);
  expect(start).toBeGreaterThanOrEqual(0);
  const next = markdown.indexOf('\n## ', start + heading.length + 2);
  return markdown.slice(start, next === -1 ? undefined : next);
}

describe('renderSummaryMarkdown', () => {
  const markdown = renderSummaryMarkdown(merged, { title: 'Log digest' });

  it('starts with the title and the headline numbers', () => {
    expect(markdown.startsWith('# Log digest\n')).toBe(true);
    expect(markdown).toContain('| **Events** | 150 |');
    expect(markdown).toContain('| **Log objects** | 7 |');
    // The StopLogging finding appears in both summaries and is counted once.
    expect(markdown).toContain('| **Findings** | 4 (1 critical, 1 high, 1 medium, 1 low) |');
    expect(markdown).toContain('| **Events with an error code** | 10 |');
    expect(markdown).toContain('| **Skipped objects** | 1 |');
    expect(markdown).toContain('2026-11-27T13:00:04Z to 2026-11-27T16:30:00Z');
  });

  it('lists findings most severe first with event id, principal and source IP', () => {
    const findings = section(markdown, '## Findings');
    const order = ['### Critical (1)', '### High (1)', '### Medium (1)', '### Low (1)'].map((h) => findings.indexOf(h));
    expect(order.every((i) => i > 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
    expect(findings).toContain(
      '| 2026-11-27T13:42:10Z | CloudTrail configuration changed<br>`cis-cloudwatch-5` | StopLogging | ' +
        '`6f1d0c1e-7b4e-4c47-9a8e-0b1f7c2d3e41` | `arn:aws:iam::111122223333:user/ci-deployer` | `203.0.113.24` | ' +
        '111122223333 / us-east-1 |',
    );
  });

  it('escapes a pipe in a principal so the table keeps its columns', () => {
    const row = section(markdown, '## Findings')
      .split('\n')
      .find((line) => line.includes('readonly'))!;
    expect(row).toContain('`arn:aws:sts::111122223333:assumed-role/readonly\\|audit/session`');
    expect(row.replace(/\\\|/g, '').split('|')).toHaveLength(9);
  });

  it('counts events by service and errors by code, largest first, with shares', () => {
    const services = section(markdown, '## Events by service');
    expect(services).toContain('| s3.amazonaws.com | 100 | 66.7% |');
    expect(services.indexOf('s3.amazonaws.com')).toBeLessThan(services.indexOf('iam.amazonaws.com'));
    const errors = section(markdown, '## Errors by code');
    expect(errors).toContain('| AccessDenied | 8 |');
    expect(errors).toContain('| NoSuchKey | 2 |');
  });

  it('names the top principals', () => {
    const principals = section(markdown, '## Top principals');
    expect(principals.split('\n').filter((l) => l.startsWith('| `'))).toHaveLength(4);
    expect(principals).toContain('| `arn:aws:iam::111122223333:role/etl-loader` | 30 | 20.0% |');
  });

  it('reports pipeline failures and Redshift load errors with sample rows', () => {
    const health = section(markdown, '## Pipeline health');
    expect(health).toContain('### Failures (2)');
    expect(health).toContain('Step failed: ExecutorLostFailure (executor 3 exited)');
    expect(health).toContain('States.TaskFailed in CopyToRedshift');
    expect(health).toContain('### Redshift load errors (12)');
    expect(health).toContain('Sample rows (2 of 12):');
    expect(health).toContain("Invalid digit, Value 'N/A', Pos 0, Type: Decimal");
  });

  it('draws events per hour as a mermaid xychart with empty hours as zero', () => {
    expect(section(markdown, '## Events per hour')).toContain(
      [
        '```mermaid',
        'xychart-beta',
        '    title "Events per hour (UTC)"',
        '    x-axis ["13h", "14h", "15h", "16h"]',
        '    y-axis "Events" 0 --> 120',
        '    bar [120, 20, 0, 10]',
        '```',
      ].join('\n'),
    );
  });

  it('lists skipped objects with their reason', () => {
    expect(section(markdown, '## Skipped objects (1)')).toContain(
      '| `s3://emr-logs/j-2AXXXXXXGAPLF/steps/s-1/stderr.gz` | truncated gzip |',
    );
  });

  it('caps the findings listed and counts the rest per severity, including totals it was given', () => {
    const text = renderSummaryMarkdown(merged, {
      maxFindings: 2,
      totals: { findingsBySeverity: { critical: 1, high: 1, medium: 5, low: 1 } },
    });
    expect(text).toContain('### Medium (5)');
    expect(text).toContain('_5 more medium findings not listed._');
    expect(text).toContain('_1 more low finding not listed._');
    expect(text.match(/^\| 2026-11-27T/gm)).toHaveLength(2);
  });

  it('sums up the rows beyond the first fifteen in one line', () => {
    const bySource = Object.fromEntries(Array.from({ length: 18 }, (_, i) => [`svc${i}.amazonaws.com`, 100 - i]));
    const skipped = Array.from({ length: 22 }, (_, i) => ({ object: `s3://logs/${i}.gz`, reason: 'empty object' }));
    const text = renderSummaryMarkdown({ ...emptySummary(), events: 1000, bySource, skipped });
    expect(text).toContain('_3 more services not listed (252 events)._');
    expect(text).toContain('_2 more skipped objects not listed._');
  });

  it('says so when there is nothing to report', () => {
    const text = renderSummaryMarkdown(emptySummary());
    expect(text).toContain('# Log summary');
    expect(text).toContain('No findings.');
    expect(text).toContain('No EMR, orchestrator or Redshift load failures.');
    expect(text).not.toContain('## Events per hour');
    expect(text).not.toContain('## Skipped objects');
  });

  it('shortens very long values so one log line cannot fill the report', () => {
    const failure = {
      source: 'emr' as const,
      object: 's3://emr/x',
      message: `OutOfMemoryError ${'x'.repeat(5_000_000)}`,
    };
    const text = renderSummaryMarkdown({
      ...emptySummary(),
      pipeline: { failures: [failure], redshiftLoadErrors: { count: 0, samples: [] } },
    });
    expect(text.length).toBeLessThan(5_000);
    expect(text).toContain(`| OutOfMemoryError ${'x'.repeat(282)}… |`);
  });

  it('escapes Markdown and HTML in untrusted text', () => {
    const hostile: Finding = {
      ...cloudtrail.findings[0],
      id: 'x:1',
      title: 'evil <img src=x onerror=alert(1)> **bold** [link](http://x)\nnext',
    };
    const text = renderSummaryMarkdown({ ...emptySummary(), findings: [hostile] });
    expect(text).toContain('evil \\<img src=x onerror=alert(1)\\> \\*\\*bold\\*\\* \\[link\\](http:\u200b//x) next');
  });

  it('keeps log text from mentioning people, referencing issues or planting links', () => {
    const hostile: Finding = {
      ...cloudtrail.findings[0],
      id: 'x:2',
      title:
        'ping @example-org/security and @alice, see #12, https://evil.example/x www.evil.example mail@evil.example',
    };
    const findings = section(renderSummaryMarkdown({ ...emptySummary(), findings: [hostile] }), '## Findings');
    expect(findings).not.toMatch(/@[\w-]/);
    expect(findings).not.toMatch(/#\d/);
    expect(findings).not.toMatch(/https?:\/\/|www\.[a-z]/i);
    expect(findings).toContain('ping @\u200bexample-org/security and @\u200balice, see \\#\u200b12');
    expect(findings).toContain('https:\u200b//evil.example/x www\u200b.evil.example mail@\u200bevil.example');
  });
});

describe('neutralize', () => {
  it.each([
    ['@octocat', '@\u200boctocat'],
    ['javascript:alert(1)', 'javascript\u200b:alert(1)'],
    ['ftp://host/file', 'ftp:\u200b//host/file'],
    ['mailto:a@b.c', 'mailto\u200b:a@\u200bb.c'],
    ['WWW.Example.com', 'WWW\u200b.Example.com'],
    ['plain text 10:30', 'plain text 10:30'],
  ])('turns %j into %j', (input, expected) => {
    expect(neutralize(input)).toBe(expected);
  });
});

describe('eventsPerHourChart', () => {
  it('labels hours with the day when the range spans days', () => {
    const chart = eventsPerHourChart({ '2026-11-27T23': 5, '2026-11-28T01': 7 });
    expect(chart).toContain('x-axis ["11-27 23h", "11-28 00h", "11-28 01h"]');
    expect(chart).toContain('bar [5, 0, 7]');
  });

  it('draws long ranges day by day', () => {
    const chart = eventsPerHourChart({ '2026-11-01T10': 1, '2026-11-01T11': 2, '2026-11-05T00': 4 });
    expect(chart).toContain('title "Events per day (UTC)"');
    expect(chart).toContain('x-axis ["11-01", "11-02", "11-03", "11-04", "11-05"]');
    expect(chart).toContain('bar [3, 0, 0, 0, 4]');
  });

  it('keeps the last 92 days and says how many earlier days are left out', () => {
    const chart = eventsPerHourChart({ '2025-01-01T00': 9, '2026-06-01T00': 1, '2026-06-10T00': 2 });
    expect(chart).toContain('"06-01"');
    expect(chart).not.toContain('"01-01"');
    expect(chart).toContain('_1 earlier day with events not drawn._');
  });
});
