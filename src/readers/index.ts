import type { Readable } from 'node:stream';
import { DecodedObject, readFailureReason } from './chunks';
import { isDataPipelineLog, looksLikeTaskRunnerLog, readDataPipelineLog } from './data-pipeline';
import { isEmrLog, looksLikeEmrController, readEmrLog } from './emr';
import { readJsonRecords } from './json-reader';
import { sniffJsonLayout } from './json-records';
import { isRedshiftLoadErrors, looksLikeLoadErrorsHeader, readRedshiftLoadErrors } from './redshift-load-errors';
import type { LogKind, ReaderSink } from './types';

export type { LogKind, ReaderSink } from './types';

const DIGEST_KEY = /(^|\/)CloudTrail-Digest\//;
const INSIGHT_KEY = /(^|\/)CloudTrail-Insight\//;
/** Where CloudTrail delivers its log files: `AWSLogs/<account>/CloudTrail/…` (org trails add `<o-id>/`). */
const CLOUDTRAIL_KEY = /(^|\/)AWSLogs\/(?:[^/]+\/)+CloudTrail\//;
/** First keys of a CloudTrail digest file (`{"awsAccountId":…,"digestStartTime":…}`). */
const DIGEST_CONTENT = /^\s*\{\s*"awsAccountId"\s*:[^]*"digestStartTime"\s*:/;
const INSIGHT_CONTENT = /"eventType"\s*:\s*"AwsCloudTrailInsight"/;

type TextKind = Extract<LogKind, 'emr' | 'datapipeline' | 'redshift-load-errors'>;

/** Text log kinds told by key: `<cluster>/steps/<step>/…`, `df-…/…_Attempt=N/…`, `…load_errors…`. */
function textKindFromKey(location: string): TextKind | undefined {
  if (isDataPipelineLog(location)) return 'datapipeline';
  if (isEmrLog(location)) return 'emr';
  if (isRedshiftLoadErrors(location)) return 'redshift-load-errors';
  return undefined;
}

function textKindFromContent(head: string): TextKind | undefined {
  if (looksLikeLoadErrorsHeader(head)) return 'redshift-load-errors';
  if (looksLikeTaskRunnerLog(head)) return 'datapipeline';
  if (looksLikeEmrController(head)) return 'emr';
  return undefined;
}

const TEXT_READERS: Record<
  TextKind,
  (location: string, chunks: AsyncIterable<Buffer>, sink: ReaderSink) => Promise<void>
> = {
  emr: readEmrLog,
  datapipeline: readDataPipelineLog,
  'redshift-load-errors': readRedshiftLoadErrors,
};

/** Waits for the sink before each chunk when it asks to, so a slow consumer holds one chunk's events at most. */
async function* paced(chunks: AsyncGenerator<Buffer>, sink: ReaderSink): AsyncGenerator<Buffer> {
  if (!sink.ready) return yield* chunks;
  for await (const chunk of chunks) {
    await sink.ready();
    yield chunk;
  }
}

/**
 * Reads one log object of any supported kind into `sink`. The kind comes from the key first (CloudTrail digest
 * and insight folders, EMR, Data Pipeline and load-error paths), then from the content. CloudTrail digest and
 * insight files are counted by kind and produce no events (insight records restate management events that are
 * already counted). An object under a CloudTrail key must hold `{"Records":[…]}` (or be a digest or insight
 * file); any other shape is skipped, never read as events. Nothing here throws for bad content: empty, truncated, undecodable or unknown objects are
 * reported through `sink.skipped` with the reason. `open` returns a stream of the object's bytes, or all of them
 * when the caller read a small object whole (see `DecodedObject.open`).
 */
export async function readLogObject(location: string, open: () => Readable | Buffer, sink: ReaderSink): Promise<void> {
  if (DIGEST_KEY.test(location)) return sink.kind('cloudtrail-digest');
  if (INSIGHT_KEY.test(location)) return sink.kind('cloudtrail-insight');
  let decoded: DecodedObject | undefined;
  try {
    decoded = await DecodedObject.open(open());
    const head = decoded.head.toString('latin1');
    if (head.trim() === '') {
      sink.kind('empty');
      return sink.skipped(location, decoded.gzip ? 'empty object (gzip with no content)' : 'empty object');
    }
    const textKind = textKindFromKey(location);
    const layout = textKind ? undefined : sniffJsonLayout(head);
    if (layout === 'ndjson' && DIGEST_CONTENT.test(head)) return sink.kind('cloudtrail-digest');
    if (layout === 'cloudtrail' && INSIGHT_CONTENT.test(head)) return sink.kind('cloudtrail-insight');
    if (layout !== 'cloudtrail' && CLOUDTRAIL_KEY.test(location)) {
      // Only CloudTrail writes here: anything else would count as events nobody made.
      sink.kind('unknown');
      return sink.skipped(location, 'not a CloudTrail log file: expected {"Records":[…]} under a CloudTrail key');
    }
    if (layout) {
      sink.kind(layout === 'array' ? 'json-array' : layout);
      return await readJsonRecords(location, layout, paced(decoded.chunks(), sink), sink);
    }
    const kind = textKind ?? textKindFromContent(head);
    if (!kind) {
      sink.kind('unknown');
      return sink.skipped(
        location,
        'unknown log format (not CloudTrail, JSON records, EMR, Data Pipeline or Redshift load errors)',
      );
    }
    sink.kind(kind);
    await TEXT_READERS[kind](location, paced(decoded.chunks(), sink), sink);
  } catch (error) {
    if (!decoded) sink.kind('unknown');
    sink.skipped(location, readFailureReason(error));
  }
}
