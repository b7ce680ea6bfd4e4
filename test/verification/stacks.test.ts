import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { formatViolations, validateSynthOutput } from '../../src/tfschema';
import { buildApp } from '../../stacks/app';
import { ENVIRONMENTS } from '../../stacks/config/environments';
import { loadAwsReferenceSchema } from '../tfschema/schema-file';
import { applyAcceptedFailures, formatCheckovFailures, runCheckov } from './checkov';

const APP = path.resolve(__dirname, '..', '..', 'dist', 'stacks', 'main.js');

/**
 * Synthesizes the whole app once, the way `npm run synth` does, from a directory of its own: the app
 * writes `cdktf.out/` under its working directory. Returns that working directory.
 */
function synthesizeApp(): string {
  if (!fs.existsSync(APP)) throw new Error(`${APP} is missing: run npm run build (npm test does it first)`);
  const workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'logfed-synth-'));
  const run = spawnSync(process.execPath, [APP], { cwd: workDir, encoding: 'utf8' });
  if (run.status !== 0) throw new Error(`synth failed (exit ${run.status ?? run.signal}):\n${run.stderr}`);
  return workDir;
}

describe('the synthesized stacks', () => {
  let workDir: string;
  let outdir: string;
  beforeAll(() => {
    workDir = synthesizeApp();
    outdir = path.join(workDir, 'cdktf.out');
  });
  afterAll(() => fs.rmSync(workDir, { recursive: true, force: true }));

  it('pass static validation against the AWS provider 6.25.0 schema', () => {
    const violations = validateSynthOutput(outdir, loadAwsReferenceSchema());
    expect(formatViolations(violations)).toBe('');
  });

  it('pass every checkov check that .checkov.yaml does not skip, but for the failures accepted by resource', () => {
    const report = runCheckov(outdir);
    expect(report.parsingErrors).toEqual([]);
    const { failed, unused } = applyAcceptedFailures(report.failed);
    expect(formatCheckovFailures(failed)).toBe('');
    expect(unused).toEqual([]);
    expect(report.passed).toBeGreaterThan(0);
  });
});

/**
 * No sample environment runs AWS Data Pipeline any more (closed to new customers), but accounts that already use
 * it may select it: its pipeline stack gets the same schema validation and checkov run, alone in its outdir.
 */
describe('the pipeline stack of an environment on Data Pipeline', () => {
  let outdir: string;
  beforeAll(() => {
    const synthDir = fs.mkdtempSync(path.join(os.tmpdir(), 'logfed-synth-'));
    const [dev, prod] = ['dev', 'prod'].map((name) => ENVIRONMENTS.find((env) => env.name === name)!);
    // With dev: the committed policy exceptions must each match a violation somewhere in the app.
    buildApp([dev, { ...prod, orchestrator: 'datapipeline' }], { outdir: synthDir }).synth();
    outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'logfed-synth-'));
    fs.cpSync(path.join(synthDir, 'stacks', 'prod-pipeline'), path.join(outdir, 'stacks', 'prod-pipeline'), {
      recursive: true,
    });
    fs.rmSync(synthDir, { recursive: true, force: true });
  });
  afterAll(() => fs.rmSync(outdir, { recursive: true, force: true }));

  it('renders Data Pipeline and passes schema validation and checkov', () => {
    const stack = JSON.parse(fs.readFileSync(path.join(outdir, 'stacks', 'prod-pipeline', 'cdk.tf.json'), 'utf8'));
    expect(Object.keys(stack.resource)).toEqual(expect.arrayContaining(['aws_datapipeline_pipeline_definition']));
    expect(formatViolations(validateSynthOutput(outdir, loadAwsReferenceSchema()))).toBe('');
    const report = runCheckov(outdir);
    expect(report.parsingErrors).toEqual([]);
    expect(formatCheckovFailures(report.failed)).toBe('');
  });
});
