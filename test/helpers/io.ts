import { PassThrough } from 'node:stream';
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
