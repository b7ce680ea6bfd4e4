/**
 * `npm run bench:synth`: wall time and peak memory of synthesizing the full app (deep provider imports)
 * against a three-resource app that imports the provider's package root, measured alternately in the
 * same run. Each app runs in a fresh Node process from its own working directory (both write `cdktf.out/`
 * there); the figures are medians. Then the edit loop as a user feels it: a one-line change to
 * `stacks/config/environments.ts` followed by `npm run synth`, against the same reference (and, once, the
 * type-checked build the loop used before, for scale). The edited file is restored afterwards.
 * Usage: node dist/bench/synth.js [--runs N]
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';

const DIST = path.resolve(__dirname, '..');
const ROOT = path.resolve(DIST, '..');
const PROBE = path.join(__dirname, 'peak-rss-probe.js');
const TARGET_RATIO = 5;
/** The file a user edits most; the loop appends a comment line to it and restores it at the end. */
const EDITED = path.join(ROOT, 'stacks', 'config', 'environments.ts');

interface App {
  readonly label: string;
  readonly entry: string;
}

interface Sample {
  readonly seconds: number;
  readonly peakRssBytes: number;
}

const APPS: readonly App[] = [
  { label: 'full app (deep imports)', entry: path.join(DIST, 'stacks', 'main.js') },
  { label: 'reference: 3 resources, root import', entry: path.join(__dirname, 'synth-reference-app.js') },
];

function synthOnce(app: App, workDir: string): Sample {
  const cwd = fs.mkdtempSync(path.join(workDir, 'run-'));
  const rssFile = path.join(cwd, 'peak-rss');
  const started = performance.now();
  const run = spawnSync(process.execPath, ['--require', PROBE, app.entry], {
    cwd,
    env: { ...process.env, LOGFED_PEAK_RSS_FILE: rssFile },
    encoding: 'utf8',
  });
  const seconds = (performance.now() - started) / 1000;
  if (run.status !== 0) throw new Error(`${app.label}: synth failed (exit ${run.status ?? run.signal})\n${run.stderr}`);
  const manifest = path.join(cwd, 'cdktf.out', 'manifest.json');
  if (!fs.existsSync(manifest)) throw new Error(`${app.label}: synth wrote no ${manifest}`);
  const peakRssBytes = Number(fs.readFileSync(rssFile, 'utf8'));
  fs.rmSync(cwd, { recursive: true, force: true });
  return { seconds, peakRssBytes };
}

function timedCommand(label: string, command: string): number {
  const started = performance.now();
  const run = spawnSync('sh', ['-c', command], { cwd: ROOT, encoding: 'utf8' });
  const seconds = (performance.now() - started) / 1000;
  if (run.status !== 0) throw new Error(`${label} failed (exit ${run.status ?? run.signal})\n${run.stderr}`);
  return seconds;
}

/** One pass of the edit loop: change one line of the environments file, then run `command` (a synth). */
function editThenRun(label: string, command: string, run: number): number {
  fs.appendFileSync(EDITED, `// bench:synth edit ${run}\n`);
  return timedCommand(label, command);
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

function parseRuns(argv: readonly string[]): number {
  const index = argv.indexOf('--runs');
  if (index === -1) return 5;
  const runs = Number(argv[index + 1]);
  if (!Number.isInteger(runs) || runs < 1) throw new Error(`--runs must be a positive integer, got ${argv[index + 1]}`);
  return runs;
}

function main(): void {
  const runs = parseRuns(process.argv.slice(2));
  for (const app of APPS) {
    if (!fs.existsSync(app.entry)) throw new Error(`${app.entry} is missing: run npm run build first`);
  }
  const workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'logfed-bench-synth-'));
  try {
    // One warm-up each so both start from the same file-system cache, then alternate to share any noise.
    for (const app of APPS) synthOnce(app, workDir);
    const samples = new Map<App, Sample[]>(APPS.map((app) => [app, []]));
    for (let run = 0; run < runs; run++) {
      for (const app of APPS) samples.get(app)!.push(synthOnce(app, workDir));
    }
    const [full, reference] = APPS.map((app) => ({
      seconds: median(samples.get(app)!.map((s) => s.seconds)),
      megabytes: median(samples.get(app)!.map((s) => s.peakRssBytes)) / 2 ** 20,
    }));
    const rows = [
      ['app', 'wall time (s)', 'peak RSS (MiB)'],
      [APPS[0].label, full.seconds.toFixed(2), full.megabytes.toFixed(0)],
      [APPS[1].label, reference.seconds.toFixed(2), reference.megabytes.toFixed(0)],
      [
        'reference / full',
        `${(reference.seconds / full.seconds).toFixed(1)}x faster`,
        `${(reference.megabytes / full.megabytes).toFixed(1)}x smaller`,
      ],
    ];
    const widths = rows[0].map((_, column) => Math.max(...rows.map((row) => row[column].length)));
    console.log(
      `synth: median of ${runs} runs each, after one warm-up (node ${process.version}, ${os.cpus().length} cpus)`,
    );
    for (const row of rows) console.log(row.map((cell, column) => cell.padEnd(widths[column])).join('  '));
    const meets =
      reference.seconds / full.seconds >= TARGET_RATIO && reference.megabytes / full.megabytes >= TARGET_RATIO;
    console.log(`target: at least ${TARGET_RATIO}x faster and ${TARGET_RATIO}x smaller: ${meets ? 'met' : 'NOT met'}`);
    editLoop(runs, reference.seconds);
  } finally {
    fs.rmSync(workDir, { recursive: true, force: true });
  }
}

/** The edit loop against the reference synth: `npm run synth` right after a one-line change. */
function editLoop(runs: number, referenceSeconds: number): void {
  const original = fs.readFileSync(EDITED);
  const loop: number[] = [];
  let typeChecked: number;
  try {
    for (let run = 0; run < runs; run++) loop.push(editThenRun('npm run synth', 'npm run synth --silent', run));
    typeChecked = editThenRun('tsc build + synth', 'npm run build --silent && node dist/stacks/main.js', runs);
  } finally {
    fs.writeFileSync(EDITED, original);
    timedCommand('transpile', 'node scripts/transpile.js');
  }
  const seconds = median(loop);
  console.log('');
  console.log(`edit loop: one-line change to stacks/config/environments.ts, then npm run synth (median of ${runs})`);
  console.log(`  npm run synth after the edit          ${seconds.toFixed(2)} s`);
  console.log(`  reference synth (3 resources, root)   ${referenceSeconds.toFixed(2)} s`);
  console.log(`  type-checked build + synth (once)     ${typeChecked.toFixed(2)} s`);
  const ratio = seconds / referenceSeconds;
  console.log(
    `  edit loop / reference  ${ratio.toFixed(2)}x   (target ≤ 1x: ${ratio <= 1 ? 'met' : 'NOT met'}); ` +
      `type-checked build / edit loop ${(typeChecked / seconds).toFixed(1)}x`,
  );
}

main();
