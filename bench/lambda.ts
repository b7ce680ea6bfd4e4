/**
 * `npm run bench:lambda`: the log-intelligence bundle as Lambda runs it. Prints the bundle size; the cold
 * module load of the bundle, with the compiled but unbundled handler (dist/) measured in the same run as the
 * reference; and the time and peak memory of the bundled handler on one CloudTrail object of at least 1 GiB
 * uncompressed, read from and written to a local moto S3 endpoint.
 * Usage: node dist/bench/lambda.js [--loads N]   (default 7 loads; median)
 */
import { spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as path from 'node:path';
import { CreateBucketCommand, S3Client } from '@aws-sdk/client-s3';
import { CreateTopicCommand, SNSClient } from '@aws-sdk/client-sns';
import { Upload } from '@aws-sdk/lib-storage';
import { bundleHandler, REPO_ROOT } from '../stacks/bundle';
import { DATA, dataset, option } from './datasets';

const MIB = 1024 ** 2;
const GIB = 1024 ** 3;
const GOALS = { bundleBytes: 1024 ** 2, loadMs: 150, rssBytes: 512 * MIB };
const PROBE = path.join(__dirname, 'peak-rss-probe.js');
const INVOKE = path.join(__dirname, 'lambda-invoke.js');

/** Milliseconds to `require` a module in a fresh Node.js process (median of `runs`). */
function coldLoad(file: string, runs: number): number {
  const script = `const t=process.hrtime.bigint();require(${JSON.stringify(file)});console.log(Number(process.hrtime.bigint()-t)/1e6)`;
  const times = Array.from({ length: runs }, () => {
    const run = spawnSync(process.execPath, ['-e', script], { encoding: 'utf8' });
    if (run.status !== 0) throw new Error(`loading ${file} failed: ${run.stderr}`);
    return Number(run.stdout.trim());
  });
  return times.sort((a, b) => a - b)[Math.floor(runs / 2)];
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
  const loads = option('--loads', 7);
  const bundle = bundleHandler('lambdas/log-intelligence/handler.ts', 'log-intelligence');
  const bundled = coldLoad(path.join(bundle.dir, 'index.js'), loads);
  const unbundled = coldLoad(path.join(REPO_ROOT, 'dist', 'lambdas', 'log-intelligence', 'handler.js'), loads);

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
    const run = spawnSync(process.execPath, ['--require', PROBE, INVOKE, bundle.dir, JSON.stringify(event)], {
      encoding: 'utf8',
      maxBuffer: 64 * MIB,
      env: {
        ...env,
        LOGFED_PEAK_RSS_FILE: rssFile,
        INTELLIGENCE_BUCKET: 'bench-intelligence',
        ALERTS_TOPIC_ARN: topic.TopicArn,
        POWERTOOLS_METRICS_NAMESPACE: 'logfed',
        POWERTOOLS_SERVICE_NAME: 'log-intelligence',
      },
    });
    if (run.status !== 0) throw new Error(`the handler failed on the 1 GiB object: ${run.stderr.slice(-2000)}`);
    const handled = run.stdout
      .split('\n')
      .map((line) => line.trim())
      .filter(Boolean);
    const ms = Number(handled[handled.length - 1]);
    const log = handled
      .map((line) => (line.startsWith('{') ? JSON.parse(line) : {}))
      .find((l) => l.message === 'log object handled');
    const rss = Number(fs.readFileSync(rssFile, 'utf8'));
    fs.rmSync(rssFile, { force: true });

    const verdict = (ok: boolean) => (ok ? 'within goal' : 'OVER GOAL');
    console.log(
      `bundle: ${(bundle.bytes / 1024).toFixed(0)} KiB index.js (goal ≤ 1024 KiB: ${verdict(bundle.bytes <= GOALS.bundleBytes)})`,
    );
    console.log(
      `cold module load: bundle ${bundled.toFixed(0)} ms, unbundled dist/ handler ${unbundled.toFixed(0)} ms ` +
        `(bundle/unbundled ${(bundled / unbundled).toFixed(2)}x; goal ≤ ${GOALS.loadMs} ms: ${verdict(bundled <= GOALS.loadMs)}; median of ${loads})`,
    );
    console.log(
      `1 GiB object: ${(big.uncompressedBytes / MIB).toFixed(0)} MiB uncompressed (${(big.compressedBytes / MIB).toFixed(0)} MiB gzip), ` +
        `${big.events.toLocaleString('en')} events; handled in ${(ms / 1000).toFixed(1)} s ` +
        `(${(big.uncompressedBytes / MIB / (ms / 1000)).toFixed(0)} MiB/s), ${log?.federatedFiles ?? '?'} federated files, ` +
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
