import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { readSynthOutput, renderSynthReport } from '../../stacks/report';

const dist = path.resolve(__dirname, '..', '..', 'dist', 'stacks');
const run = (script: string, cwd: string) =>
  spawnSync(process.execPath, [path.join(dist, script)], { cwd, encoding: 'utf8' });

describe('renderSynthReport', () => {
  it('shows a row per resource type, a column per stack, totals and the apply order', () => {
    const report = renderSynthReport([
      {
        name: 'a-bootstrap',
        workingDirectory: 'out/stacks/a-bootstrap',
        dependencies: [],
        resourcesByType: { aws_kms_key: 1, aws_s3_bucket: 2 },
      },
      {
        name: 'a-log-archive',
        workingDirectory: 'out/stacks/a-log-archive',
        dependencies: ['a-bootstrap'],
        resourcesByType: { aws_s3_bucket: 12 },
      },
    ]);
    expect(report).toBe(
      [
        'resource type  a-bootstrap  a-log-archive',
        '-------------  -----------  -------------',
        'aws_kms_key              1              -',
        'aws_s3_bucket            2             12',
        '-------------  -----------  -------------',
        'total                    3             12',
        '',
        '2 stacks, 15 resources; Terraform working directories:',
        '  out/stacks/a-bootstrap',
        '  out/stacks/a-log-archive (after a-bootstrap)',
        '',
      ].join('\n'),
    );
  });
});

describe('npm run synth, then the report (as npm start runs them)', () => {
  const cwd = fs.mkdtempSync(path.join(os.tmpdir(), 'logfed-start-'));
  afterAll(() => fs.rmSync(cwd, { recursive: true, force: true }));

  it('synthesizes every environment into cdktf.out and prints what each stack holds', () => {
    const synth = run('main.js', cwd);
    expect(synth.stderr).toBe('');
    expect(synth.status).toBe(0);
    const stacks = readSynthOutput(path.join(cwd, 'cdktf.out'));
    expect(stacks.map((stack) => stack.name)).toEqual([
      'dev-bootstrap',
      'dev-intelligence',
      'dev-log-archive',
      'dev-pipeline',
      'dev-warehouse',
      'prod-bootstrap',
      'prod-intelligence',
      'prod-log-archive',
      'prod-pipeline',
      'prod-warehouse',
    ]);

    const report = run('report.js', cwd);
    expect(report.status).toBe(0);
    const buckets = report.stdout.split('\n').find((line) => line.startsWith('aws_s3_bucket '));
    expect(buckets?.split(/\s+/)).toEqual(['aws_s3_bucket', '2', '-', '11', '-', '-', '2', '-', '11', '-', '-']);
    expect(report.stdout).toContain('cdktf.out/stacks/prod-log-archive (after prod-bootstrap)');
    expect(report.stdout).toContain('cdktf.out/stacks/prod-warehouse (after prod-pipeline)');
  });

  it('says to synthesize first when there is no synth output', () => {
    const empty = fs.mkdtempSync(path.join(os.tmpdir(), 'logfed-empty-'));
    const report = run('report.js', empty);
    fs.rmSync(empty, { recursive: true, force: true });
    expect(report.status).toBe(1);
    expect(report.stderr).toBe(`${path.join('cdktf.out', 'manifest.json')} not found: run npm run synth first\n`);
  });
});
