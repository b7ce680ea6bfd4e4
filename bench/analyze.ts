/**
 * `npm run bench:analyze`: `logfed analyze` on generated CloudTrail files against reference tools over the
 * same files in the same run: `zcat` (decompression alone) and a `zcat | jq` pipeline computing the same
 * per-event-name counts (checked equal). Then one CloudTrail object of at least 1 GiB uncompressed, analyzed
 * on its own, for peak memory. Data is generated once and kept in `bench/.data/` (git-ignored).
 * Usage: node dist/bench/analyze.js [--events N] [--runs N]   (defaults: 3,000,000 events ≈ 220 MB gzip, 3 runs; median)
 */
import { spawnSync } from 'node:child_process';
import { availableParallelism } from 'node:os';
import { logfed, MIB, Run, timed } from './common';
import { Dataset, dataset, option } from './datasets';

const GIB = 1024 ** 3;
const TARGETS = { vsZcat: 2, vsJq: 4, rssBytes: 256 * MIB };
const JQ_COUNTS = 'reduce (inputs | .Records[] | .eventName) as $n ({}; .[$n] += 1)';

function analyze(location: string): Promise<Run> {
  return logfed(['analyze', location]);
}

function zcat(data: Dataset): Promise<Run> {
  return timed('zcat', 'bash', ['-c', 'zcat -- "$@" > /dev/null', 'zcat', ...data.files]);
}

function jqPipeline(data: Dataset): Promise<Run> {
  return timed('zcat | jq', 'bash', ['-c', `zcat -- "$@" | jq -n -c '${JQ_COUNTS}'`, 'jq', ...data.files]);
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

/** The same per-event-name counts from both tools, or the benchmark is comparing different work. */
function checkSameCounts(summaryJson: string, jqJson: string): void {
  const ours = (JSON.parse(summaryJson) as { byEventName: Record<string, number> }).byEventName;
  const theirs = JSON.parse(jqJson) as Record<string, number>;
  const sorted = (counts: Record<string, number>) =>
    JSON.stringify(Object.entries(counts).sort(([a], [b]) => (a < b ? -1 : 1)));
  if (sorted(ours) !== sorted(theirs)) throw new Error('logfed analyze and jq disagree on the per-event-name counts');
}

const mb = (bytes: number) => `${(bytes / 1e6).toFixed(0)} MB`;
const mib = (bytes: number) => `${(bytes / MIB).toFixed(0)} MiB`;
const s = (seconds: number) => `${seconds.toFixed(2)} s`;
const verdict = (ok: boolean) => (ok ? 'meets target' : 'MISSES target');

async function main(): Promise<void> {
  const events = option('--events', 3_000_000);
  const runs = option('--runs', 3);
  const jqNote = ensureJq();
  const data = await dataset(`trail-${events}`, events, Math.max(1, Math.round(events / 2000)));
  const eventBytes = data.uncompressedBytes / data.events;
  const single = await dataset(`single-1gib`, Math.ceil((1.02 * GIB) / eventBytes), 1);

  process.stderr.write(`measuring (${runs} runs each, alternating; jq once) …\n`);
  const zcatRuns: Run[] = [];
  const analyzeRuns: Run[] = [];
  for (let i = 0; i < runs; i++) {
    zcatRuns.push(await zcat(data));
    analyzeRuns.push(await analyze(data.dir));
  }
  const jq = await jqPipeline(data);
  checkSameCounts(analyzeRuns[0].stdout, jq.stdout);
  const z = median(zcatRuns);
  const a = median(analyzeRuns);
  const singleZcat = await zcat(single);
  const singleRun = await analyze(single.dir);
  const singleSummary = JSON.parse(singleRun.stdout) as { events: number; skipped: unknown[] };
  if (singleSummary.events !== single.events || singleSummary.skipped.length > 0) {
    throw new Error(
      `the 1 GiB object was not read whole: ${singleSummary.events} events, ${singleSummary.skipped.length} skipped`,
    );
  }

  const vsZcat = a.seconds / z.seconds;
  const vsJq = jq.seconds / a.seconds;
  const lines = [
    `logfed analyze benchmark — ${availableParallelism()} cores, node ${process.version}`,
    `input: ${data.files.length} CloudTrail files, ${data.events.toLocaleString('en')} events, ${mb(data.compressedBytes)} gzip, ${mb(data.uncompressedBytes)} uncompressed`,
    '',
    `zcat (decompression only)          ${s(z.seconds)}   median of ${runs}`,
    `zcat | jq per-event-name counts     ${s(jq.seconds)}${jqNote}`,
    `logfed analyze (all cores)          ${s(a.seconds)}   median of ${runs}; ${(data.events / a.seconds / 1e6).toFixed(2)} M events/s, ${mb(data.uncompressedBytes / a.seconds)}/s uncompressed; peak RSS ${mib(a.peakRssBytes ?? 0)}`,
    '',
    `analyze / zcat      ${vsZcat.toFixed(2)}x   (target ≤ ${TARGETS.vsZcat}x: ${verdict(vsZcat <= TARGETS.vsZcat)})`,
    `jq / analyze        ${vsJq.toFixed(2)}x   (target ≥ ${TARGETS.vsJq}x: ${verdict(vsJq >= TARGETS.vsJq)})`,
    '',
    `single object: ${mib(single.uncompressedBytes)} uncompressed (${mb(single.compressedBytes)} gzip), ${single.events.toLocaleString('en')} events`,
    `  zcat ${s(singleZcat.seconds)}, logfed analyze ${s(singleRun.seconds)}, peak RSS ${mib(singleRun.peakRssBytes ?? 0)}   (target ≤ ${mib(TARGETS.rssBytes)}: ${verdict((singleRun.peakRssBytes ?? Infinity) <= TARGETS.rssBytes)})`,
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`bench:analyze: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
});
