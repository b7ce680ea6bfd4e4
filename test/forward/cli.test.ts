import { CreateBucketCommand, S3Client } from '@aws-sdk/client-s3';
import { CreateSecretCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { Command, CommanderError } from 'commander';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { forwardCommand } from '../../src/cli/commands/forward';
import { replayCommand } from '../../src/cli/commands/replay';
import { createForwarder, forwardObjects, TOKEN_VARIABLE } from '../../src/forward';
import { listObjects } from '../../src/store';
import { captureIo } from '../helpers/io';
import { freePort, MotoServer, startMoto } from '../helpers/moto';
import { FakeSink, FakeSinkOptions, startFakeSink } from '../helpers/sinks';
import { CLOUDTRAIL, CLOUDTRAIL_FILES, fixtureEventIds, idsOf, spilledRecords, tempDir } from './helpers';

const TOKEN = 'cli-test-token';
const ids = fixtureEventIds();
/** The fixture folder's attribution file is not a log: reported, as `logfed analyze` reports it. */
const SKIPPED = [
  {
    object: path.join(CLOUDTRAIL, 'NOTICE.md'),
    reason: 'unknown log format (not CloudTrail, JSON records, EMR, Data Pipeline or Redshift load errors)',
  },
];

/** Runs `logfed forward|replay …` as the CLI parses it, with captured output; usage errors exit 2 as in main. */
async function cli(factory: typeof forwardCommand, args: string[], token: string | null = TOKEN) {
  const { io, out, err } = captureIo();
  const exit = { code: 0 };
  const command: Command = factory(exit, io)
    .exitOverride()
    .configureOutput({ writeErr: (text) => io.stderr.write(text), writeOut: (text) => io.stdout.write(text) });
  const saved = process.env[TOKEN_VARIABLE];
  if (token === null) delete process.env[TOKEN_VARIABLE];
  else process.env[TOKEN_VARIABLE] = token;
  try {
    await command.parseAsync(args, { from: 'user' });
  } catch (error) {
    if (!(error instanceof CommanderError)) throw error;
    exit.code = error.exitCode === 0 ? 0 : 2;
  } finally {
    if (saved === undefined) delete process.env[TOKEN_VARIABLE];
    else process.env[TOKEN_VARIABLE] = saved;
  }
  return { code: exit.code, out: out(), err: err(), json: () => JSON.parse(out()) as Record<string, unknown> };
}

/** Runs `body` against a fake sink, stopped afterwards whatever happens. */
async function withSink<T>(options: FakeSinkOptions, body: (sink: FakeSink) => Promise<T>): Promise<T> {
  const sink = await startFakeSink(options);
  try {
    return await body(sink);
  } finally {
    await sink.stop();
  }
}

/** A HEC that throttles every request with this Retry-After. */
const throttledHec = (retryAfterSeconds: number): FakeSinkOptions => ({
  protocol: 'hec',
  credential: TOKEN,
  faults: () => ({ kind: 'throttle', retryAfterSeconds }),
});

const forward = (args: string[], token?: string | null) => cli(forwardCommand, args, token);
const replay = (args: string[], token?: string | null) => cli(replayCommand, args, token);

describe('logfed forward', () => {
  let hec: FakeSink;
  beforeAll(async () => {
    hec = await startFakeSink({ protocol: 'hec', credential: TOKEN });
  });
  afterAll(() => hec.stop());

  it('delivers every event with the token from the environment, prints the counts and exits 0', async () => {
    const spill = tempDir('cli');
    const before = hec.stored.length;
    const run = await forward([...CLOUDTRAIL_FILES, '--to', 'splunk', '--endpoint', hec.endpoint, '--spill', spill]);
    expect(run.err).toBe('');
    expect(run.code).toBe(0);
    expect(run.json()).toEqual({ read: ids.length, delivered: ids.length, spilled: 0 });
    expect(new Set(hec.stored.slice(before))).toEqual(new Set(ids));
    expect(fs.readdirSync(spill)).toEqual([]);
  });

  it.each([
    [
      ['--to', 'kafka', '--endpoint', 'http://127.0.0.1:1'],
      /^logfed forward: unknown --to "kafka"\n {2}hint: use one of: splunk, opensearch\n$/,
    ],
    [['--to', 'splunk'], /required option '--endpoint <url>' not specified/],
    [['--to', 'splunk', '--endpoint', 'not a url'], /^logfed forward: endpoint "not a url" is not a URL\n$/],
    [
      ['--to', 'opensearch', '--endpoint', 'http://127.0.0.1:1', '--index', 'Logs {date}'],
      /^logfed forward: --index "Logs \{date\}" is not a valid index name pattern/,
    ],
    [
      ['--to', 'splunk', '--endpoint', 'http://127.0.0.1:1', '--budget', 'soon'],
      /^logfed forward: --budget must be a number of seconds above 0, got "soon"\n$/,
    ],
    [['--to', 'opensearch', '--endpoint', 'http://127.0.0.1:1', '--sigv4', 'ec2'], /argument 'ec2' is invalid/],
  ])('rejects bad arguments %j with one line and exit 2', async (args, message) => {
    const run = await forward([CLOUDTRAIL, ...args]);
    expect(run.code).toBe(2);
    expect(run.err).toMatch(message);
    expect(run.out).toBe('');
  });

  it('needs a token for Splunk and says where it comes from', async () => {
    const run = await forward([CLOUDTRAIL, '--to', 'splunk', '--endpoint', hec.endpoint], null);
    expect(run.code).toBe(2);
    expect(run.err).toBe(
      `logfed forward: Splunk HEC needs a token\n  hint: set ${TOKEN_VARIABLE} or name a Secrets Manager secret with --token-secret\n`,
    );
  });

  it('names an endpoint it cannot reach, reads nothing and exits 2', async () => {
    const port = await freePort();
    const run = await forward([CLOUDTRAIL, '--to', 'splunk', '--endpoint', `http://127.0.0.1:${port}`]);
    expect(run.code).toBe(2);
    expect(run.err).toMatch(new RegExp(`^logfed forward: cannot reach http://127.0.0.1:${port}: ECONNREFUSED.*\\n$`));
    expect(run.out).toBe('');
  });

  it('says when the sink refuses the token, before reading anything', async () => {
    const run = await forward([CLOUDTRAIL, '--to', 'splunk', '--endpoint', hec.endpoint], 'wrong-token');
    expect(run.code).toBe(2);
    expect(run.err).toBe(`logfed forward: ${hec.endpoint} refused the credentials (HTTP 403)\n`);
  });

  it('names an input that does not exist and exits 2', async () => {
    const missing = path.join(tempDir('cli'), 'nothing-here');
    const run = await forward([missing, '--to', 'splunk', '--endpoint', hec.endpoint]);
    expect(run.code).toBe(2);
    expect(run.err).toBe(`logfed forward: cannot read ${missing}: no such file or folder\n`);
  });
});

describe('exit 1 and the spill', () => {
  it('spills what the sink refuses for good, says where on stderr and exits 1', async () => {
    const bulk = await startFakeSink({
      protocol: 'bulk',
      reject: (doc) => (doc.errorCode ? 'failed to parse field [errorCode]' : undefined),
    });
    try {
      const spill = tempDir('cli-spill');
      const run = await forward(
        [CLOUDTRAIL, '--to', 'opensearch', '--endpoint', bulk.endpoint, '--spill', spill],
        null,
      );
      const refused = (await spilledRecords(spill)).filter((r) => r.event.errorCode);
      expect(refused.length).toBeGreaterThan(0);
      expect(run.code).toBe(1);
      const printed = run.json();
      expect(printed).toMatchObject({
        read: ids.length,
        delivered: ids.length - refused.length,
        spilled: refused.length,
      });
      expect(String(printed.spill)).toMatch(
        new RegExp(`^${spill}/undelivered/opensearch/\\d{4}/\\d{2}/\\d{2}/\\d{8}T\\d{9}Z-[0-9a-f]{8}\\.ndjson\\.gz$`),
      );
      expect(run.err).toBe(`logfed forward: ${refused.length} events spilled to ${printed.spill}\n`);
      for (const record of refused) {
        expect(record).toMatchObject({
          sink: 'opensearch',
          attempts: 1,
          kind: 'json-array',
          reason: '400 mapper_parsing_exception: failed to parse field [errorCode]',
        });
        expect(record.source.startsWith(CLOUDTRAIL)).toBe(true);
      }
    } finally {
      await bulk.stop();
    }
  });

  it('spills what is left when the time budget is used up', () =>
    withSink(throttledHec(30), async (hec) => {
      const spill = tempDir('cli-budget');
      const args = ['--to', 'splunk', '--endpoint', hec.endpoint, '--spill', spill, '--budget', '1'];
      const run = await forward([CLOUDTRAIL, ...args]);
      expect(run.code).toBe(1);
      expect(run.json()).toMatchObject({ read: ids.length, delivered: 0, spilled: ids.length });
      const records = await spilledRecords(spill);
      expect(new Set(idsOf(records))).toEqual(new Set(ids));
      for (const record of records) {
        expect(record.reason).toMatch(/^time budget used up( while retrying: HTTP 429.*)?$/);
      }
    }));

  it('stops on SIGINT without waiting out the backoff, keeps what it read in the spill and exits 130', () =>
    withSink(throttledHec(600), async (hec) => {
      const spill = tempDir('cli-interrupt');
      const running = forward([CLOUDTRAIL, '--to', 'splunk', '--endpoint', hec.endpoint, '--spill', spill]);
      let settled = false;
      void running.finally(() => (settled = true));
      // Bounded: a run that ends before its first request is reported by the assertions below.
      while (hec.requests() === 0 && !settled) await new Promise((resolve) => setTimeout(resolve, 20));
      process.emit('SIGINT');
      const run = await running;
      expect(run.code).toBe(130);
      const printed = run.json();
      expect(printed.delivered).toBe(0);
      expect(printed.spilled).toBe(printed.read);
      expect((await spilledRecords(spill)).length).toBe(printed.read);
    }));
});

describe('a sink gone for good, then logfed replay', () => {
  it('spills everything while the sink is down, and replay delivers it all and removes the spill', async () => {
    const gone = await startFakeSink({ protocol: 'hec', credential: TOKEN });
    const endpoint = gone.endpoint;
    await gone.stop();
    const spill = tempDir('gone');
    const forwarder = createForwarder({
      to: 'splunk',
      endpoint,
      token: TOKEN,
      spill,
      retry: { baseDelayMs: 10, maxDelayMs: 50 },
    });
    await forwardObjects([CLOUDTRAIL], forwarder);
    expect(forwarder.counts).toEqual({ read: ids.length, delivered: 0, duplicates: 0, spilled: ids.length });
    const records = await spilledRecords(spill);
    expect(new Set(idsOf(records))).toEqual(new Set(ids));
    for (const record of records) expect(record.reason).toMatch(/^gave up after \d+ attempts: ECONNREFUSED/);

    const healthy = await startFakeSink({ protocol: 'hec', credential: TOKEN });
    try {
      const run = await replay([spill, '--to', 'splunk', '--endpoint', healthy.endpoint]);
      expect(run.err).toBe('');
      expect(run.code).toBe(0);
      expect(run.json()).toEqual({ read: ids.length, delivered: ids.length, spilled: 0, removed: 1 });
      expect(healthy.stored.sort()).toEqual([...ids].sort());
      expect(await listObjects([spill])).toEqual([]);

      const again = await replay([spill, '--to', 'splunk', '--endpoint', healthy.endpoint]);
      expect(again.json()).toEqual({ read: 0, delivered: 0, spilled: 0, removed: 0 });
    } finally {
      await healthy.stop();
    }
  });

  it("keeps in a new spill what fails again, removes the old file, and leaves other sinks' spills alone", async () => {
    const spill = tempDir('replay-again');
    const down = createForwarder({
      to: 'opensearch',
      endpoint: `http://127.0.0.1:${await freePort()}`,
      spill,
      retry: { maxAttempts: 1 },
    });
    await forwardObjects([CLOUDTRAIL], down);
    const splunkSpill = createForwarder({
      to: 'splunk',
      endpoint: `http://127.0.0.1:${await freePort()}`,
      token: TOKEN,
      spill,
      retry: { maxAttempts: 1 },
    });
    await forwardObjects([path.join(CLOUDTRAIL, 'aws.defense-evasion.cloudtrail-stop.json')], splunkSpill);
    const [oldFile] = await listObjects([path.join(spill, 'undelivered', 'opensearch')]);

    const bulk = await startFakeSink({
      protocol: 'bulk',
      reject: (doc) => (doc.errorCode ? 'strict mapping' : undefined),
    });
    try {
      const run = await replay([spill, '--to', 'opensearch', '--endpoint', bulk.endpoint], null);
      expect(run.code).toBe(1);
      const refused = ids.length - bulk.stored.length;
      expect(refused).toBeGreaterThan(0);
      expect(run.json()).toMatchObject({
        read: ids.length,
        delivered: bulk.stored.length,
        spilled: refused,
        removed: 1,
      });
      const left = await listObjects([path.join(spill, 'undelivered', 'opensearch')]);
      expect(left).toHaveLength(1);
      expect(left[0]).not.toBe(oldFile);
      expect((await spilledRecords(left[0])).map((r) => r.reason)).toEqual(
        Array(refused).fill('400 mapper_parsing_exception: strict mapping'),
      );
      expect(await listObjects([path.join(spill, 'undelivered', 'splunk')])).toHaveLength(1);
    } finally {
      await bulk.stop();
    }
  });
});

describe('secrets and spills on AWS (moto server)', () => {
  let moto: MotoServer;
  let hec: FakeSink;
  beforeAll(async () => {
    moto = await startMoto();
    hec = await startFakeSink({ protocol: 'hec', credential: TOKEN });
    const sm = new SecretsManagerClient({});
    await sm.send(
      new CreateSecretCommand({ Name: 'logfed/test/splunk-hec', SecretString: JSON.stringify({ token: TOKEN }) }),
    );
    sm.destroy();
    const s3 = new S3Client({ forcePathStyle: true });
    await s3.send(new CreateBucketCommand({ Bucket: 'spill' }));
    s3.destroy();
  });
  afterAll(async () => {
    await hec.stop();
    await moto.stop();
  });

  it('reads the token from Secrets Manager by name, and lists what is not a log as analyze does (exit 1)', async () => {
    const run = await forward(
      [CLOUDTRAIL, '--to', 'splunk', '--endpoint', hec.endpoint, '--token-secret', 'logfed/test/splunk-hec'],
      undefined,
    );
    expect(run.err).toBe('');
    expect(run.code).toBe(1);
    expect(run.json()).toEqual({ read: ids.length, delivered: ids.length, spilled: 0, skipped: SKIPPED });
  });

  it('names a secret that does not exist and exits 2', async () => {
    const run = await forward([
      CLOUDTRAIL,
      '--to',
      'splunk',
      '--endpoint',
      hec.endpoint,
      '--token-secret',
      'logfed/test/missing',
    ]);
    expect(run.code).toBe(2);
    expect(run.err).toBe(
      `logfed forward: secret "logfed/test/missing" does not exist\n  hint: set ${TOKEN_VARIABLE} or name a Secrets Manager secret with --token-secret\n`,
    );
  });

  it('spills to s3:// and replays from there', async () => {
    const down = createForwarder({
      to: 'splunk',
      endpoint: `http://127.0.0.1:${await freePort()}`,
      token: TOKEN,
      spill: 's3://spill/runs',
      retry: { maxAttempts: 1 },
    });
    await forwardObjects([CLOUDTRAIL], down);
    expect(down.counts.spilled).toBe(ids.length);
    const files = await listObjects(['s3://spill/runs/']);
    expect(files).toEqual([
      expect.stringMatching(/^s3:\/\/spill\/runs\/undelivered\/splunk\/\d{4}\/\d{2}\/\d{2}\/.*\.ndjson\.gz$/),
    ]);

    const before = hec.stored.length;
    const run = await replay(['s3://spill/runs/', '--to', 'splunk', '--endpoint', hec.endpoint]);
    expect(run.code).toBe(0);
    expect(run.json()).toEqual({ read: ids.length, delivered: ids.length, spilled: 0, removed: 1 });
    expect(new Set(hec.stored.slice(before))).toEqual(new Set(ids));
    expect(await listObjects(['s3://spill/runs/'])).toEqual([]);
  });
});
