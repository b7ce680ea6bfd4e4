import { Command, Option } from 'commander';
import {
  checkIndexPattern,
  createForwarder,
  CredentialError,
  DEFAULT_INDEX_PATTERN,
  Forwarder,
  type ForwardCounts,
  type ReadOptions,
  type Skipped,
  readSecretToken,
  SINK_NAMES,
  SinkName,
  TOKEN_VARIABLE,
} from '../forward';
import { StoreError } from '../store';
import { CliError } from './errors';
import { progressBar } from './progress';
import { Io, wantsProgress, withInterrupts } from './run';

/** The options `logfed forward` and `logfed replay` share: where to send, how to authenticate, where to spill. */
export interface SinkCommandOptions {
  readonly to: string;
  readonly endpoint: string;
  readonly index?: string;
  readonly tokenSecret?: string;
  readonly sigv4?: 'es' | 'aoss';
  readonly ack?: boolean;
  readonly spill?: string;
  readonly budget?: string;
  readonly timeout?: string;
  readonly progress?: boolean;
}

export function addSinkOptions(command: Command): Command {
  return command
    .requiredOption('--to <sink>', `where to send: ${SINK_NAMES.join(' or ')}`)
    .requiredOption('--endpoint <url>', 'base URL of Splunk HEC (https://host:8088) or of OpenSearch/Elasticsearch')
    .option(
      '--index <name>',
      `Splunk index (default: the token's), or OpenSearch index pattern where {date} is the event's day (default: ${DEFAULT_INDEX_PATTERN})`,
    )
    .option('--token-secret <name>', `read the token from this Secrets Manager secret instead of $${TOKEN_VARIABLE}`)
    .addOption(
      new Option(
        '--sigv4 <service>',
        'sign with SigV4 (default for *.es.amazonaws.com and *.aoss.amazonaws.com)',
      ).choices(['es', 'aoss']),
    )
    .option('--ack', 'Splunk: wait for indexer acknowledgement, so delivered means indexed')
    .option('--spill <dir|s3://…>', 'where undeliverable events are written, under undelivered/')
    .option('--budget <seconds>', 'stop sending after this long and spill what is left (default: no limit)')
    .option('--timeout <seconds>', 'limit of one request', '30')
    .option('--progress', 'show a progress bar on stderr even when it is not a terminal');
}

/** Help text both commands print about credentials and spills. */
export const SINK_HELP =
  `\nThe token comes from $${TOKEN_VARIABLE} (a HEC token, or user:password for OpenSearch basic auth) or from\n` +
  'the Secrets Manager secret named by --token-secret; never from the command line. Amazon OpenSearch endpoints\n' +
  'are signed with SigV4 from the usual AWS credentials and need no token.\n' +
  'Undeliverable events are written as gzip NDJSON under <spill>/undelivered/<sink>/YYYY/MM/DD/, with the reason\n' +
  'and the attempt count; `logfed replay <spill>` sends them again.\n' +
  'Exit codes: 0 all delivered, 1 something was spilled, 2 bad arguments or unreadable input or sink, 130 interrupted.\n';

/** A forwarder from the command's options, its token resolved; one clear error for each bad option. */
async function forwarderFromOptions(options: SinkCommandOptions, defaultSpill: string): Promise<Forwarder> {
  if (!SINK_NAMES.includes(options.to as SinkName)) {
    throw new CliError(`unknown --to "${options.to}"`, `use one of: ${SINK_NAMES.join(', ')}`);
  }
  const to = options.to as SinkName;
  if (options.index !== undefined && to === 'opensearch') {
    try {
      checkIndexPattern(options.index);
    } catch (error) {
      throw new CliError(`--index ${(error as Error).message}`);
    }
  }
  const seconds = (name: string, value: string | undefined) => {
    if (value === undefined) return undefined;
    const n = Number(value);
    if (!(n > 0 && Number.isFinite(n)))
      throw new CliError(`${name} must be a number of seconds above 0, got "${value}"`);
    return n * 1000;
  };
  const budget = seconds('--budget', options.budget);
  const timeoutMs = seconds('--timeout', options.timeout);
  try {
    return createForwarder({
      to,
      endpoint: options.endpoint,
      index: options.index,
      token: options.tokenSecret ? await readSecretToken(options.tokenSecret) : process.env[TOKEN_VARIABLE],
      sigv4: options.sigv4,
      ack: options.ack,
      spill: options.spill ?? defaultSpill,
      deadline: budget === undefined ? undefined : Date.now() + budget,
      timeoutMs,
    });
  } catch (error) {
    if (error instanceof CredentialError) {
      throw new CliError(error.message, `set ${TOKEN_VARIABLE} or name a Secrets Manager secret with --token-secret`);
    }
    throw new CliError((error as Error).message);
  }
}

/** Fails with one line when the sink cannot be reached or refuses the credentials, before anything is read. */
async function checkUsable(forwarder: Forwarder): Promise<void> {
  const problem = await forwarder.unusable();
  if (problem === undefined) return;
  await forwarder.finish();
  throw new CliError(problem);
}

/**
 * Runs a forwarding command: the forwarder from its options, checked usable before anything is read; a progress
 * bar when asked; SIGINT/SIGTERM stopping it cleanly (what was read is still delivered or spilled); an
 * unreadable input as one clear error.
 */
export async function runForwarding<T>(
  name: string,
  options: SinkCommandOptions,
  io: Io,
  defaultSpill: string,
  work: (forwarder: Forwarder, read: ReadOptions) => Promise<T>,
): Promise<{ forwarder: Forwarder; result: T; interrupted: boolean }> {
  const forwarder = await forwarderFromOptions(options, defaultSpill);
  await checkUsable(forwarder);
  const progress = wantsProgress(io, options.progress) ? progressBar(io, name) : undefined;
  let interrupted = false;
  const stop = () => {
    interrupted = true;
    forwarder.stop();
  };
  try {
    const result = await withInterrupts(stop, () =>
      work(forwarder, {
        stopped: () => interrupted,
        onProgress: progress && ((done, total) => progress(done, total, `${forwarder.counts.read} events`)),
      }),
    );
    return { forwarder, result, interrupted };
  } catch (error) {
    if (!(error instanceof StoreError)) throw error;
    await forwarder.finish();
    throw new CliError(`cannot read ${error.message}`);
  }
}

/** The printed result: counts, `duplicates` only when the sink reported some, then the spill and what was unreadable. */
export function forwardingReport(counts: ForwardCounts, spill: string | undefined, skipped: readonly Skipped[]) {
  const { read, delivered, duplicates, spilled } = counts;
  return {
    read,
    delivered,
    ...(duplicates > 0 && { duplicates }),
    spilled,
    ...(spill && { spill }),
    ...(skipped.length > 0 && { skipped }),
  };
}
