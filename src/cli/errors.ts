import { EXIT } from './exit-codes';

/** An error a person can act on: printed as one line (`logfed <command>: <message>`) with an optional hint. */
export class CliError extends Error {
  constructor(
    message: string,
    readonly hint?: string,
    readonly exitCode: number = EXIT.failed,
  ) {
    super(message);
    this.name = 'CliError';
  }
}
