import { availableParallelism } from 'node:os';
import { analyzeObjects } from '../analyze';
import { ListedObject, NotListed, ObjectStore, StoreError, joinLocation, storeFor } from '../store';
import { forEachConcurrently } from '../store/concurrency';
import { emptySummary } from '../summary/merge';
import type { Severity, SkippedObject, Summary } from '../summary/types';
import { AccumulatedDigest, DEFAULT_DIGEST_LIMITS, DigestAccumulator, DigestLimits } from './accumulator';
import { MergeThread } from './merge-thread';
import { daysBetween, isSummaryKey, Partition, partitionOf } from './summary-keys';
import { DigestWindow, SummaryMerge, WindowMerge } from './window-merge';

export type { DigestWindow } from './window-merge';

export interface DigestProgress {
  /** Objects listed so far: the listing is read as the reads go, so this grows until the end. */
  readonly listed: number;
  readonly read: number;
  readonly inWindow: number;
  /** Set on the last call, when `listed` is the total. */
  readonly complete: boolean;
}

export interface DigestOptions {
  /** A folder, file, `s3://bucket/prefix` or single object holding summaries. */
  readonly source: string;
  readonly window: DigestWindow;
  readonly limits?: DigestLimits;
  /** Summaries read at the same time (S3 round trips overlap; local reads barely care). @default 32 */
  readonly concurrency?: number;
  /** Raw mode: threads analyzing log objects. @default one per core */
  readonly workers?: number;
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
/** A summary sits in the partition of its first event, which can fall on the day before the window starts. */
const DAY_MS = 86_400_000;

/**
 * Merges the summaries whose events overlap the window. Streams the listing into a sliding window of
 * `concurrency` reads in flight and merges each summary as it arrives, so memory stays bounded however many
 * summaries the window holds. With the compiled worker at hand, parsing and merging run on a worker thread while
 * this one lists and reads.
 */
export async function digestSummaries(options: DigestOptions): Promise<DigestResult> {
  const { source, window } = options;
  const store = storeFor(source);
  const limits = options.limits ?? DEFAULT_DIGEST_LIMITS;
  const notListed: SkippedObject[] = [];
  let listed = 0;
  let read = 0;
  const progress = (complete: boolean) => options.onProgress?.({ listed, read, inWindow: merge.inWindow, complete });
  const merge: SummaryMerge = MergeThread.available()
    ? new MergeThread(window, limits)
    : new WindowMerge(window, limits);
  try {
    const pages = async function* () {
      for await (const page of listCandidates(source, window, (object, reason) => notListed.push({ object, reason }))) {
        listed += page.length;
        yield page;
      }
    };
    progress(false);
    await forEachConcurrently(
      pages(),
      options.concurrency ?? 32,
      async (info) => {
        let body: Buffer;
        try {
          body = await store.readAll(info.location);
        } catch (error) {
          if (!(error instanceof StoreError)) throw error;
          return merge.unreadable(info.location, `unreadable: ${error.message}`);
        }
        await merge.add(info, body);
      },
      () => {
        read += 1;
        if (read % PROGRESS_EVERY === 0) progress(false);
      },
    );
    const { digest, inWindow } = await merge.finish(notListed);
    progress(true);
    return {
      mode: 'summaries',
      source,
      window,
      summariesListed: listed,
      summariesInWindow: inWindow,
      limits,
      ...digest,
    };
  } finally {
    await merge.close();
  }
}

/**
 * Analyzes the raw log objects written during the window (by their modification time, which S3 sets on
 * delivery) with the analyze engine on every core, for when no summaries exist. The listing is streamed; only the
 * locations in the window are kept.
 */
export async function digestRawLogs(options: DigestOptions): Promise<DigestResult> {
  const { source, window } = options;
  const limits = options.limits ?? DEFAULT_DIGEST_LIMITS;
  const notListed: SkippedObject[] = [];
  const candidates = await objectsWrittenIn(source, window, (object, reason) => notListed.push({ object, reason }));
  let read = 0;
  const progress = (complete: boolean) =>
    options.onProgress?.({ listed: candidates.length, read, inWindow: read, complete });
  progress(false);
  const summary = await analyzeObjects(candidates, options.workers ?? availableParallelism(), () => {
    read += 1;
    if (read % PROGRESS_EVERY === 0) progress(false);
  });
  const accumulator = new DigestAccumulator(limits);
  accumulator.add(summary);
  accumulator.add({ ...emptySummary(), skipped: notListed });
  progress(true);
  const digest: AccumulatedDigest = accumulator.result();
  return {
    mode: 'raw',
    source,
    window,
    summariesListed: candidates.length,
    summariesInWindow: candidates.length,
    limits,
    ...digest,
  };
}

/** The objects under `source` last written in the window; S3 listings say when, local files are asked. */
async function objectsWrittenIn(source: string, window: DigestWindow, notListed: NotListed): Promise<string[]> {
  const store = storeFor(source);
  const found: string[] = [];
  for await (const page of store.walk(source, notListed)) {
    for (const info of page) {
      let written: Date;
      try {
        written = info.lastModified ?? (await store.lastModified(info.location));
      } catch (error) {
        if (!(error instanceof StoreError)) throw error;
        notListed(info.location, `unreadable: ${error.message}`);
        continue;
      }
      if (written >= window.since && written < window.until) found.push(info.location);
    }
  }
  return found;
}

/**
 * Summary files that may hold events of the window, streamed. With the partitioned layout only the window's days
 * (and the day before) are walked; otherwise the whole source is, and partitioned keys are still pruned.
 */
async function* listCandidates(
  source: string,
  window: DigestWindow,
  notListed: NotListed,
): AsyncGenerator<readonly ListedObject[]> {
  const store = storeFor(source);
  const days = daysBetween(new Date(window.since.getTime() - DAY_MS), window.until);
  const wanted = new Set(days);
  // A partition is named by folders, and a listing page holds one folder's files: look it up once per folder.
  let folder: string | undefined;
  let partition: Partition | undefined;
  const isCandidate = (info: ListedObject) => {
    if (!isSummaryKey(info.key)) return false;
    // The location, not the key: keys listed under a `dt=` folder no longer name it.
    const at = info.location.slice(0, info.location.lastIndexOf('/') + 1);
    if (at !== folder) [folder, partition] = [at, partitionOf(at)];
    return partition === undefined || wanted.has(partition.day);
  };
  let partitioned = false;
  for (const day of days) {
    for await (const page of walkIfPresent(store, `${joinLocation(source, `dt=${day}`)}/`, notListed)) {
      partitioned = true;
      yield page.filter(isCandidate);
    }
  }
  if (partitioned) return;
  for await (const page of store.walk(source, notListed)) yield page.filter(isCandidate);
}

/** A folder or prefix that may not exist: nothing, then. */
async function* walkIfPresent(
  store: ObjectStore,
  location: string,
  notListed: NotListed,
): AsyncGenerator<readonly ListedObject[]> {
  try {
    yield* store.walk(location, notListed);
  } catch (error) {
    if (!(error instanceof StoreError)) throw error;
  }
}
