import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { venvTool } from '../helpers/tools';

/** The project's checkov settings: framework, offline mode and the skipped checks with their reasons. */
export const CHECKOV_CONFIG = path.resolve(__dirname, '..', '..', '.checkov.yaml');

export interface CheckovFailure {
  readonly checkId: string;
  readonly checkName: string;
  /** `<type>.<name>` as checkov names it, with the stack folder it was found in. */
  readonly resource: string;
  readonly file: string;
}

export interface CheckovReport {
  readonly passed: number;
  readonly failed: readonly CheckovFailure[];
  readonly skipped: number;
  /** Files checkov could not read: a scan that silently ignores a stack proves nothing. */
  readonly parsingErrors: readonly string[];
}

interface CheckovFailedCheck {
  readonly check_id: string;
  readonly check_name: string;
  readonly resource: string;
  readonly file_path: string;
  readonly file_abs_path: string;
  readonly file_line_range: readonly [number, number];
}

interface CheckovJson {
  readonly results: {
    readonly failed_checks?: readonly CheckovFailedCheck[];
    readonly parsing_errors?: readonly string[];
  };
  readonly summary: { readonly passed: number; readonly skipped: number };
}

/** Runs the pinned checkov over a cdktf output directory with the project configuration. */
export function runCheckov(outdir: string): CheckovReport {
  // Not --quiet: the full report is the one that lists parsing errors; --compact drops the code blocks.
  const run = spawnSync(
    venvTool('checkov'),
    ['--directory', outdir, '--config-file', CHECKOV_CONFIG, '--output', 'json', '--compact'],
    { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 },
  );
  // Exit 1 means "checks failed" and still prints the report; anything else is checkov itself failing.
  if (run.status !== 0 && run.status !== 1) {
    throw new Error(`checkov exited with ${run.status ?? run.signal}: ${run.stderr || run.stdout}`);
  }
  const parsed = JSON.parse(run.stdout) as CheckovJson | CheckovJson[];
  const reports = Array.isArray(parsed) ? parsed : [parsed];
  return {
    passed: reports.reduce((sum, r) => sum + r.summary.passed, 0),
    skipped: reports.reduce((sum, r) => sum + r.summary.skipped, 0),
    failed: reports.flatMap((r) =>
      (r.results.failed_checks ?? []).map((f) => ({
        checkId: f.check_id,
        checkName: f.check_name,
        resource: resourceAddress(f),
        file: f.file_path,
      })),
    ),
    parsingErrors: reports.flatMap((r) => r.results.parsing_errors ?? []),
  };
}

/** One line per failed check: id, stack file, resource and what the check asks for. */
export function formatCheckovFailures(failures: readonly CheckovFailure[]): string {
  return failures.map((f) => `${f.checkId} ${f.file} ${f.resource}: ${f.checkName}`).join('\n');
}

/**
 * checkov's per-resource checks on Terraform JSON name a resource `resource.<name>` without its type, and
 * cdktf reuses names across types; the type is the key that encloses the reported line in the stack file.
 */
function resourceAddress(check: CheckovFailedCheck): string {
  if (!check.resource.startsWith('resource.')) return check.resource;
  const lines = fs.readFileSync(check.file_abs_path, 'utf8').split('\n');
  const nameLine = check.file_line_range[0] - 1;
  const indent = (line: string) => line.length - line.trimStart().length;
  for (let i = nameLine - 1; i >= 0; i--) {
    const type = /^\s*"([^"]+)": \{$/.exec(lines[i]);
    if (type && indent(lines[i]) < indent(lines[nameLine]))
      return `${type[1]}.${check.resource.slice('resource.'.length)}`;
  }
  return check.resource;
}
