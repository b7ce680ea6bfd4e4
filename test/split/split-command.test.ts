import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { PassThrough } from 'node:stream';
import * as zlib from 'node:zlib';
import { splitCommand } from '../../src/cli/commands/split';
import { runMain } from '../helpers/io';

const BIN = path.join(__dirname, '..', '..', 'bin', 'logfed.js');

async function run(args: string[], stderrIsTty = false): Promise<{ code: number; stdout: string; stderr: string }> {
  const stdout = new PassThrough();
  const stderr = Object.assign(new PassThrough(), { isTTY: stderrIsTty });
  let out = '';
  let err = '';
  stdout.on('data', (chunk) => (out += chunk));
  stderr.on('data', (chunk) => (err += chunk));
  const exit = { code: 0 };
  await splitCommand(exit, { stdout, stderr }).exitOverride().parseAsync(args, { from: 'user' });
  return { code: exit.code, stdout: out, stderr: err };
}

describe('logfed split command', () => {
  let dir: string;
  beforeEach(() => (dir = fs.mkdtempSync(path.join(os.tmpdir(), 'split-command-'))));
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('prints what it wrote and keeps bytes that are not UTF-8 exactly', async () => {
    const bytes = Buffer.from([0xff, 0xfe, 0x0a, 0xc3, 0x28, 0x0d, 0x0a, 0x80, 0x0a]);
    fs.writeFileSync(path.join(dir, 'in.bin'), bytes);
    const result = await run([path.join(dir, 'in.bin'), '--out', path.join(dir, 'out'), '--chunks', '2']);
    expect(result).toMatchObject({ code: 0, stderr: '' });
    expect(JSON.parse(result.stdout)).toEqual({
      chunks: 2,
      bytes: 9,
      manifest: path.join(dir, 'out', 'manifest.json'),
    });
    const parts = ['part-00000', 'part-00001'].map((name) => fs.readFileSync(path.join(dir, 'out', name)));
    expect(Buffer.concat(parts).equals(bytes)).toBe(true);
  });

  it('draws a progress bar on stderr with --progress', async () => {
    fs.writeFileSync(path.join(dir, 'in.log'), 'a\nb\n');
    const result = await run([path.join(dir, 'in.log'), '--out', path.join(dir, 'out'), '--chunks', '2', '--progress']);
    expect(result.stderr).toContain('100%');
  });

  it('reports a truncated gzip in one line, exits 2 and writes nothing', async () => {
    const gzip = zlib.gzipSync(Buffer.from('line\n'.repeat(10_000)));
    fs.writeFileSync(path.join(dir, 'in.gz'), gzip.subarray(0, gzip.length - 10));
    const result = await run([path.join(dir, 'in.gz'), '--out', path.join(dir, 'out'), '--chunks', '2']);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(
      /^logfed split: .*in\.gz: not a complete gzip stream \(unexpected end of file\); nothing was written\n$/,
    );
    expect(fs.existsSync(path.join(dir, 'out'))).toBe(false);
  });

  it.each([
    [
      ['--chunks', '2', '--chunk-size', '1MB'],
      "option '--chunk-size <size>' cannot be used with option '--chunks <n>'",
    ],
    [[], 'give one of --chunks and --chunk-size'],
    [['--chunks', '0'], "option '--chunks <n>' argument '0' is invalid. expected a whole number from 1 to 100000."],
    [
      ['--chunk-size', 'huge'],
      "option '--chunk-size <size>' argument 'huge' is invalid. not a size, e.g. 64MiB, 1GB or 500000.",
    ],
    [
      ['--chunk-size', '1MB', '--slices', '1.5'],
      "option '--slices <n>' argument '1.5' is invalid. expected a whole number from 1 to 4096.",
    ],
    [
      ['--chunks', '2', '--gzip', '--gzip-level', '12'],
      "option '--gzip-level <1-9>' argument '12' is invalid. expected a whole number from 1 to 9.",
    ],
  ])('rejects %j with exit 2', async (options, message) => {
    fs.writeFileSync(path.join(dir, 'in.log'), 'a\n');
    const result = await runMain(['split', path.join(dir, 'in.log'), '--out', path.join(dir, 'out'), ...options]);
    expect(result.code).toBe(2);
    expect(result.err.split('\n')[0]).toBe(`logfed split: ${message}`);
    expect(fs.existsSync(path.join(dir, 'out'))).toBe(false);
  });

  it('reports a missing input', async () => {
    const result = await run([path.join(dir, 'nope.log'), '--out', path.join(dir, 'out'), '--chunks', '2']);
    expect(result.code).toBe(2);
    expect(result.stderr).toBe(`logfed split: ${path.join(dir, 'nope.log')}: no such file\n`);
  });

  it.each(['SIGINT', 'SIGTERM'] as const)(
    'removes the staged copy and exits 130 on %s, writing no manifest',
    async (signal) => {
      // 1 GiB of log lines as 128 gzip members of 8 MiB: a 1 MB file that takes seconds to stage.
      const member = zlib.gzipSync(Buffer.alloc(8 << 20, 'GET /index.html 200 0.004\n'), { level: 1 });
      const input = path.join(dir, 'big.log.gz');
      fs.writeFileSync(input, Buffer.concat(Array.from({ length: 128 }, () => member)));
      const tmp = path.join(dir, 'tmp');
      fs.mkdirSync(tmp);
      const child = spawn(process.execPath, [BIN, 'split', input, '--out', path.join(dir, 'out'), '--chunks', '4'], {
        env: { ...process.env, TMPDIR: tmp },
        stdio: ['ignore', 'ignore', 'pipe'],
      });
      let stderr = '';
      child.stderr.on('data', (chunk) => (stderr += chunk));
      const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
      // Interrupt once the staged copy has started to grow.
      while (
        !fs
          .readdirSync(tmp)
          .some((d) => (fs.statSync(path.join(tmp, d, 'plain'), { throwIfNoEntry: false })?.size ?? 0) > 0)
      ) {
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
      child.kill(signal);
      expect(await exited).toBe(130);
      expect(stderr).toBe(`logfed: interrupted (${signal}); temporary files removed\n`);
      expect(fs.readdirSync(tmp)).toEqual([]);
      expect(fs.existsSync(path.join(dir, 'out', 'manifest.json'))).toBe(false);
    },
  );
});
