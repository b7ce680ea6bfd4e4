import { renderSummaryMarkdown } from '../report';
import { code, plural } from '../report/markdown-text';
import type { DigestResult } from './digest';

/** The digest for people: the summary report with the window, the source and the summaries merged. */
export function digestMarkdown(result: DigestResult, maxFindings?: number): string {
  const since = isoSeconds(result.window.since);
  const until = isoSeconds(result.window.until);
  return renderSummaryMarkdown(result.summary, {
    title: 'Log digest',
    maxFindings,
    notes: [
      `Window: **${since}** to **${until}** (UTC)`,
      result.mode === 'raw'
        ? `Source: ${code(result.source)} · ${plural(result.summariesInWindow, 'raw log object')} analyzed`
        : `Source: ${code(result.source)} · ${plural(result.summariesInWindow, 'summary', 'summaries')} merged`,
    ],
    totals: {
      findingsBySeverity: result.findingsBySeverity,
      skipped: result.skipped,
      pipelineFailures: result.pipelineFailures,
    },
  });
}

/**
 * The digest for machines: the merged summary (so a digest can itself be merged again) plus a `digest` block
 * with the window and the exact totals of what the summary keeps only the first few of.
 */
export function digestJson(result: DigestResult): string {
  const digest = {
    mode: result.mode,
    source: result.source,
    since: result.window.since.toISOString(),
    until: result.window.until.toISOString(),
    summariesListed: result.summariesListed,
    summariesInWindow: result.summariesInWindow,
    findingsBySeverity: result.findingsBySeverity,
    skipped: result.skipped,
    pipelineFailures: result.pipelineFailures,
    limits: result.limits,
  };
  return `${JSON.stringify({ ...result.summary, digest }, null, 2)}\n`;
}

function isoSeconds(time: Date): string {
  return time.toISOString().replace('.000Z', 'Z');
}
