/**
 * `npm run bench:load`: `logfed load` of a generated storefront log of about 1 GiB (one line in 100,000 malformed)
 * into a fresh DuckDB file, under `/usr/bin/time`: wall and CPU seconds, peak memory, throughput. Data is generated
 * once and kept in `bench/.data/` (git-ignored).
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';

const DATA = path.resolve(__dirname, '..', '..', 'bench', '.data');
const CLI = path.resolve(__dirname, '..', 'src', 'cli', 'index.js');
const BYTES = 1 << 30;

function ensureStorefrontLog(): string {
  const file = path.join(DATA, 'storefront-1gib.log');
  if (fs.existsSync(file) && fs.statSync(file).size >= BYTES) return file;
  fs.mkdirSync(DATA, { recursive: true });
  const fd = fs.openSync(`${file}.tmp`, 'w');
  let x = 1;
  let written = 0;
  for (let line = 0; written < BYTES;) {
    const block: string[] = [];
    for (let i = 0; i < 20_000; i++, line++) {
      x = (x * 1103515245 + 12345) % 2 ** 31;
      const status = line % 100_000 === 99_999 ? 'OK' : String([200, 200, 201, 404, 503][x % 5]);
      block.push(
        `2026-11-28T${String(line % 24).padStart(2, '0')}:${String(x % 60).padStart(2, '0')}:07Z ` +
          `10.${x % 256}.${(x >> 8) % 256}.${(x >> 16) % 256} ${['GET', 'PUT', 'POST'][x % 3]} ` +
          `/api/${['orders', 'cart', 'catalog', 'customers'][x % 4]}/${x.toString(36)} ${status} ${x % 50_000} ` +
          `${x % 3000}ms store-${String(x % 40).padStart(3, '0')}\n`,
      );
    }
    written += fs.writeSync(fd, block.join(''));
  }
  fs.closeSync(fd);
  fs.renameSync(`${file}.tmp`, file);
  return file;
}

function main(): void {
  const input = ensureStorefrontLog();
  const out = path.join(DATA, 'load-run');
  fs.rmSync(out, { recursive: true, force: true });
  fs.mkdirSync(out, { recursive: true });
  spawnSync('sync');
  const report = path.join(out, 'time.txt');
  const args = ['load', input, '--warehouse', path.join(out, 'w.duckdb'), '--exceptions', path.join(out, 'exc')];
  const run = spawnSync('/usr/bin/time', ['-f', '%e %M %U %S', '-o', report, process.execPath, CLI, ...args], {
    encoding: 'utf8',
    maxBuffer: 16 << 20,
  });
  // Exit 1: the malformed lines were rejected, as intended.
  if (run.status !== 0 && run.status !== 1) throw new Error(`logfed load failed: ${run.stderr}`);
  // The last line: /usr/bin/time puts "Command exited with non-zero status 1" before it.
  const [seconds, rssKiB, user, system] = fs
    .readFileSync(report, 'utf8')
    .trim()
    .split('\n')
    .at(-1)!
    .split(' ')
    .map(Number);
  const mib = fs.statSync(input).size / 2 ** 20;
  process.stdout.write(run.stdout.split('\n')[0] + '\n');
  process.stdout.write(
    `logfed load of ${mib.toFixed(0)} MiB: ${seconds.toFixed(1)} s wall, ${(user + system).toFixed(1)} s CPU, ` +
      `${(rssKiB / 1024).toFixed(0)} MiB peak, ${(mib / seconds).toFixed(1)} MiB/s\n`,
  );
}

main();
