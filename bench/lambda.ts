/**
 * `npm run bench:lambda`: the log-intelligence bundle as Lambda runs it. Prints the bundle size; the cold module
 * load of the bundle (Lambda's init: a fresh Node.js process requires `index.js` with the function's
 * NODE_OPTIONS; median of several), with the compiled but unbundled handler (dist/) measured in the same run as
 * the reference, and what the first event adds (an S3 test event: settings, the SDK from `sdk.js`, no request);
 * and the time and peak memory of the bundled handler on one CloudTrail object of at least 1 GiB uncompressed,
 * read from and written to a local moto S3 endpoint, with `logfed analyze` of the same object from a local file
 * as the reference (reading and rules alone: no S3, no federated files).
 * Usage: node dist/bench/lambda.js [--loads N]   (default 9 loads; median)
 */
import { spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as path from 'node:path';
import { CreateBucketCommand, S3Client } from '@aws-sdk/client-s3';
import { CreateTopicCommand, SNSClient } from '@aws-sdk/client-sns';
import { Upload } from '@aws-sdk/lib-storage';
import { bundleHandler, NODE_OPTIONS, REPO_ROOT } from '../stacks/bundle';
import { DATA, dataset, option } from './datasets';

const MIB = 1024 ** 2;
const GIB = 1024 ** 3;
const GOALS = { bundleBytes: 1024 ** 2, loadMs: 150, rssBytes: 512 * MIB };
const PROBE = path.join(__dirname, 'peak-rss-probe.js');
const INVOKE = path.join(__dirname, 'lambda-invoke.js');
/** The function's settings (the intelligence stack sets them); only their presence matters before a request. */
const SETTINGS = {
  INTELLIGENCE_BUCKET: 'bench-intelligence',
  ALERTS_TOPIC_ARN: 'arn:aws:sns:us-east-1:000000000000:bench-alerts',
  AWS_REGION: 'us-east-1',
  POWERTOOLS_METRICS_NAMESPACE: 'logfed',
  POWERTOOLS_SERVICE_NAME: 'log-intelligence',
};

interface Invocation {
  readonly loadMs: number;
  readonly handleMs: number;
  /** The handler's log lines, parsed. */
  readonly logs: Record<string, unknown>[];
}

/** The bundled handler in a fresh Node.js process with the function's NODE_OPTIONS, on one event. */
function invoke(bundleDir: string, event: unknown, env: NodeJS.ProcessEnv, preload: string[] = []): Invocation {
  const run = spawnSync(process.execPath, [...preload, INVOKE, bundleDir, JSON.stringify(event)], {
    encoding: 'utf8',
    maxBuffer: 64 * MIB,
    env: { ...process.env, ...env, NODE_OPTIONS },
  });
  if (run.status !== 0) throw new Error(`the bundled handler failed: ${run.stderr.slice(-2000)}`);
  const lines = run.stdout
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line.startsWith('{'))
    .map((line) => JSON.parse(line) as Record<string, unknown>);
  const times = lines.pop() as { loadMs: number; handleMs: number };
  return { ...times, logs: lines };
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

/** Milliseconds to `require` a module in a fresh Node.js process with the function's NODE_OPTIONS (median of `runs`). */
function coldLoad(file: string, runs: number): number {
  const script = `const t=process.hrtime.bigint();require(${JSON.stringify(file)});console.log(Number(process.hrtime.bigint()-t)/1e6)`;
  const times = Array.from({ length: runs }, () => {
    const run = spawnSync(process.execPath, ['-e', script], {
      encoding: 'utf8',
      env: { ...process.env, NODE_OPTIONS },
    });
    if (run.status !== 0) throw new Error(`loading ${file} failed: ${run.stderr}`);
    return Number(run.stdout.trim());
  });
  return median(times);
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer().once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

async function startMoto(): Promise<{ endpoint: string; stop: () => void }> {
  const port = await freePort();
  const moto = spawn(path.join(REPO_ROOT, '.venv', 'bin', 'moto_server'), ['-H', '127.0.0.1', '-p', String(port)], {
    stdio: 'ignore',
  });
  const endpoint = `http://127.0.0.1:${port}`;
  for (let attempt = 0; ; attempt++) {
    try {
      await fetch(`${endpoint}/moto-api/`);
      return { endpoint, stop: () => moto.kill() };
    } catch {
      if (attempt > 150) throw new Error('moto_server did not start (run scripts/ensure-test-tools.sh)');
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }
}

async function main(): Promise<void> {
  const loads = option('--loads', 9);
  const bundle = bundleHandler('lambdas/log-intelligence/handler.ts', 'log-intelligence');
  // Lambda's init and first event: an S3 test event reads the settings and creates the clients, sending nothing.
  const testEvent = { Service: 'Amazon S3', Event: 's3:TestEvent', Bucket: 'bench-logs' };
  const cold = Array.from({ length: loads }, () =>
    invoke(bundle.dir, testEvent, { ...SETTINGS, POWERTOOLS_METRICS_DISABLED: 'true' }),
  );
  const bundled = median(cold.map((run) => run.loadMs));
  const firstEvent = median(cold.map((run) => run.handleMs));
  const unbundled = coldLoad(path.join(REPO_ROOT, 'dist', 'lambdas', 'log-intelligence', 'handler.js'), loads);
  const verdict = (ok: boolean) => (ok ? 'within goal' : 'OVER GOAL');
  const kib = (bytes: number) => `${(bytes / 1024).toFixed(0)} KiB`;
  console.log(
    `bundle: ${kib(bundle.bytes)} of JavaScript (index.js ${kib(bundle.entryBytes)}, loaded at init; ` +
      `sdk.js ${kib(bundle.bytes - bundle.entryBytes)}, loaded on the first event) ` +
      `(goal ≤ 1024 KiB: ${verdict(bundle.bytes <= GOALS.bundleBytes)})`,
  );
  console.log(
    `cold module load (init, NODE_OPTIONS=${NODE_OPTIONS}, median of ${loads} fresh processes): ` +
      `bundle ${bundled.toFixed(0)} ms = ${(bundled / GOALS.loadMs).toFixed(2)} of the goal ≤ ${GOALS.loadMs} ms ` +
      `(${verdict(bundled <= GOALS.loadMs)}); unbundled dist/ handler ${unbundled.toFixed(0)} ms ` +
      `(bundle/unbundled ${(bundled / unbundled).toFixed(2)}x)`,
  );
  console.log(
    `first event after init (S3 test event: settings, SDK clients from sdk.js, no request): ${firstEvent.toFixed(0)} ms median`,
  );

  const sample = await dataset('trail-100000', 100_000, 50);
  const eventBytes = sample.uncompressedBytes / sample.events;
  const big = await dataset('single-1gib', Math.ceil((1.02 * GIB) / eventBytes), 1);

  const moto = await startMoto();
  try {
    const env = {
      ...process.env,
      AWS_ENDPOINT_URL: moto.endpoint,
      AWS_ACCESS_KEY_ID: 'bench',
      AWS_SECRET_ACCESS_KEY: 'bench',
      AWS_REGION: 'us-east-1',
    };
    const config = {
      endpoint: moto.endpoint,
      region: 'us-east-1',
      credentials: { accessKeyId: 'b', secretAccessKey: 'b' },
    };
    const s3 = new S3Client({ ...config, forcePathStyle: true });
    for (const bucket of ['bench-logs', 'bench-intelligence'])
      await s3.send(new CreateBucketCommand({ Bucket: bucket }));
    const topic = await new SNSClient(config).send(new CreateTopicCommand({ Name: 'bench-alerts' }));
    const key = path.relative(big.dir, big.files[0]).split(path.sep).join('/');
    await new Upload({
      client: s3,
      params: { Bucket: 'bench-logs', Key: key, Body: fs.createReadStream(big.files[0]) },
    }).done();
    const event = {
      Records: [{ eventSource: 'aws:s3', s3: { bucket: { name: 'bench-logs' }, object: { key, eTag: 'bench' } } }],
    };
    const rssFile = path.join(DATA, `lambda-peak-rss-${process.pid}`);
    const handled = invoke(
      bundle.dir,
      event,
      { ...env, ...SETTINGS, ALERTS_TOPIC_ARN: topic.TopicArn, LOGFED_PEAK_RSS_FILE: rssFile },
      ['--require', PROBE],
    );
    const ms = handled.handleMs;
    const log = handled.logs.find((line) => line.message === 'log object handled') as
      { events?: number; federatedFiles?: number } | undefined;
    const rss = Number(fs.readFileSync(rssFile, 'utf8'));
    fs.rmSync(rssFile, { force: true });
    const analyzeStarted = Date.now();
    const analyzed = spawnSync(process.execPath, [path.join(REPO_ROOT, 'bin', 'logfed.js'), 'analyze', big.files[0]], {
      stdio: 'ignore',
    });
    if (analyzed.status !== 0) throw new Error('logfed analyze failed on the 1 GiB object');
    const analyzeMs = Date.now() - analyzeStarted;

    console.log(
      `1 GiB object: ${(big.uncompressedBytes / MIB).toFixed(0)} MiB uncompressed (${(big.compressedBytes / MIB).toFixed(0)} MiB gzip), ` +
        `${big.events.toLocaleString('en')} events; handled in ${(ms / 1000).toFixed(1)} s ` +
        `(${(big.uncompressedBytes / MIB / (ms / 1000)).toFixed(0)} MiB/s; logfed analyze of the local file ${(analyzeMs / 1000).toFixed(1)} s, ` +
        `handler/analyze ${(ms / analyzeMs).toFixed(2)}x), ${log?.federatedFiles ?? '?'} federated files, ` +
        `peak RSS ${(rss / MIB).toFixed(0)} MiB (goal ≤ 512 MiB: ${verdict(rss <= GOALS.rssBytes)})`,
    );
    if (log?.events !== big.events) throw new Error(`the handler read ${log?.events} of ${big.events} events`);
  } finally {
    moto.stop();
  }
}

main().catch((error) => {
  console.error(`bench:lambda: ${(error as Error).message}`);
  process.exit(1);
});
