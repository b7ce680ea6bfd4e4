import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { formatViolations, loadProviderSchemas, validateSynthOutput } from '../../src/tfschema';
import { AWS_PROVIDER_SCHEMA } from '../tfschema/schema-file';
import { formatCheckovFailures, runCheckov } from './checkov';

const APP = path.resolve(__dirname, '..', '..', 'dist', 'stacks', 'main.js');

/** Synthesizes the whole app once, the way `npm run synth` does, into a directory of its own. */
function synthesizeApp(): string {
  if (!fs.existsSync(APP)) throw new Error(`${APP} is missing: run npm run build (npm test does it first)`);
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'logfed-synth-'));
  const run = spawnSync(process.execPath, [APP], { env: { ...process.env, CDKTF_OUTDIR: outdir }, encoding: 'utf8' });
  if (run.status !== 0) throw new Error(`synth failed (exit ${run.status ?? run.signal}):\n${run.stderr}`);
  return outdir;
}

describe('the synthesized stacks', () => {
  let outdir: string;
  beforeAll(() => {
    outdir = synthesizeApp();
  });
  afterAll(() => fs.rmSync(outdir, { recursive: true, force: true }));

  it('pass static validation against the AWS provider 6.25.0 schema', () => {
    const violations = validateSynthOutput(outdir, loadProviderSchemas(AWS_PROVIDER_SCHEMA));
    expect(formatViolations(violations)).toBe('');
  });

  it('pass every checkov check that .checkov.yaml does not skip', () => {
    const report = runCheckov(outdir);
    expect(report.parsingErrors).toEqual([]);
    expect(formatCheckovFailures(report.failed)).toBe('');
    expect(report.passed).toBeGreaterThan(0);
  });
});
