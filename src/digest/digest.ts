import { analyzeObject } from '../analyze';
import { NotListed, ObjectInfo, StoreError, joinLocation, storeFor } from '../store';
import { emptySummary } from '../summary/merge';
import type { Severity, SkippedObject, Summary } from '../summary/types';
import { DEFAULT_DIGEST_LIMITS, DigestAccumulator, DigestLimits } from './accumulator';
import { InvalidSummaryError, parseSummary } from './read-summary';
import { daysBetween, isSummaryKey, partitionOf } from './summary-keys';

export interface DigestWindow {
  /** Inclusive start. */
  readonly since: Date;
  /** Exclusive end. */
  readonly until: Date;
}

export interface DigestProgress {
  readonly listed: number;
  readonly read: number;
  readonly inWindow: number;
}

export interface DigestOptions {
  /** A folder, file, `s3://bucket/prefix` or single object holding summaries. */
  readonly source: string;
  readonly window: DigestWindow;
  readonly limits?: DigestLimits;
  /** Summaries read at the same time (S3 round trips overlap; local reads barely care). @default 32 */
  readonly concurrency?: number;
  /** Called after every 1,000 objects read and once at the end. */
  readonly onProgress?: (progress: DigestProgress) => void;
}

export interface DigestResult {
  /** `summaries` merged stored summaries; `raw` analyzed the log objects themselves. */
  readonly mode: 'summaries' | 'raw';
  readonly source: string;
  readonly window: DigestWindow;
  /** Summary files (raw mode: log objects) found for the window, after partition pruning. */
  readonly summariesListed: number;
  /** Summaries whose events overlap the window and were merged (raw mode: log objects analyzed). */
  readonly summariesInWindow: number;
  /** Merged summary; unreadable summary files appear in `skipped` with the reason. */
  readonly summary: Summary;
  /** Exact totals of what `summary` keeps only the first few of. */
  readonly findingsBySeverity: Record<Severity, number>;
  readonly skipped: number;
  readonly pipelineFailures: number;
  readonly limits: DigestLimits;
}

const PROGRESS_EVERY = 1000;
/** Raw objects are parsed on this thread; a few in flight overlap their reads without piling up memory. */
const RAW_CONCURRENCY = 4;
/** A summary sits in the partition of its first event, which can fall on the day before the window starts. */
const DAY_MS = 86_400_000;

/**
 * Merges the summaries whose events overlap the window. Reads in batches with bounded concurrency and merges
 * incrementally, so memory stays bounded however many summaries the window holds.
 */
export async function digestSummaries(options: DigestOptions): Promise<DigestResult> {
  const { source, window } = options;
  const store = storeFor(source);
  const notListed: SkippedObject[] = [];
  const candidates = await listCandidates(source, window, (object, reason) => notListed.push({ object, reason }));
  return mergeObjects('summaries', candidates, notListed, options, async (info) => {
    const loaded = await load(store.readAll.bind(store), info);
    if ('reason' in loaded) return { merge: unreadable(info.location, loaded.reason), inWindow: false };
    return overlaps(loaded.summary, info, window) ? { merge: loaded.summary, inWindow: true } : { inWindow: false };
  });
}

/**
 * Analyzes the raw log objects written during the window (by their modification time, which S3 sets on
 * delivery) with the analyze engine, for when no summaries exist. Bounded like `digestSummaries`.
 */
export async function digestRawLogs(options: DigestOptions): Promise<DigestResult> {
  const { source, window } = options;
  const notListed: SkippedObject[] = [];
  const listed = await storeFor(source).list(source, (object, reason) => notListed.push({ object, reason }));
  const candidates = listed.filter((info) => info.lastModified >= window.since && info.lastModified < window.until);
  return mergeObjects('raw', candidates, notListed, { concurrency: RAW_CONCURRENCY, ...options }, async (info) => ({
    merge: await analyzeObject(info.location),
    inWindow: true,
  }));
}

