import { PassThrough } from 'node:stream';
import { main } from '../../src/cli';
import type { Io } from '../../src/cli/run';

/** An `Io` whose stdout and stderr are collected in memory, for calling commands directly in tests. */
export function captureIo(isTTY = false): { io: Io; out: () => string; err: () => string } {
  const stdout = new PassThrough();
  const stderr = Object.assign(new PassThrough(), { isTTY });
  let out = '';
  let err = '';
  stdout.on('data', (chunk) => (out += chunk));
  stderr.on('data', (chunk) => (err += chunk));
  return { io: { stdout, stderr }, out: () => out, err: () => err };
}

/** Runs `logfed <argv…>` in this process through `main`, collecting what it writes to the process streams. */
export async function runMain(argv: readonly string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const stdout = jest.spyOn(process.stdout, 'write').mockImplementation((chunk) => ((out += String(chunk)), true));
  const stderr = jest.spyOn(process.stderr, 'write').mockImplementation((chunk) => ((err += String(chunk)), true));
  try {
    return { code: await main(['node', 'logfed', ...argv]), out, err };
  } finally {
    stdout.mockRestore();
    stderr.mockRestore();
  }
}
