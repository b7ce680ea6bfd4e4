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

/**
 * A failed check accepted for the resources it names only, with the reason. checkov's Terraform JSON scan honours
 * no inline skip comment, and a `skip-check` in .checkov.yaml would silence the check for every resource of every
 * stack, so these live here, matched by stack and resource address.
 */
export interface AcceptedFailure {
  readonly checkId: string;
  /** The stack file, e.g. `/stacks/dev-log-archive/cdk.tf.json`. */
  readonly file: RegExp;
  /** `<type>.<name>` as `runCheckov` reports it. */
  readonly resource: RegExp;
  readonly reason: string;
}

const SERVER_ACCESS_LOGS_NEED_SSE_S3 =
  'S3 server access log target: S3 delivers these logs only into buckets whose default encryption is SSE-S3, never SSE-KMS ' +
  '(S3 user guide, "Enabling Amazon S3 server access logging"); its bucket policy and the policy gate rule ' +
  'log-delivery-target keep it that way, and bucket-kms-encryption holds every other bucket to SSE-KMS';

export const ACCEPTED_FAILURES: readonly AcceptedFailure[] = [
  {
    checkId: 'CKV_AWS_145',
    file: /^\/stacks\/[a-z0-9-]+-log-archive\/cdk\.tf\.json$/,
    resource: /^aws_s3_bucket\.access-logs_bucket_[0-9A-F]+$/,
    reason: SERVER_ACCESS_LOGS_NEED_SSE_S3,
  },
  {
    checkId: 'CKV_AWS_145',
    file: /^\/stacks\/[a-z0-9-]+-bootstrap\/cdk\.tf\.json$/,
    resource: /^aws_s3_bucket\.state-access-logs_bucket_[0-9A-F]+$/,
    reason: SERVER_ACCESS_LOGS_NEED_SSE_S3,
  },
];

/**
 * Splits failures into those an entry of `accepted` covers and the rest, and lists the entries that covered
 * nothing: an acceptance left behind would hide the next real failure of its check.
 */
export function applyAcceptedFailures(
  failures: readonly CheckovFailure[],
  accepted: readonly AcceptedFailure[] = ACCEPTED_FAILURES,
): { readonly failed: CheckovFailure[]; readonly unused: AcceptedFailure[] } {
  const covers = (entry: AcceptedFailure, f: CheckovFailure) =>
    entry.checkId === f.checkId && entry.file.test(f.file) && entry.resource.test(f.resource);
  return {
    failed: failures.filter((f) => !accepted.some((entry) => covers(entry, f))),
    unused: accepted.filter((entry) => !failures.some((f) => covers(entry, f))),
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
