/**
 * `npm run bench:split`: `logfed split --chunks 16` against GNU `split -n l/16`, plain and gzip (both gzip level 6,
 * GNU gzip's default), on a generated log file of about 1 GiB, then the same split of a 256 MiB file to show that
 * peak memory does not grow with the input. Both sides are measured by `/usr/bin/time` in the same run.
 * Data is generated once and kept in `bench/.data/` (git-ignored).
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';

const DATA = path.resolve(__dirname, '..', '..', 'bench', '.data');
const CLI = path.resolve(__dirname, '..', 'src', 'cli', 'index.js');
const CHUNKS = '16';
const TARGETS = { plainRatio: 1.25, gzipRatio: 1 };
const PLAIN_RUNS = 7;

interface Run {
  readonly seconds: number;
  /** User + system CPU: less sensitive than wall time to other load on a shared machine. */
  readonly cpuSeconds: number;
  readonly peakRssMiB: number;
}

/** Writes log-like lines (varied, so gzip has real work) until the file reaches `bytes`. */
function ensureLog(name: string, bytes: number): string {
  const file = path.join(DATA, name);
  if (fs.existsSync(file) && fs.statSync(file).size >= bytes) return file;
  fs.mkdirSync(DATA, { recursive: true });
  const fd = fs.openSync(`${file}.tmp`, 'w');
  let x = 1;
  let written = 0;
  for (let line = 0; written < bytes;) {
    const block: string[] = [];
    for (let i = 0; i < 20_000; i++, line++) {
      x = (x * 1103515245 + 12345) % 2 ** 31;
      block.push(
        `2026-11-28T${String(line % 24).padStart(2, '0')}:${String(x % 60).padStart(2, '0')}:07.${x % 1000}Z ` +
          `10.${x % 256}.${(x >> 8) % 256}.${(x >> 16) % 256} ${['GET', 'PUT', 'POST'][x % 3]} /api/v1/orders/${x.toString(36)} ` +
          `${[200, 200, 200, 404, 500][x % 5]} ${x % 50_000} "Mozilla/5.0 (${x % 7})" req-${line}\n`,
      );
    }
    written += fs.writeSync(fd, block.join(''));
  }
  fs.closeSync(fd);
  fs.renameSync(`${file}.tmp`, file);
  return file;
}

/** Runs a command under `/usr/bin/time` in a fresh output folder; wall seconds and peak RSS. */
function timed(out: string, command: string, args: readonly string[]): Run {
  fs.rmSync(out, { recursive: true, force: true });
  fs.mkdirSync(out, { recursive: true });
  // Flush the previous run's dirty pages first, so neither side pays for the other's write-back.
  spawnSync('sync');
  const report = path.join(DATA, 'time.txt');
  const run = spawnSync('/usr/bin/time', ['-f', '%e %M %U %S', '-o', report, command, ...args], {
    cwd: out,
    encoding: 'utf8',
  });
  if (run.status !== 0) throw new Error(`${command} ${args.join(' ')} failed: ${run.stderr}`);
  const [seconds, kib, user, system] = fs.readFileSync(report, 'utf8').trim().split('\n').pop()!.split(' ').map(Number);
  fs.rmSync(out, { recursive: true, force: true });
  return { seconds, cpuSeconds: user + system, peakRssMiB: kib / 1024 };
}

const gnuSplit = (file: string, out: string) => timed(out, 'split', ['-n', `l/${CHUNKS}`, file, 'part-']);
const gnuSplitGzip = (file: string, out: string) =>
  timed(out, 'split', ['-n', `l/${CHUNKS}`, '--filter=gzip -6 > $FILE.gz', file, 'part-']);
const logfedSplit = (file: string, out: string, gzip: boolean) =>
  timed(out, process.execPath, [
    CLI,
    'split',
    file,
    '--out',
    out,
    '--chunks',
    CHUNKS,
    ...(gzip ? ['--gzip', '--gzip-level', '6'] : []),
  ]);

