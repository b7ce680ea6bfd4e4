import { Command } from 'commander';
import { replaySpill, spillRootOf } from '../../forward';
import { EXIT } from '../exit-codes';
import { Io, processIo, runCommand } from '../run';
import { addSinkOptions, forwardingReport, runForwarding, SINK_HELP, SinkCommandOptions } from '../sink-options';

export function replayCommand(exit: { code: number }, io: Io = processIo): Command {
  return addSinkOptions(
    new Command('replay')
      .description(
        'Send the events of a spill (what `logfed forward` or the log-intelligence function could not deliver) ' +
          'to the sink again. A spill file is removed once its events are delivered or spilled anew; what fails ' +
          'again goes to a new spill file. Prints {"read":n,"delivered":n,"spilled":n,"removed":files}.',
      )
      .argument('<spill>', 'the spill folder or s3:// prefix (or its undelivered/ part, or one file)'),
  )
    .addHelpText(
      'after',
      `${SINK_HELP}\nOnly spill files of the --to sink (undelivered/<sink>/…) are replayed; new spills go beside the\n` +
        'old ones unless --spill says otherwise. A file with lines that are not spill records is kept (exit 1).\n\n' +
        'Examples:\n' +
        '  LOGFED_SINK_TOKEN=… logfed replay . --to splunk --endpoint https://splunk.example.com:8088\n' +
        '  logfed replay s3://intelligence-bucket/ --to opensearch --endpoint https://search-logs.eu-west-1.es.amazonaws.com',
    )
    .action(async (spill: string, options: SinkCommandOptions) => {
      exit.code = await runCommand('replay', io, () => replay(spill, options, io));
    });
}

export async function replay(spill: string, options: SinkCommandOptions, io: Io): Promise<number> {
  const { forwarder, result, interrupted } = await runForwarding(
    'replay',
    options,
    io,
    spillRootOf(spill),
    (forwarder, read) => replaySpill(spill, forwarder, read),
  );
  const { counts } = forwarder;
  const printed = { ...forwardingReport(counts, result.spill, result.skipped), removed: result.removed.length };
  io.stdout.write(`${JSON.stringify(printed)}\n`);
  if (result.spill) io.stderr.write(`logfed replay: ${counts.spilled} events spilled again to ${result.spill}\n`);
  if (interrupted) return EXIT.interrupted;
  return counts.spilled > 0 || result.skipped.length > 0 ? EXIT.attention : EXIT.ok;
}
