import type { Readable } from 'node:stream';
import { Command } from 'commander';
import { compileFilterPattern, CompiledFilterPattern, FilterPatternError } from '../../filter-pattern';
import { readLogObject } from '../../readers';
import { storeFor } from '../../store';
import type { SkippedObject } from '../../summary/types';
import { CliError } from '../errors';
import { EXIT } from '../exit-codes';
import { Io, processIo, runCommand } from '../run';

export interface TestFilterOptions {
  readonly pattern: string;
}

/** What `test-filter` prints; `skipped` appears only when some input or record could not be read. */
export interface TestFilterResult {
  read: number;
  matched: number;
  eventIDs: string[];
  skipped?: SkippedObject[];
}

const STDIN = '-';

export function testFilterCommand(
  exit: { code: number },
  io: Io = processIo,
  stdin: Readable = process.stdin,
): Command {
  return new Command('test-filter')
    .description(
      'Evaluate a CloudWatch Logs JSON filter pattern over log events, like CloudWatch TestMetricFilter, and ' +
        'print {"read","matched","eventIDs"} as JSON. Reads NDJSON, a JSON array or a CloudTrail file ' +
        '({"Records":[…]}), gzip or plain, and the pipeline logs `analyze` reads, from files, s3:// objects or stdin.',
    )
    .requiredOption('--pattern <pattern>', 'the filter pattern, e.g. \'{ $.eventName = "StopLogging" }\'')
    .argument('[files...]', 'event files or s3:// objects; stdin when none (or "-")')
    .addHelpText(
      'after',
      '\nThe pattern means what it means in a CloudWatch metric filter: $.a.b and $.a[0] selectors, = and != ' +
        'with * wildcards,\nnumeric < > <= >=, IS NULL, NOT EXISTS, IS TRUE, IS FALSE, && || and parentheses; ' +
        'a comparison on a missing field\nnever matches, not even !=. An invalid pattern exits 2 with the position ' +
        'of the error. Events without an eventID\nare listed as <file>#event <n>. Inputs and records that cannot be read are ' +
        'listed under "skipped" and the exit code is 1.\n\n' +
        'Examples:\n' +
        '  logfed test-filter --pattern \'{ $.errorCode = "AccessDenied*" }\' 111122223333_CloudTrail_eu-west-1_*.json.gz\n' +
        '  zcat trail.json.gz | logfed test-filter --pattern \'{ ($.eventName = ConsoleLogin) && ($.additionalEventData.MFAUsed != "Yes") }\'',
    )
    .action(async (files: string[], options: TestFilterOptions) => {
      exit.code = await runCommand('test-filter', io, () => testFilter(files, options, io, stdin));
    });
}

export async function testFilter(
  files: readonly string[],
  options: TestFilterOptions,
  io: Io,
  stdin: Readable,
): Promise<number> {
  const pattern = compile(options.pattern);
  const result: TestFilterResult = { read: 0, matched: 0, eventIDs: [] };
  const skipped: SkippedObject[] = [];
  for (const source of files.length === 0 ? [STDIN] : files) {
    const name = source === STDIN ? 'stdin' : source;
    const open = () => (source === STDIN ? stdin : storeFor(source).openRead(source));
    await readLogObject(name, open, {
      kind: () => undefined,
      skipped: (object, reason) => skipped.push({ object, reason }),
      event: (event) => {
        result.read++;
        if (!pattern.matches(event)) return;
        result.matched++;
        result.eventIDs.push(typeof event.eventID === 'string' ? event.eventID : `${name}#event ${result.read}`);
      },
    });
  }
  if (skipped.length > 0) result.skipped = skipped;
  io.stdout.write(`${JSON.stringify(result)}\n`);
  for (const s of skipped) io.stderr.write(`logfed test-filter: skipped ${s.object}: ${s.reason}\n`);
  return skipped.length > 0 ? EXIT.attention : EXIT.ok;
}

function compile(pattern: string): CompiledFilterPattern {
  try {
    return compileFilterPattern(pattern);
  } catch (error) {
    if (!(error instanceof FilterPatternError)) throw error;
    // The hint line starts with "  hint: " (8 characters): the caret lands under the error.
    throw new CliError(
      `invalid filter pattern: ${error.message}`,
      `${pattern}\n        ${' '.repeat(error.position - 1)}^`,
    );
  }
}
