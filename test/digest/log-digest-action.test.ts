import { CreateBucketCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { parse } from 'yaml';
import { MotoServer, startMoto } from '../helpers/moto';

const ROOT = path.resolve(__dirname, '..', '..');
const ENTRY = path.join(ROOT, 'dist', '.github', 'actions', 'log-digest', 'main.js');
const FIXTURES = path.join(ROOT, 'test', 'fixtures', 'summaries');

/** Reads `name<<delimiter … delimiter` entries as @actions/core writes them to GITHUB_OUTPUT. */
function readOutputs(file: string): Record<string, string> {
  const outputs: Record<string, string> = {};
  const lines = fs.readFileSync(file, 'utf8').split('\n');
  for (let i = 0; i < lines.length; i += 1) {
    const match = /^([\w-]+)<<(.+)$/.exec(lines[i]);
    if (!match) continue;
    const end = lines.indexOf(match[2], i + 1);
    outputs[match[1]] = lines.slice(i + 1, end).join('\n');
    i = end;
  }
  return outputs;
}

/** Runs the compiled action entry the way the composite action does, with inputs as INPUT_* variables. */
function runAction(inputs: Record<string, string>, endpoint: string) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'logfed-action-'));
  const files = { summary: path.join(dir, 'summary.md'), output: path.join(dir, 'output.txt') };
  fs.writeFileSync(files.summary, '');
  fs.writeFileSync(files.output, '');
  const env: NodeJS.ProcessEnv = {
    PATH: process.env.PATH,
    GITHUB_STEP_SUMMARY: files.summary,
    GITHUB_OUTPUT: files.output,
    RUNNER_TEMP: dir,
    AWS_ENDPOINT_URL: endpoint,
    AWS_ACCESS_KEY_ID: 'testing',
    AWS_SECRET_ACCESS_KEY: 'testing',
    AWS_REGION: 'us-east-1',
  };
  for (const [name, value] of Object.entries(inputs)) env[`INPUT_${name.toUpperCase()}`] = value;
  const run = spawnSync(process.execPath, [ENTRY], { env, encoding: 'utf8' });
  return { ...run, dir, files };
}

describe('log-digest action', () => {
  let moto: MotoServer;

  beforeAll(async () => {
    if (!fs.existsSync(ENTRY)) throw new Error(`${ENTRY} is missing: run npm run build (npm test does it first)`);
    moto = await startMoto();
    const s3 = new S3Client({ endpoint: moto.endpoint, forcePathStyle: true });
    await s3.send(new CreateBucketCommand({ Bucket: 'logfed-dev-intelligence' }));
    const walk = (dir: string): string[] =>
      fs
        .readdirSync(dir, { withFileTypes: true })
        .flatMap((e) => (e.isDirectory() ? walk(path.join(dir, e.name)) : [path.join(dir, e.name)]));
    for (const file of walk(FIXTURES)) {
      const key = `summaries/${path.relative(FIXTURES, file).split(path.sep).join('/')}`;
      await s3.send(new PutObjectCommand({ Bucket: 'logfed-dev-intelligence', Key: key, Body: fs.readFileSync(file) }));
    }
  });

  afterAll(async () => moto?.stop());

  it('writes the digest to the job summary, sets outputs and annotates high and critical findings', () => {
    const run = runAction(
      {
        source: 's3://logfed-dev-intelligence/summaries/',
        hours: '',
        since: '',
        until: '2026-11-28T00:00:00Z',
        'output-dir': '',
      },
      moto.endpoint,
    );
    expect({ status: run.status, stdout: run.stdout }).toMatchObject({ status: 0 });
    const summary = fs.readFileSync(run.files.summary, 'utf8');
    expect(summary).toContain('# Log digest');
    expect(summary).toContain('Window: **2026-11-27T00:00:00Z** to **2026-11-28T00:00:00Z** (UTC)');
    expect(summary).toContain('| **Findings** | 4 (1 critical, 1 high, 1 medium, 1 low) |');
    expect(summary).toContain('xychart-beta');

    const outputs = readOutputs(run.files.output);
    expect(outputs).toEqual({
      events: '150',
      findings: '4',
      'high-findings': '2',
      'critical-findings': '1',
      skipped: '2',
      'markdown-file': path.join(run.dir, 'log-digest', 'digest.md'),
      'json-file': path.join(run.dir, 'log-digest', 'digest.json'),
    });
    expect(fs.readFileSync(outputs['markdown-file'], 'utf8')).toBe(summary);
    // Every output the action declares is set, and maps to the step output of the same name.
    const declared = parse(fs.readFileSync(path.join(ROOT, '.github/actions/log-digest/action.yml'), 'utf8')).outputs;
    expect(Object.keys(declared).sort()).toEqual(Object.keys(outputs).sort());
    for (const [name, output] of Object.entries(declared)) {
      expect((output as { value: string }).value).toBe(`\${{ steps.digest.outputs.${name} }}`);
    }
    const json = JSON.parse(fs.readFileSync(outputs['json-file'], 'utf8'));
    expect(json.digest).toMatchObject({ since: '2026-11-27T00:00:00.000Z', summariesInWindow: 2 });

    expect(run.stdout).toContain(
      '::error title=critical finding%3A CloudTrail configuration changed::StopLogging by ' +
        'arn:aws:iam::111122223333:user/ci-deployer from 203.0.113.24 at 2026-11-27T13:42:10Z ' +
        '(event 6f1d0c1e-7b4e-4c47-9a8e-0b1f7c2d3e41)',
    );
    expect(run.stdout.match(/^::error /gm)).toHaveLength(2);
    expect(run.stdout).toContain('::warning title=Pipeline health::2 pipeline failures in the window');
    expect(run.stdout).toContain('::warning title=Skipped objects::2 objects could not be analyzed');
  });

  it('fails the step with one clear message when the source is missing', () => {
    const run = runAction({ source: '', until: '2026-11-28T00:00:00Z' }, moto.endpoint);
    expect(run.status).toBe(1);
    expect(run.stdout).toContain('::error::Input required and not supplied: source');
  });

  it('fails the step on a window it cannot use', () => {
    const run = runAction({ source: 's3://logfed-dev-intelligence/summaries/', until: 'yesterday' }, moto.endpoint);
    expect(run.status).toBe(1);
    expect(run.stdout).toContain('::error::--until "yesterday" is not an ISO 8601 time');
  });
});