/** The median run, and the fastest and slowest wall times to show the spread. */
function median(runs: Run[]): Run & { range: string } {
  const sorted = [...runs].sort((a, b) => a.seconds - b.seconds);
  const range = `${sorted[0].seconds.toFixed(2)}–${sorted[sorted.length - 1].seconds.toFixed(2)} s`;
  return { ...sorted[Math.floor(runs.length / 2)], range };
}

function main(): void {
  if (spawnSync('/usr/bin/time', ['true']).status !== 0)
    throw new Error('/usr/bin/time is missing: apt-get install time');
  const big = ensureLog('split-1gib.log', 2 ** 30);
  const small = ensureLog('split-256mib.log', 2 ** 28);
  const out = path.join(DATA, 'split-out');
  const gib = fs.statSync(big).size / 2 ** 30;
  const warm = () => spawnSync('sh', ['-c', `cat "${big}" "${small}" > /dev/null`]); // inputs in page cache
  // Plain splits take well under a second and single runs are noisy on a shared machine: median of rounds that
  // alternate which side goes first, each round on a warm page cache.
  const plainRuns = Array.from({ length: PLAIN_RUNS }, (_, round) => {
    warm();
    if (round % 2) {
      const logfed = logfedSplit(big, out, false);
      return { gnu: gnuSplit(big, out), logfed };
    }
    return { gnu: gnuSplit(big, out), logfed: logfedSplit(big, out, false) };
  });
  const plain = { gnu: median(plainRuns.map((r) => r.gnu)), logfed: median(plainRuns.map((r) => r.logfed)) };
  warm();
  const gzip = { gnu: gnuSplitGzip(big, out), logfed: logfedSplit(big, out, true) };
  const smallPlain = logfedSplit(small, out, false);
  const smallGzip = logfedSplit(small, out, true);
  const line = (label: string, run: Run) =>
    `  ${label.padEnd(44)} ${run.seconds.toFixed(2).padStart(7)} s  ${(gib / run.seconds).toFixed(2)} GiB/s  cpu ${run.cpuSeconds.toFixed(2)} s  peak RSS ${run.peakRssMiB.toFixed(0)} MiB`;
  const verdict = (ok: boolean) => (ok ? 'met' : 'NOT met');
  const plainRatio = plain.logfed.seconds / plain.gnu.seconds;
  const gzipRatio = gzip.logfed.seconds / gzip.gnu.seconds;
  console.log(`split of ${gib.toFixed(2)} GiB into ${CHUNKS} chunks (${big}); gzip level 6 on both sides`);
  console.log(line(`split -n l/${CHUNKS} (median of ${PLAIN_RUNS})`, plain.gnu) + `  range ${plain.gnu.range}`);
  console.log(
    line(`logfed split --chunks ${CHUNKS} (median of ${PLAIN_RUNS})`, plain.logfed) + `  range ${plain.logfed.range}`,
  );
  console.log(
    `  ratio logfed/GNU ${plainRatio.toFixed(2)}×   (target ≤ ${TARGETS.plainRatio}×: ${verdict(plainRatio <= TARGETS.plainRatio)})`,
  );
  console.log(line(`split -n l/${CHUNKS} --filter='gzip -6 > $FILE.gz'`, gzip.gnu));
  console.log(line(`logfed split --chunks ${CHUNKS} --gzip`, gzip.logfed));
  console.log(
    `  ratio logfed/GNU ${gzipRatio.toFixed(2)}×   (target < ${TARGETS.gzipRatio}×: ${verdict(gzipRatio < TARGETS.gzipRatio)})`,
  );
  console.log('peak memory against input size (logfed split --chunks 16):');
  console.log(
    `  plain: 256 MiB → ${smallPlain.peakRssMiB.toFixed(0)} MiB, ${gib.toFixed(2)} GiB → ${plain.logfed.peakRssMiB.toFixed(0)} MiB`,
  );
  console.log(
    `  gzip:  256 MiB → ${smallGzip.peakRssMiB.toFixed(0)} MiB, ${gib.toFixed(2)} GiB → ${gzip.logfed.peakRssMiB.toFixed(0)} MiB`,
  );
}

main();
