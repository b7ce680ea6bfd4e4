import { execFile } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { promisify } from 'node:util';
import { analyze } from '../../src/analyze';
import { analyzeToOutput } from '../../src/cli/commands/analyze';
import type { Summary } from '../../src/summary/types';
import { captureIo, runMain } from '../helpers/io';

const ROOT = path.join(__dirname, '../..');
const SAMPLES = path.join(ROOT, 'samples', 'logs');
/** The sample Redshift load errors: two medium findings and nothing else. */
const LOAD_ERRORS = path.join(SAMPLES, 'redshift', 'load_errors');

let dir: string;
beforeAll(() => (dir = fs.mkdtempSync(path.join(os.tmpdir(), 'logfed-analyze-'))));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('logfed analyze', () => {
  it('prints the summary of every sample as JSON', async () => {
    const { io, out, err } = captureIo();
    expect(await analyzeToOutput([SAMPLES], { format: 'json', workers: 1 }, io)).toBe(0);
    const summary = JSON.parse(out()) as Summary;
    expect(summary).toMatchObject({
      objects: 7,
      skipped: [],
      byKind: { cloudtrail: 2, 'cloudtrail-digest': 1, datapipeline: 1, emr: 2, 'redshift-load-errors': 1 },
    });
    expect(summary.pipeline.failures.map((f) => f.source)).toEqual(['datapipeline', 'emr']);
    expect(summary.pipeline.redshiftLoadErrors.count).toBe(2);
    const rules = new Set(summary.findings.map((f) => f.ruleId));
    for (const rule of [
      'cloudtrail-stopped',
      'emr-step-failed',
      'data-pipeline-activity-failed',
      'redshift-load-error',
    ]) {
      expect(rules).toContain(rule);
    }
    expect(err()).toBe('');
  });

  it('renders Markdown for people and writes to --out', async () => {
    const report = path.join(dir, 'report.md');
    const { io, out } = captureIo();
    expect(await analyzeToOutput([SAMPLES], { format: 'markdown', out: report, workers: 1 }, io)).toBe(0);
    const text = fs.readFileSync(report, 'utf8');
    expect(text).toMatch(/^# Log analysis/);
    expect(text).toContain('CloudTrail logging stopped');
    expect(out()).toBe('');
  });

  it('shows progress on stderr when asked', async () => {
    const { io, err } = captureIo();
    await analyzeToOutput([SAMPLES], { format: 'json', workers: 1, progress: true }, io);
    expect(err()).toContain('analyzed 7/7 objects');
  });

  it.each([
    [
      ['analyze', SAMPLES, '--format', 'yaml'],
      "logfed analyze: option '--format <format>' argument 'yaml' is invalid. Allowed choices are json, markdown.",
    ],
    [
      ['analyze', SAMPLES, '--workers', '0'],
      "logfed analyze: option '--workers <n>' argument '0' is invalid. expected a whole number of at least 1.",
    ],
    [
      ['analyze', SAMPLES, '--fail-on', 'severe'],
      "logfed analyze: option '--fail-on <severity>' argument 'severe' is invalid. Allowed choices are info, low, medium, high, critical.",
    ],
    [['analyze', '/no/such/logs'], 'logfed analyze: cannot read /no/such/logs: no such file or folder'],
  ])('exits 2 with one clear line for %j', async (argv, line) => {
    const { code, err } = await runMain(argv);
    expect(code).toBe(2);
    expect(err).toBe(`${line}\n`);
  });

  it('exits 1 when an object is skipped, still printing the summary', async () => {
    fs.writeFileSync(path.join(dir, 'empty.json'), '');
    const { io, out } = captureIo();
    expect(await analyzeToOutput([LOAD_ERRORS, path.join(dir, 'empty.json')], { format: 'json', workers: 1 }, io)).toBe(
      1,
    );
    expect((JSON.parse(out()) as Summary).skipped).toEqual([
      { object: path.join(dir, 'empty.json'), reason: expect.any(String) },
    ]);
  });

  it('lists a symbolic link it does not follow as skipped, and exits 1', async () => {
    const logs = path.join(dir, 'linked');
    fs.mkdirSync(logs);
    fs.symlinkSync(LOAD_ERRORS, path.join(logs, 'load-errors'));
    const { io, out } = captureIo();
    expect(await analyzeToOutput([logs], { format: 'json', workers: 1 }, io)).toBe(1);
    expect(JSON.parse(out())).toMatchObject({
      objects: 1,
      events: 0,
      skipped: [{ object: path.join(logs, 'load-errors'), reason: 'symbolic link, not followed' }],
    });
  });

  it.each([
    [undefined, 0],
    ['high', 0],
    ['medium', 1],
    ['info', 1],
  ] as const)('with --fail-on %s over medium findings, exits %d', async (failOn, code) => {
    const { io } = captureIo();
    expect(await analyzeToOutput([LOAD_ERRORS], { format: 'json', workers: 1, failOn }, io)).toBe(code);
  });

  it('gives the same summary on worker threads (the built CLI) as in one thread', async () => {
    const bin = path.join(ROOT, 'bin/logfed.js');
    const { stdout } = await promisify(execFile)('node', [bin, 'analyze', SAMPLES, '--workers', '2'], {
      maxBuffer: 64 * 1024 * 1024,
    });
    expect(JSON.parse(stdout)).toEqual(await analyze([SAMPLES], { workers: 1 }));
  });
});
