/**
 * `npm run bench:forward`: `logfed forward` of generated CloudTrail files to a local sink that accepts everything
 * (Splunk HEC, then OpenSearch _bulk, both served by this process on a loopback port), against `logfed analyze`
 * of the same files in the same run: events per second and peak memory. Then forwarding a tenth of the input,
 * to show that peak memory does not grow with the input. Data is generated once and kept in `bench/.data/`.
 * Usage: node dist/bench/forward.js [--events N]   (default 1,000,000 events)
 */
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import { availableParallelism } from 'node:os';
import { logfed, MIB, Run } from './common';
import { dataset, option } from './datasets';

/** A HEC token, and user:password for OpenSearch basic auth; the sink checks neither. */
const TOKENS: Record<string, string> = { splunk: 'bench-token', opensearch: 'bench:bench' };
const TARGETS = { vsAnalyze: 0.5 };

/** Accepts every request: HEC answers Success, `_bulk` answers that no item failed. Counts bodies and bytes. */
async function acceptAllSink(): Promise<{ endpoint: string; requests: () => number; close: () => void }> {
  let requests = 0;
  const server = http.createServer((req, res) => {
    req.on('data', () => undefined);
    req.on('end', () => {
      if (req.url?.startsWith('/_bulk') || req.url?.startsWith('/services/collector/event')) requests++;
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(req.url?.startsWith('/_bulk') ? '{"took":1,"errors":false,"items":[]}' : '{"text":"Success","code":0}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    endpoint: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    requests: () => requests,
    close: () => server.close(),
  };
}

const mib = (bytes = 0) => `${(bytes / MIB).toFixed(0)} MiB`;
const perSecond = (events: number, run: Run) => events / run.seconds;

async function main(): Promise<void> {
  const events = option('--events', 1_000_000);
  const data = await dataset(`trail-${events}`, events, Math.max(1, Math.round(events / 2000)));
  const tenth = data.files.slice(0, Math.max(1, Math.round(data.files.length / 10)));
  const sink = await acceptAllSink();
  const forward = async (to: string, paths: readonly string[]) => {
    process.env.LOGFED_SINK_TOKEN = TOKENS[to];
    const run = await logfed(['forward', ...paths, '--to', to, '--endpoint', sink.endpoint, '--spill', data.dir]);
    const printed = JSON.parse(run.stdout) as { read: number; delivered: number; spilled: number };
    if (printed.delivered !== printed.read || printed.spilled !== 0) {
      throw new Error(`forward to ${to} did not deliver everything: ${run.stdout}`);
    }
    return { run, read: printed.read };
  };

  process.stderr.write('measuring …\n');
  const analyzed = await logfed(['analyze', data.dir]);
  const analyzedEvents = (JSON.parse(analyzed.stdout) as { events: number }).events;
  let splunk, opensearch, small;
  try {
    splunk = await forward('splunk', [data.dir]);
    opensearch = await forward('opensearch', [data.dir]);
    small = await forward('splunk', tenth);
  } finally {
    sink.close();
  }
  if (splunk.read !== analyzedEvents || opensearch.read !== analyzedEvents) {
    throw new Error(`forward read ${splunk.read}/${opensearch.read} events, analyze ${analyzedEvents}`);
  }

  const reference = perSecond(analyzedEvents, analyzed);
  const line = (label: string, run: Run, count: number) => {
    const rate = perSecond(count, run);
    return `${label.padEnd(34)} ${run.seconds.toFixed(2)} s   ${(rate / 1000).toFixed(0)}k events/s   ${(rate / reference).toFixed(2)}x analyze   peak RSS ${mib(run.peakRssBytes)}`;
  };
  const worst = Math.min(perSecond(splunk.read, splunk.run), perSecond(opensearch.read, opensearch.run)) / reference;
  const lines = [
    `logfed forward benchmark — ${availableParallelism()} cores, node ${process.version}`,
    `input: ${data.files.length} CloudTrail files, ${analyzedEvents.toLocaleString('en')} events, ${(data.compressedBytes / 1e6).toFixed(0)} MB gzip, ${(data.uncompressedBytes / 1e6).toFixed(0)} MB uncompressed; ${sink.requests()} requests served`,
    '',
    line('logfed analyze (all cores)', analyzed, analyzedEvents),
    line('logfed forward --to splunk', splunk.run, splunk.read),
    line('logfed forward --to opensearch', opensearch.run, opensearch.read),
    line(`forward --to splunk, ${tenth.length} files`, small.run, small.read),
    '',
    `slower forward / analyze   ${worst.toFixed(2)}x   (target ≥ ${TARGETS.vsAnalyze}x: ${worst >= TARGETS.vsAnalyze ? 'meets target' : 'MISSES target'})`,
    `peak RSS, all input / a tenth   ${mib(splunk.run.peakRssBytes)} / ${mib(small.run.peakRssBytes)}`,
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`bench:forward: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
});
