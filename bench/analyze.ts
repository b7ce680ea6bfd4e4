/**
 * `npm run bench:analyze`: `logfed analyze` on generated CloudTrail files against reference tools over the
 * same files in the same run: `zcat` (decompression alone), a `zcat | jq` pipeline and DuckDB (`read_json`,
 * `unnest(Records)`, group by) computing the same per-event-name counts (checked equal). Two sizes: a day-sized
 * batch (what one Lambda invocation or a nightly digest of raw logs reads, where fixed costs show) and a large
 * set (where the per-event path shows). Then one CloudTrail object of at least 1 GiB uncompressed, analyzed
 * on its own, for peak memory. Data is generated once and kept in `bench/.data/` (git-ignored).
 * Usage: node dist/bench/analyze.js [--batch-events N] [--batch-files N] [--events N] [--runs N]
 *   (defaults: a batch of 150,000 events in 60 files; 3,000,000 events ≈ 220 MB gzip; 3 runs, median)
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import { availableParallelism } from 'node:os';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import { DATA, dataset, option, type Dataset } from './datasets';

const ROOT = path.resolve(__dirname, '..', '..');
const CLI = path.join(ROOT, 'bin', 'logfed.js');
const PROBE = path.join(__dirname, 'peak-rss-probe.js');
const GIB = 1024 ** 3;
const MIB = 1024 ** 2;
const TARGETS = { vsZcat: 2, vsJq: 4, vsDuckdb: 2, rssBytes: 256 * MIB };
const DUCKDB = path.join(__dirname, 'duckdb-event-counts.js');
const JQ_COUNTS = 'reduce (inputs | .Records[] | .eventName) as $n ({}; .[$n] += 1)';

interface Run {
  readonly seconds: number;
  readonly stdout: string;
  readonly peakRssBytes?: number;
}

function timed(label: string, command: string, args: readonly string[], env: NodeJS.ProcessEnv = process.env): Run {
  const started = performance.now();
  const run = spawnSync(command, args, {
    env,
    encoding: 'utf8',
    maxBuffer: 256 * MIB,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const seconds = (performance.now() - started) / 1000;
  if (run.status !== 0) throw new Error(`${label} failed (exit ${run.status ?? run.signal}): ${run.stderr}`);
  return { seconds, stdout: run.stdout };
}

function zcat(data: Dataset): Run {
  return timed('zcat', 'bash', ['-c', 'zcat -- "$@" > /dev/null', 'zcat', ...data.files]);
}

function jqPipeline(data: Dataset): Run {
  return timed('zcat | jq', 'bash', ['-c', `zcat -- "$@" | jq -n -c '${JQ_COUNTS}'`, 'jq', ...data.files]);
}

function duckdb(data: Dataset, options: readonly string[] = []): Run {
  return timed('duckdb', process.execPath, [DUCKDB, ...options, ...data.files]);
}

function analyze(location: string, extra: readonly string[] = []): Run {
  const rssFile = path.join(DATA, `peak-rss-${process.pid}`);
  const run = timed('logfed analyze', process.execPath, ['--require', PROBE, CLI, 'analyze', location, ...extra], {
    ...process.env,
    LOGFED_PEAK_RSS_FILE: rssFile,
  });
  const peakRssBytes = Number(fs.readFileSync(rssFile, 'utf8'));
  fs.rmSync(rssFile);
  return { ...run, peakRssBytes };
}

function median(runs: readonly Run[]): Run {
  const sorted = [...runs].sort((a, b) => a.seconds - b.seconds);
  return sorted[Math.floor(sorted.length / 2)];
}

function ensureJq(): string {
  if (spawnSync('jq', ['--version']).status === 0) return '';
  process.stderr.write('jq is missing; installing it with apt-get for this benchmark only …\n');
  const install = spawnSync('apt-get', ['install', '-y', 'jq'], { stdio: 'inherit' });
  if (install.status !== 0) throw new Error('jq is missing and apt-get could not install it; install jq and re-run');
  return ' (jq installed by apt-get for this run)';
}

const COUNTS = ['bySource', 'byEventName', 'errors', 'byHour', 'byPrincipal'] as const;

/** The same counts from every tool, or the benchmark is comparing different work. */
function checkSameCounts(summaryJson: string, tool: string, theirs: Record<string, unknown>): void {
  const ours = JSON.parse(summaryJson) as Record<string, unknown>;
  const sorted = (counts: unknown) =>
    JSON.stringify(Object.entries(counts as Record<string, number>).sort(([a], [b]) => (a < b ? -1 : 1)));
  if ('events' in theirs && theirs.events !== ours.events) {
    throw new Error(`logfed analyze and ${tool} disagree on the number of events`);
  }
  for (const name of COUNTS) {
    if (name in theirs && sorted(ours[name]) !== sorted(theirs[name])) {
      throw new Error(`logfed analyze and ${tool} disagree on the counts ${name}`);
    }
  }
}

