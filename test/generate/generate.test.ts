import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { analyze } from '../../src/analyze';
import { generateFiles } from '../../src/cli/commands/generate';
import { generate, TECHNIQUES, techniquesNamed } from '../../src/generate';
import { SEVERITIES } from '../../src/summary/types';
import { captureIo, runMain } from '../helpers/io';

let dir: string;
beforeAll(() => (dir = fs.mkdtempSync(path.join(os.tmpdir(), 'logfed-generate-'))));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const KEY =
  /^AWSLogs\/123456789012\/CloudTrail\/[a-z0-9-]+\/2026\/11\/27\/123456789012_CloudTrail_[a-z0-9-]+_20261127T\d{4}Z_[A-Za-z0-9]{16}\.json\.gz$/;

function records(file: string): Record<string, unknown>[] {
  return (JSON.parse(gunzipSync(fs.readFileSync(file)).toString('utf8')) as { Records: Record<string, unknown>[] })
    .Records;
}

describe('generate', () => {
  it('writes CloudTrail delivery files with real key layout, holding exactly the events asked for', async () => {
    const out = path.join(dir, 'layout');
    const result = await generate({ events: 1001, files: 4, out });
    expect(result).toMatchObject({ events: 1001, injected: 0 });
    expect(result.files).toHaveLength(4);
    for (const file of result.files) expect(path.relative(out, file)).toMatch(KEY);
    const all = result.files.flatMap(records);
    expect(all).toHaveLength(1001);
    expect(new Set(all.map((r) => r.eventID)).size).toBe(1001);
    expect(new Set(all.map((r) => r.awsRegion)).size).toBeGreaterThan(1);
  });

  it('gives byte-identical files for the same seed and different ones for another seed', async () => {
    const read = async (name: string, seed: number) => {
      const { files } = await generate({ events: 300, files: 2, seed, out: path.join(dir, name) });
      return files.map((f) => [path.relative(path.join(dir, name), f), fs.readFileSync(f).toString('base64')]);
    };
    const first = await read('a', 7);
    expect(await read('b', 7)).toEqual(first);
    expect(await read('c', 8)).not.toEqual(first);
  });

  it('mixes reads and writes, people with MFA, pipeline roles, AWS services and console logins', async () => {
    const { files } = await generate({ events: 4000, files: 2, out: path.join(dir, 'mix') });
    const all = files.flatMap(records);
    const types = new Set(all.map((r) => (r.userIdentity as { type: string }).type));
    expect([...types].sort()).toEqual(['AWSService', 'AssumedRole', 'IAMUser']);
    expect(all.some((r) => r.readOnly === true) && all.some((r) => r.readOnly === false)).toBe(true);
    const logins = all.filter((r) => r.eventName === 'ConsoleLogin');
    expect(logins.length).toBeGreaterThan(0);
    for (const login of logins) expect(login.additionalEventData).toMatchObject({ MFAUsed: 'Yes' });
    expect(all.some((r) => String((r.userIdentity as { arn?: string }).arn).includes('assumed-role/logfed-'))).toBe(
      true,
    );
  });

  it('adds every event of each injected technique once', async () => {
    const technique = techniquesNamed(['aws.persistence.iam-create-admin-user'])[0];
    const { files, injected } = await generate({
      events: 50,
      files: 3,
      inject: [technique],
      out: path.join(dir, 'inject'),
    });
    expect(injected).toBe(technique.cloudtrailEvents.length);
    const attacker = files.flatMap(records).filter((r) => r.userAgent === `stratus-red-team_${technique.technique}`);
    expect(attacker.map((r) => `${String(r.eventSource).split('.')[0]}:${String(r.eventName)}`).sort()).toEqual(
      [...technique.cloudtrailEvents].sort(),
    );
  });

  it('rejects an unknown technique', () => {
    expect(() => techniquesNamed(['aws.nope'])).toThrow('unknown technique "aws.nope"');
    expect(techniquesNamed(['all'])).toHaveLength(TECHNIQUES.length);
  });
});

describe('detections over generated traffic', () => {
  it('benign traffic raises no finding above low', async () => {
    const out = path.join(dir, 'benign');
    await generate({ events: 20000, files: 5, seed: 11, out });
    const summary = await analyze([out], { workers: 1 });
    expect(summary.events).toBe(20000);
    const aboveLow = summary.findings.filter((f) => SEVERITIES.indexOf(f.severity) > SEVERITIES.indexOf('low'));
    expect(aboveLow.map((f) => `${f.ruleId} ${f.eventName} ${f.principal}`)).toEqual([]);
  });

  it('injected technique events raise findings by the outside user', async () => {
    const out = path.join(dir, 'attack');
    await generate({ events: 2000, files: 2, out, inject: techniquesNamed(['aws.defense-evasion.cloudtrail-stop']) });
    const summary = await analyze([out], { workers: 1 });
    expect(summary.findings.find((f) => f.ruleId === 'cloudtrail-stopped')).toMatchObject({
      severity: 'critical',
      principal: 'arn:aws:iam::123456789012:user/build-bot',
      sourceIPAddress: '198.51.100.77',
    });
  });
});

describe('logfed generate', () => {
  it('prints what it wrote', async () => {
    const { io, out } = captureIo();
    const options = {
      events: 10,
      out: path.join(dir, 'cli'),
      seed: 1,
      start: '2026-11-27T00:00:00Z',
      inject: 'all',
    };
    expect(await generateFiles(options, io)).toBe(0);
    const injected = TECHNIQUES.reduce((sum, t) => sum + t.cloudtrailEvents.length, 0);
    expect(JSON.parse(out())).toEqual({ files: 1, events: 10 + injected, injected });
  });

  it.each([
    [['--events', '-1'], "option '--events <n>' argument '-1' is invalid. expected a whole number of at least 0."],
    [
      ['--events', '10', '--files', '0'],
      "option '--files <k>' argument '0' is invalid. expected a whole number of at least 1.",
    ],
    [['--events', '10', '--start', 'yesterday'], '--start is not an ISO 8601 time: "yesterday"'],
    [
      ['--events', '10', '--inject', 'aws.nope'],
      'unknown technique "aws.nope" (see reference/stratus-aws-techniques.json)',
    ],
  ])('rejects %j with exit 2', async (argv, message) => {
    const { code, err } = await runMain(['generate', '--out', path.join(dir, 'bad'), ...argv]);
    expect(code).toBe(2);
    expect(err.split('\n')[0]).toBe(`logfed generate: ${message}`);
    expect(fs.existsSync(path.join(dir, 'bad'))).toBe(false);
  });
});
