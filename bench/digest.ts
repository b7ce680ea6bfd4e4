/**
 * `npm run bench:digest`: wall time and peak memory of `logfed digest` over 10,000 and 100,000 generated
 * summary files, against jq streaming the same files and summing their event counts (the least any digest must
 * do: read and parse every file), measured in the same run. Goal: at most jq's time at the largest size. The
 * memory ratio between the two sizes shows the digest stays bounded. Each tool runs `--runs` times, alternating, and the medians are compared (the
 * machine may be shared: a ratio of medians measured together is what to read, not the seconds).
 * Usage: node dist/bench/digest.js [--sizes 10000,100000] [--runs 3]
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import { summaryKey } from '../src/digest';
import { emptySummary } from '../src/summary/merge';
import type { Summary } from '../src/summary/types';

const ROOT = path.resolve(__dirname, '..', '..');
const CLI = path.join(ROOT, 'bin', 'logfed.js');
const PROBE = path.join(__dirname, 'peak-rss-probe.js');
const DAY = '2026-11-27';
/** The goal: a digest takes at most the time of jq summing the same files. */
const TARGET_VS_JQ = 1;

interface Sample {
  readonly seconds: number;
  readonly peakRssBytes?: number;
  readonly events: number;
}

/** One five-minute summary: a few services and principals, a finding in every hundredth. */
function summary(i: number): Summary {
  const hour = `${DAY}T${String(i % 24).padStart(2, '0')}`;
  const eventID = `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`;
  return {
    ...emptySummary(),
    objects: 1,
    events: 40,
    bySource: { 's3.amazonaws.com': 30, 'iam.amazonaws.com': 10 },
    byEventName: { GetObject: 30, [`Describe${i % 50}`]: 10 },
    errors: { AccessDenied: i % 3 },
    byHour: { [hour]: 40 },
    byPrincipal: { [`arn:aws:iam::111122223333:role/app-${i % 200}`]: 40 },
    byKind: { cloudtrail: 1 },
    findings:
      i % 100 === 0
        ? [
            {
              id: `cis-cloudwatch-4:${eventID}`,
              ruleId: 'cis-cloudwatch-4',
              severity: i % 200 === 0 ? 'high' : 'medium',
              title: 'IAM policy changed',
              eventID,
              eventName: 'PutUserPolicy',
              eventTime: `${hour}:01:00Z`,
              principal: 'arn:aws:iam::111122223333:user/someone',
              references: ['cis:CloudWatch.4'],
            },
          ]
        : [],
    firstEventTime: `${hour}:00:00Z`,
    lastEventTime: `${hour}:04:59Z`,
  };
}

function generate(dir: string, count: number): void {
  for (let i = 0; i < count; i += 1) {
    const key = summaryKey(new Date(`${DAY}T${String(i % 24).padStart(2, '0')}:00:00Z`), `s${i}`);
    fs.mkdirSync(path.join(dir, path.dirname(key)), { recursive: true });
    fs.writeFileSync(path.join(dir, key), JSON.stringify(summary(i)));
  }
}

function digest(dir: string, rssFile: string): Sample {
  const started = performance.now();
  const run = spawnSync(
    process.execPath,
    [
      '--require',
      PROBE,
      CLI,
      'digest',
      '--source',
      dir,
      '--since',
      `${DAY}T00:00:00Z`,
      '--hours',
      '24',
      '--format',
      'json',
    ],
    { env: { ...process.env, LOGFED_PEAK_RSS_FILE: rssFile }, encoding: 'utf8', maxBuffer: 64 * 2 ** 20 },
  );
  const seconds = (performance.now() - started) / 1000;
  if (run.status !== 0) throw new Error(`logfed digest failed (exit ${run.status}): ${run.stderr}`);
  return { seconds, peakRssBytes: Number(fs.readFileSync(rssFile, 'utf8')), events: JSON.parse(run.stdout).events };
}

function jq(dir: string): Sample {
  const started = performance.now();
  const run = spawnSync(
    'sh',
    ['-c', `find "$0" -name '*.json' -exec cat {} + | jq -n 'reduce inputs as $s (0; . + $s.events)'`, dir],
    { encoding: 'utf8' },
  );
  const seconds = (performance.now() - started) / 1000;
  if (run.status !== 0) throw new Error(`jq failed (exit ${run.status}): ${run.stderr} (is jq installed?)`);
  return { seconds, events: Number(run.stdout.trim()) };
}

function median(samples: readonly Sample[]): Sample {
  return [...samples].sort((a, b) => a.seconds - b.seconds)[Math.floor(samples.length / 2)];
}

function main(): void {
  const runsIndex = process.argv.indexOf('--runs');
  const runs = runsIndex === -1 ? 3 : Number(process.argv[runsIndex + 1]);
  if (!Number.isInteger(runs) || runs < 1) throw new Error('--runs takes a positive integer');
  const index = process.argv.indexOf('--sizes');
  const sizes = (index === -1 ? '10000,100000' : process.argv[index + 1]).split(',').map(Number);
  if (sizes.some((n) => !Number.isInteger(n) || n < 1))
    throw new Error('--sizes takes positive integers, e.g. 10000,100000');
  if (!fs.existsSync(CLI) || !fs.existsSync(PROBE)) throw new Error('run npm run build first');
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'logfed-bench-digest-'));
  const rows = [['summaries', 'logfed digest (s)', 'jq sum (s)', 'digest / jq time', 'digest peak RSS (MiB)']];
  const rss: number[] = [];
  let lastRatio = NaN;
  try {
    for (const size of sizes) {
      const dir = path.join(work, String(size));
      generate(dir, size);
      jq(dir); // warm the file-system cache for both
      const oursRuns: Sample[] = [];
      const referenceRuns: Sample[] = [];
      for (let run = 0; run < runs; run += 1) {
        oursRuns.push(digest(dir, path.join(work, 'rss')));
        referenceRuns.push(jq(dir));
      }
      const ours = median(oursRuns);
      const reference = median(referenceRuns);
      if (ours.events !== reference.events) {
        throw new Error(`event totals differ: digest ${ours.events}, jq ${reference.events}`);
      }
      rss.push(ours.peakRssBytes!);
      lastRatio = ours.seconds / reference.seconds;
      rows.push([
        size.toLocaleString('en-US'),
        ours.seconds.toFixed(2),
        reference.seconds.toFixed(2),
        `${(ours.seconds / reference.seconds).toFixed(2)}x`,
        (ours.peakRssBytes! / 2 ** 20).toFixed(0),
      ]);
      fs.rmSync(dir, { recursive: true, force: true });
    }
    const widths = rows[0].map((_, c) => Math.max(...rows.map((r) => r[c].length)));
    console.log(`digest: median of ${runs} runs per size (node ${process.version}, ${os.cpus().length} cpus)`);
    for (const row of rows) console.log(row.map((cell, c) => cell.padEnd(widths[c])).join('  '));
    const verdict = lastRatio <= TARGET_VS_JQ ? 'meets target' : 'MISSES target';
    const largest = sizes[sizes.length - 1].toLocaleString('en-US');
    console.log(`digest / jq at ${largest}: ${lastRatio.toFixed(2)}x (target ≤ ${TARGET_VS_JQ}x: ${verdict})`);
    if (rss.length > 1) {
      const growth = rss[rss.length - 1] / rss[0];
      const files = sizes[sizes.length - 1] / sizes[0];
      console.log(`peak RSS grew ${growth.toFixed(2)}x for ${files.toFixed(0)}x the summaries`);
    }
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
  }
}

main();
