import { Command } from 'commander';
import { forwardObjects } from '../../forward';
import { EXIT } from '../exit-codes';
import { Io, processIo, runCommand } from '../run';
import { addSinkOptions, forwardingReport, runForwarding, SINK_HELP, SinkCommandOptions } from '../sink-options';

export function forwardCommand(exit: { code: number }, io: Io = processIo): Command {
  return addSinkOptions(
    new Command('forward')
      .description(
        'Send every event of log objects (the same kinds `logfed analyze` reads) to Splunk HEC or to ' +
          'OpenSearch/Elasticsearch _bulk, without losing any: retried on throttling and failures, and what ' +
          'cannot be delivered is spilled for `logfed replay`. Prints {"read":n,"delivered":n,"spilled":n}.',
      )
      .argument('<paths...>', 'files, folders, s3://bucket/key objects or s3://bucket/prefix/ prefixes'),
  )
    .addHelpText(
      'after',
      `${SINK_HELP}\nExamples:\n` +
        '  LOGFED_SINK_TOKEN=… logfed forward samples/logs/ --to splunk --endpoint https://splunk.example.com:8088\n' +
        '  logfed forward s3://archive/AWSLogs/ --to opensearch --endpoint https://search-logs.eu-west-1.es.amazonaws.com --spill s3://archive-spill/',
    )
    .action(async (paths: string[], options: SinkCommandOptions) => {
      exit.code = await runCommand('forward', io, () => forward(paths, options, io));
    });
}

export async function forward(paths: readonly string[], options: SinkCommandOptions, io: Io): Promise<number> {
  const { forwarder, result, interrupted } = await runForwarding('forward', options, io, '.', (forwarder, read) =>
    forwardObjects(paths, forwarder, read),
  );
  const { counts } = forwarder;
  io.stdout.write(`${JSON.stringify(forwardingReport(counts, result.spill, result.skipped))}\n`);
  if (result.spill) io.stderr.write(`logfed forward: ${counts.spilled} events spilled to ${result.spill}\n`);
  if (interrupted) return EXIT.interrupted;
  return counts.spilled > 0 || result.skipped.length > 0 ? EXIT.attention : EXIT.ok;
}
