import { existsSync } from 'node:fs';
import * as path from 'node:path';
import { Worker } from 'node:worker_threads';
import type { ListedObject } from '../store';
import { mergeSummaries } from '../summary/merge';
import type { SkippedObject, Summary } from '../summary/types';
import type { DigestLimits } from './accumulator';
import type { DigestWindow, SummaryMerge, WindowMergeResult } from './window-merge';

/** The compiled worker script; absent when running from TypeScript sources (tests), where merges run in-process. */
const WORKER_SCRIPT = path.join(__dirname, 'merge-worker.js');
/** Summary files sent to the worker per message: one message per file would cost more than parsing it. */
const BATCH = 64;
/** Batches sent and not yet merged; a read waits beyond this, so memory stays bounded if parsing falls behind. */
const MAX_PENDING = 16;

/** The worker's young generation, in MiB. */
const YOUNG_MIB = 4;

/**
 * Files for the worker, packed: the bytes of file `i` are `bytes[ends[i - 1] ?? 0, ends[i])`, its time of writing
 * `lastModified[i]` (NaN when the listing did not say), and files that could not be read come with the reason.
 * One buffer moved to the worker costs less than a message's worth of small ones copied.
 */
export interface MergeBatch {
  readonly locations: readonly string[];
  readonly keys: readonly string[];
  readonly lastModified: readonly number[];
  readonly ends: readonly number[];
  readonly bytes: Uint8Array;
  readonly unreadable: readonly { readonly location: string; readonly reason: string }[];
}

export interface MergeWorkerData {
  readonly since: number;
  readonly until: number;
  readonly limits: DigestLimits;
}

/** To the worker: files to merge, or the end (with the objects the listing left out). */
export type ToMergeWorker = { readonly batch: MergeBatch } | { readonly notListed: readonly SkippedObject[] };
/** From the worker: a batch merged (and the count in the window so far), or the result. */
export type FromMergeWorker =
  { readonly merged: number; readonly inWindow: number } | { readonly result: WindowMergeResult };

/**
 * A `WindowMerge` on a worker thread: this thread lists and reads (through the digest's sliding window), the
 * worker parses and merges, each on its own core. Parsing is most of a digest's work after the reads.
 */
export class MergeThread implements SummaryMerge {
  /** Whether the compiled worker is there to run. */
  static available(): boolean {
    return existsSync(WORKER_SCRIPT);
  }

  inWindow = 0;
  private readonly worker: Worker;
  private files: { info: ListedObject; body: Buffer }[] = [];
  private unreadableFiles: { location: string; reason: string }[] = [];
  private pending = 0;
  private readonly waiting: (() => void)[] = [];
  private failure: Error | undefined;
  private finished: ((result: WindowMergeResult) => void) | undefined;
  private failed: ((error: Error) => void) | undefined;

  constructor(window: DigestWindow, limits: DigestLimits) {
    const data: MergeWorkerData = { since: window.since.getTime(), until: window.until.getTime(), limits };
    // A small young generation: V8 would grow it to tens of MiB over a long digest, memory that buys little here.
    this.worker = new Worker(WORKER_SCRIPT, {
      workerData: data,
      resourceLimits: { maxYoungGenerationSizeMb: YOUNG_MIB },
    });
    this.worker.on('message', (message: FromMergeWorker) => {
      if ('result' in message) return this.finished?.(message.result);
      this.pending -= 1;
      this.inWindow = message.inWindow;
      // Every waiting read looks again: waking one per batch would strand the rest once the worker is idle.
      for (const wake of this.waiting.splice(0)) wake();
    });
    this.worker.on('error', (error) => this.fail(error));
    this.worker.on('exit', (code) => this.fail(new Error(`the digest merge worker exited (code ${code})`)));
  }

  async add(info: ListedObject, body: Buffer): Promise<void> {
    this.check();
    this.files.push({ info, body });
    if (this.files.length >= BATCH) this.send();
    while (this.pending >= MAX_PENDING && !this.failure) await new Promise<void>((wake) => this.waiting.push(wake));
    this.check();
  }

  unreadable(location: string, reason: string): void {
    this.unreadableFiles.push({ location, reason });
  }

  async finish(notListed: readonly SkippedObject[]): Promise<WindowMergeResult> {
    this.check();
    this.send();
    const result = await new Promise<WindowMergeResult>((resolve, reject) => {
      this.finished = resolve;
      this.failed = reject;
      this.worker.postMessage({ notListed } satisfies ToMergeWorker);
    });
    // Counts arrive as plain objects; merged once more, they get the prototype-free maps every summary has.
    const summary: Summary = mergeSummaries(result.digest.summary);
    return { ...result, digest: { ...result.digest, summary } };
  }

  async close(): Promise<void> {
    this.failure ??= new Error('the digest merge was closed');
    this.worker.removeAllListeners('exit');
    await this.worker.terminate();
  }

  private send(): void {
    if (this.files.length === 0 && this.unreadableFiles.length === 0) return;
    const ends: number[] = [];
    let end = 0;
    for (const { body } of this.files) ends.push((end += body.length));
    const bytes = Buffer.concat(
      this.files.map((file) => file.body),
      end,
    );
    const batch: MergeBatch = {
      locations: this.files.map((file) => file.info.location),
      keys: this.files.map((file) => file.info.key),
      lastModified: this.files.map((file) => file.info.lastModified?.getTime() ?? NaN),
      ends,
      bytes,
      unreadable: this.unreadableFiles,
    };
    this.files = [];
    this.unreadableFiles = [];
    this.pending += 1;
    // A buffer of its own (not a slice of Node's shared pool) can be moved rather than copied.
    const own = bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength;
    this.worker.postMessage({ batch } satisfies ToMergeWorker, own ? [bytes.buffer as ArrayBuffer] : []);
  }

  private fail(error: Error): void {
    this.failure ??= error;
    for (const wake of this.waiting.splice(0)) wake();
    this.failed?.(this.failure);
  }

  private check(): void {
    if (this.failure) throw this.failure;
  }
}
