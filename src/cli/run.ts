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
