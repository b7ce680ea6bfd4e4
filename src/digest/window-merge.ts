import { StoreError, storeFor, type ListedObject } from '../store';
import { emptySummary } from '../summary/merge';
import type { SkippedObject, Summary } from '../summary/types';
import { AccumulatedDigest, DigestAccumulator, DigestLimits } from './accumulator';
import { InvalidSummaryError, parseSummary } from './read-summary';
import { partitionOf } from './summary-keys';

export interface DigestWindow {
  /** Inclusive start. */
  readonly since: Date;
  /** Exclusive end. */
  readonly until: Date;
}

/** What a window merge ends with: the digest, and how many summaries fell inside the window. */
export interface WindowMergeResult {
  readonly digest: AccumulatedDigest;
  readonly inWindow: number;
}

/** A window merge, here or on a worker thread (`MergeThread`). */
export interface SummaryMerge {
  /** One summary file's bytes; may wait, to bound what is read ahead of the merge. */
  add(info: ListedObject, body: Buffer): Promise<void>;
  /** A file that could not be read, merged as a skipped object. */
  unreadable(location: string, reason: string): void;
  /** Summaries in the window so far (on a worker: as of its last report). */
  readonly inWindow: number;
  /** Merges the objects the listing left out and ends the merge. */
  finish(notListed: readonly SkippedObject[]): Promise<WindowMergeResult>;
  /** Releases what the merge holds, whether it finished or not. */
  close(): Promise<void>;
}

/**
 * Parses stored summaries as their bytes are read and merges those whose events overlap the window; a file that
 * is no summary is merged as a skipped object with the reason. The same work runs on this thread or, for a large
 * digest, on a worker beside the reads (see `merge-thread.ts`).
 */
export class WindowMerge implements SummaryMerge {
  private readonly accumulator: DigestAccumulator;
  private readonly since: number;
  private readonly until: number;
  /** Summaries merged because they overlap the window. */
  inWindow = 0;

  constructor(window: DigestWindow, limits: DigestLimits) {
    this.accumulator = new DigestAccumulator(limits);
    this.since = window.since.getTime();
    this.until = window.until.getTime();
  }

  /** One summary file's bytes. */
  async add(info: ListedObject, body: Buffer): Promise<void> {
    let summary: Summary;
    try {
      summary = parseSummary(body, info.key);
    } catch (error) {
      if (!(error instanceof InvalidSummaryError)) throw error;
      return this.unreadable(info.location, error.message);
    }
    let inside: boolean;
    try {
      inside = await this.overlaps(summary, info);
    } catch (error) {
      if (!(error instanceof StoreError)) throw error;
      return this.unreadable(info.location, `unreadable: ${error.message}`);
    }
    if (!inside) return;
    this.inWindow += 1;
    this.accumulator.add(summary);
  }

  /** A summary file that could not be used, carried into the report as a skipped object. */
  unreadable(location: string, reason: string): void {
    this.accumulator.add({ ...emptySummary(), skipped: [{ object: location, reason: `summary ${reason}` }] });
  }

  async finish(notListed: readonly SkippedObject[]): Promise<WindowMergeResult> {
    this.accumulator.add({ ...emptySummary(), skipped: notListed });
    return { digest: this.accumulator.result(), inWindow: this.inWindow };
  }

  async close(): Promise<void> {}

  /**
   * Whether a summary belongs to the window: its event time range overlaps it; a summary without event times
   * belongs to the hour of its partition, or else to the time its file was written (asked of the store only then).
   */
  private async overlaps(summary: Summary, info: ListedObject): Promise<boolean> {
    const first = Date.parse(summary.firstEventTime ?? '');
    const last = Date.parse(summary.lastEventTime ?? '');
    if (Number.isFinite(first) && Number.isFinite(last)) return first < this.until && last >= this.since;
    const at = (
      partitionOf(info.location)?.hourStart ??
      info.lastModified ??
      (await storeFor(info.location).lastModified(info.location))
    ).getTime();
    return at >= this.since && at < this.until;
  }
}
