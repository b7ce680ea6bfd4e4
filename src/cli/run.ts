import { CliError } from './errors';
import { EXIT } from './exit-codes';

/** Where a command writes; tests pass buffers, the CLI passes the process streams. */
export interface Io {
  readonly stdout: NodeJS.WritableStream;
  readonly stderr: NodeJS.WritableStream & { isTTY?: boolean };
}

export const processIo: Io = { stdout: process.stdout, stderr: process.stderr };

/** Progress goes to stderr when a person watches it (a terminal) or when `--progress` asks for it. */
export function wantsProgress(io: Io, asked: boolean | undefined): boolean {
  return asked === true || io.stderr.isTTY === true;
}

/**
 * Runs one command body and turns any error into one clear line on stderr and an exit code (a `CliError`'s,
 * otherwise 2: the command could not do its work, e.g. its input was unreachable), so command bodies return
 * codes instead of calling `process.exit` and tests can call them directly.
 */
export async function runCommand(name: string, io: Io, body: () => Promise<number>): Promise<number> {
  try {
    return await body();
  } catch (error) {
    if (error instanceof CliError) {
      io.stderr.write(`logfed ${name}: ${error.message}\n`);
      if (error.hint) io.stderr.write(`  hint: ${error.hint}\n`);
      return error.exitCode;
    }
    const message = error instanceof Error ? error.message : String(error);
    io.stderr.write(`logfed ${name}: ${message.split('\n')[0]}\n`);
    if (process.env.LOGFED_DEBUG && error instanceof Error) io.stderr.write(`${error.stack}\n`);
    return EXIT.failed;
  }
}

let stoppingCleanly = 0;

/** True while a command stops itself on SIGINT/SIGTERM; the entry point then leaves the exit to it. */
export function commandStopsCleanly(): boolean {
  return stoppingCleanly > 0;
}

/**
 * Runs `body` with SIGINT and SIGTERM handed to `onSignal` instead of ending the process, so a command can stop
 * cleanly (what is in flight is finished, what was read is kept) and then return 130.
 */
export async function withInterrupts<T>(onSignal: () => void, body: () => Promise<T>): Promise<T> {
  stoppingCleanly++;
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  try {
    return await body();
  } finally {
    stoppingCleanly--;
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  }
}
