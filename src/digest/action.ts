import * as core from '@actions/core';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { compareFindings } from '../summary/merge';
import { digestSummaries } from './digest';
import { digestJson, digestMarkdown } from './render';
import { resolveWindow } from './window';

/** GitHub shows at most 10 error and 10 warning annotations per step; more would be dropped silently. */
const MAX_ANNOTATIONS = 10;

/**
 * The `log-digest` action: digests the window's summaries, writes the Markdown report to the job summary and
 * both reports to files, sets outputs, and raises an error annotation per high or critical finding.
 * Inputs and outputs are documented in `.github/actions/log-digest/action.yml`.
 */
export async function runLogDigestAction(now = new Date()): Promise<void> {
  try {
    const window = resolveWindow(
      {
        since: core.getInput('since') || undefined,
        until: core.getInput('until') || undefined,
        hours: core.getInput('hours') || undefined,
      },
      now,
    );
    const source = core.getInput('source', { required: true });
    core.info(`Digest of ${source} from ${window.since.toISOString()} to ${window.until.toISOString()}`);
    const result = await digestSummaries({
      source,
      window,
      onProgress: (p) =>
        core.info(
          p.complete
            ? `read ${p.read} of ${p.listed} summaries, ${p.inWindow} in the window`
            : `read ${p.read} summaries (${p.listed} listed), ${p.inWindow} in the window`,
        ),
    });
    const outputDir = core.getInput('output-dir') || path.join(process.env.RUNNER_TEMP ?? os.tmpdir(), 'log-digest');
    fs.mkdirSync(outputDir, { recursive: true });
    const markdown = digestMarkdown(result);
    const markdownFile = path.join(outputDir, 'digest.md');
    const jsonFile = path.join(outputDir, 'digest.json');
    fs.writeFileSync(markdownFile, markdown);
    fs.writeFileSync(jsonFile, digestJson(result));
    await core.summary.addRaw(markdown).write();

    const bySeverity = result.findingsBySeverity;
    const findings = Object.values(bySeverity).reduce((n, v) => n + v, 0);
    core.setOutput('events', result.summary.events);
    core.setOutput('findings', findings);
    core.setOutput('high-findings', bySeverity.high + bySeverity.critical);
    core.setOutput('critical-findings', bySeverity.critical);
    core.setOutput('skipped', result.skipped);
    core.setOutput('markdown-file', markdownFile);
    core.setOutput('json-file', jsonFile);

    const serious = result.summary.findings
      .filter((f) => f.severity === 'critical' || f.severity === 'high')
      .sort(compareFindings);
    for (const f of serious.slice(0, MAX_ANNOTATIONS)) {
      const from = f.sourceIPAddress ? ` from ${f.sourceIPAddress}` : '';
      core.error(`${f.eventName} by ${f.principal}${from} at ${f.eventTime} (event ${f.eventID})`, {
        title: `${f.severity} finding: ${f.title}`,
      });
    }
    const failures = result.pipelineFailures;
    if (failures > 0)
      core.warning(`${failures} pipeline failures in the window; see the job summary`, { title: 'Pipeline health' });
    if (result.skipped > 0) {
      core.warning(`${result.skipped} objects could not be analyzed; the job summary lists them with the reason`, {
        title: 'Skipped objects',
      });
    }
  } catch (error) {
    core.setFailed(error instanceof Error ? error.message : String(error));
  }
}