/** What one listed object adds: a summary to merge (if any), and whether it counts as inside the window. */
interface ObjectContribution {
  readonly merge?: Summary;
  readonly inWindow: boolean;
}

async function mergeObjects(
  mode: DigestResult['mode'],
  objects: readonly ObjectInfo[],
  notListed: readonly SkippedObject[],
  options: DigestOptions,
  read: (info: ObjectInfo) => Promise<ObjectContribution>,
): Promise<DigestResult> {
  const limits = options.limits ?? DEFAULT_DIGEST_LIMITS;
  const accumulator = new DigestAccumulator(limits);
  accumulator.add({ ...emptySummary(), skipped: notListed });
  const concurrency = options.concurrency ?? 32;
  let done = 0;
  let inWindow = 0;
  options.onProgress?.({ listed: objects.length, read: 0, inWindow: 0 });
  for (let start = 0; start < objects.length; start += concurrency) {
    for (const item of await Promise.all(objects.slice(start, start + concurrency).map(read))) {
      done += 1;
      if (item.inWindow) inWindow += 1;
      if (item.merge) accumulator.add(item.merge);
      if (done % PROGRESS_EVERY === 0) options.onProgress?.({ listed: objects.length, read: done, inWindow });
    }
  }
  options.onProgress?.({ listed: objects.length, read: done, inWindow });
  return {
    mode,
    source: options.source,
    window: options.window,
    summariesListed: objects.length,
    summariesInWindow: inWindow,
    limits,
    ...accumulator.result(),
  };
}

/**
 * Summary files that may hold events of the window. With the partitioned layout only the window's days
 * (and the day before) are listed; otherwise the whole source is, and partitioned keys are still pruned.
 */
async function listCandidates(source: string, window: DigestWindow, notListed: NotListed): Promise<ObjectInfo[]> {
  const store = storeFor(source);
  const days = daysBetween(new Date(window.since.getTime() - DAY_MS), window.until);
  const partitioned: ObjectInfo[] = [];
  for (const day of days) partitioned.push(...(await listIfPresent(source, `dt=${day}`, notListed)));
  const listed = partitioned.length > 0 ? partitioned : await store.list(source, notListed);
  const wanted = new Set(days);
  return listed.filter((info) => {
    if (!isSummaryKey(info.key)) return false;
    // The location, not the key: keys listed under a `dt=` folder no longer name it.
    const partition = partitionOf(info.location);
    return partition === undefined || wanted.has(partition.day);
  });
}

async function listIfPresent(source: string, folder: string, notListed: NotListed): Promise<ObjectInfo[]> {
  try {
    return await storeFor(source).list(`${joinLocation(source, folder)}/`, notListed);
  } catch (error) {
    if (error instanceof StoreError) return [];
    throw error;
  }
}

type Loaded = { summary: Summary } | { reason: string };

async function load(readAll: (location: string) => Promise<Buffer>, info: ObjectInfo): Promise<Loaded> {
  try {
    return { summary: parseSummary(await readAll(info.location), info.key) };
  } catch (error) {
    if (error instanceof InvalidSummaryError) return { reason: error.message };
    if (error instanceof StoreError) return { reason: `unreadable: ${error.message}` };
    throw error;
  }
}

/** A summary file that could not be used, carried into the report as a skipped object. */
function unreadable(location: string, reason: string): Summary {
  return { ...emptySummary(), skipped: [{ object: location, reason: `summary ${reason}` }] };
}

/**
 * Whether a summary belongs to the window: its event time range overlaps it; a summary without event times
 * belongs to the hour of its partition, or else to the time its file was written.
 */
function overlaps(summary: Summary, info: ObjectInfo, window: DigestWindow): boolean {
  const since = window.since.getTime();
  const until = window.until.getTime();
  const first = Date.parse(summary.firstEventTime ?? '');
  const last = Date.parse(summary.lastEventTime ?? '');
  if (Number.isFinite(first) && Number.isFinite(last)) return first < until && last >= since;
  const at = (partitionOf(info.location)?.hourStart ?? info.lastModified).getTime();
  return at >= since && at < until;
}