/** One data set: every tool `runs` times, alternating so they share the machine's noise; jq once (slowest). */
function measure(label: string, data: Dataset, runs: number, jqNote: string): string[] {
  process.stderr.write(`measuring ${label} (${runs} runs each, alternating; jq once) …\n`);
  const zcatRuns: Run[] = [];
  const analyzeRuns: Run[] = [];
  const duckdbRuns: Run[] = [];
  const duckdbNamesRuns: Run[] = [];
  for (let i = 0; i < runs; i++) {
    zcatRuns.push(zcat(data));
    analyzeRuns.push(analyze(data.dir));
    duckdbRuns.push(duckdb(data));
    duckdbNamesRuns.push(duckdb(data, ['--names-only']));
  }
  const jq = jqPipeline(data);
  checkSameCounts(analyzeRuns[0].stdout, 'jq', { byEventName: JSON.parse(jq.stdout) });
  checkSameCounts(analyzeRuns[0].stdout, 'DuckDB', JSON.parse(duckdbRuns[0].stdout));
  checkSameCounts(analyzeRuns[0].stdout, 'DuckDB (event names)', JSON.parse(duckdbNamesRuns[0].stdout));
  const z = median(zcatRuns);
  const a = median(analyzeRuns);
  const d = median(duckdbRuns);
  const dn = median(duckdbNamesRuns);
  const vsZcat = a.seconds / z.seconds;
  const vsJq = jq.seconds / a.seconds;
  const vsDuckdb = d.seconds / a.seconds;
  return [
    `${label}: ${data.files.length} CloudTrail files, ${data.events.toLocaleString('en')} events, ${mb(data.compressedBytes)} gzip, ${mb(data.uncompressedBytes)} uncompressed`,
    `  zcat (decompression only)          ${s(z.seconds)}   median of ${runs}`,
    `  zcat | jq per-event-name counts     ${s(jq.seconds)}${jqNote}`,
    `  DuckDB, the same counts             ${s(d.seconds)}   median of ${runs}; ${availableParallelism()} threads`,
    `  DuckDB, event names only            ${s(dn.seconds)}   median of ${runs}; for information: less than analyze computes`,
    `  logfed analyze (all cores)          ${s(a.seconds)}   median of ${runs}; ${(data.events / a.seconds / 1e6).toFixed(2)} M events/s, ${mb(data.uncompressedBytes / a.seconds)}/s uncompressed; peak RSS ${mib(a.peakRssBytes ?? 0)}`,
    `  analyze / zcat      ${vsZcat.toFixed(2)}x   (target ≤ ${TARGETS.vsZcat}x: ${verdict(vsZcat <= TARGETS.vsZcat)})`,
    `  jq / analyze        ${vsJq.toFixed(2)}x   (target ≥ ${TARGETS.vsJq}x: ${verdict(vsJq >= TARGETS.vsJq)})`,
    `  DuckDB / analyze    ${vsDuckdb.toFixed(2)}x   (target ≥ ${TARGETS.vsDuckdb}x: ${verdict(vsDuckdb >= TARGETS.vsDuckdb)}; event names only: ${(dn.seconds / a.seconds).toFixed(2)}x)`,
    '',
  ];
}

const mb = (bytes: number) => `${(bytes / 1e6).toFixed(0)} MB`;
const mib = (bytes: number) => `${(bytes / MIB).toFixed(0)} MiB`;
const s = (seconds: number) => `${seconds.toFixed(2)} s`;
const verdict = (ok: boolean) => (ok ? 'meets target' : 'MISSES target');

async function main(): Promise<void> {
  const events = option('--events', 3_000_000);
  const runs = option('--runs', 3);
  const jqNote = ensureJq();
  const batchEvents = option('--batch-events', 150_000);
  const batchFiles = option('--batch-files', 60);
  const batch = await dataset(`trail-${batchEvents}-in-${batchFiles}`, batchEvents, batchFiles);
  const data = await dataset(`trail-${events}`, events, Math.max(1, Math.round(events / 2000)));
  const eventBytes = data.uncompressedBytes / data.events;
  const single = await dataset(`single-1gib`, Math.ceil((1.02 * GIB) / eventBytes), 1);

  const lines = [
    `logfed analyze benchmark — ${availableParallelism()} cores, node ${process.version}`,
    '',
    ...measure('day-sized batch', batch, runs, jqNote),
    ...measure('large set', data, runs, jqNote),
  ];
  const singleZcat = zcat(single);
  const singleRun = analyze(single.dir);
  const singleSummary = JSON.parse(singleRun.stdout) as { events: number; skipped: unknown[] };
  if (singleSummary.events !== single.events || singleSummary.skipped.length > 0) {
    throw new Error(
      `the 1 GiB object was not read whole: ${singleSummary.events} events, ${singleSummary.skipped.length} skipped`,
    );
  }
  lines.push(
    `single object: ${mib(single.uncompressedBytes)} uncompressed (${mb(single.compressedBytes)} gzip), ${single.events.toLocaleString('en')} events`,
    `  zcat ${s(singleZcat.seconds)}, logfed analyze ${s(singleRun.seconds)}, peak RSS ${mib(singleRun.peakRssBytes ?? 0)}   (target ≤ ${mib(TARGETS.rssBytes)}: ${verdict((singleRun.peakRssBytes ?? Infinity) <= TARGETS.rssBytes)})`,
  );
  process.stdout.write(`${lines.join('\n')}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`bench:analyze: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
});
