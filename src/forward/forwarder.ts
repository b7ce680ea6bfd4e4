import { setTimeout as sleep } from 'node:timers/promises';
import { Batch } from './batch';
import { HttpClient, NetworkError } from './http';
import { backoffMs, DEFAULT_RETRY_POLICY, RetryPolicy } from './retry';
import { SpillWriter } from './spill';
import type { ForwardCounts, ItemResult, RequestResult, SinkEvent, SinkName, WireFormat } from './types';

export interface ForwarderOptions {
  readonly format: WireFormat;
  readonly http: HttpClient;
  /** Where undeliverable events go. */
  readonly spill: SpillWriter;
  /** Upper bound of one request body. @default the format's */
  readonly maxRequestBytes?: number;
  /** Requests in flight at once. @default 4 */
  readonly concurrency?: number;
  readonly retry?: Partial<RetryPolicy>;
  /** Epoch milliseconds after which nothing more is sent: what is left is spilled. @default no limit */
  readonly deadline?: number;
  /** For tests: the jitter source. */
  readonly random?: () => number;
}

/**
 * Sends events to one sink without losing any: byte-bounded batches, several in flight; retries with exponential
 * backoff and full jitter on throttling, server errors and network errors, honouring `Retry-After`; a 413 halves
 * the batch until a single event still does not fit; after the deadline or the last attempt, events are spilled
 * (never dropped) with the reason. The wire format only writes events and reads answers.
 */
export class Forwarder {
  readonly counts: ForwardCounts = { read: 0, delivered: 0, duplicates: 0, spilled: 0 };
  private readonly format: WireFormat;
  private readonly policy: RetryPolicy;
  private readonly concurrency: number;
  private maxRequestBytes: number;
  private deadline: number;
  private stopReason = 'time budget used up';
  private batch: Batch;
  private readonly inFlight = new Set<Promise<void>>();
  /** Set after a batch used all its attempts; later batches get one attempt each until one gets through. */
  private sinkDown = false;
  private failure: unknown;
  /** Ends backoff waits early when the run is stopped. */
  private readonly stopping = new AbortController();

  constructor(private readonly options: ForwarderOptions) {
    this.format = options.format;
    this.policy = { ...DEFAULT_RETRY_POLICY, ...options.retry };
    this.concurrency = options.concurrency ?? 4;
    this.maxRequestBytes = options.maxRequestBytes ?? options.format.maxRequestBytes;
    this.deadline = options.deadline ?? Infinity;
    this.batch = new Batch(this.maxRequestBytes);
  }

  get sink(): SinkName {
    return this.format.sink;
  }

  /**
   * Why the sink cannot be used, or undefined when it answers: one request before any event, so a wrong URL or
   * credential is one clear error instead of a spill of everything.
   */
  async unusable(): Promise<string | undefined> {
    const endpoint = this.options.http.endpoint.origin;
    try {
      const response = await this.options.http.request(this.format.probe);
      if (response.status === 401 || response.status === 403) {
        return `${endpoint} refused the credentials (HTTP ${response.status})`;
      }
      return undefined;
    } catch (error) {
      if (error instanceof NetworkError) return `cannot reach ${endpoint}: ${error.message}`;
      throw error;
    }
  }

  /** Takes one event; it is sent with the next full batch. Await `ready` before pushing more. */
  push(event: SinkEvent): void {
    this.counts.read++;
    const batch = this.batch;
    batch.add(this.format.encode(event), event.source, event.kind);
    // The event that does not fit starts the next batch; one that is too large alone goes alone.
    if (batch.byteLength > this.maxRequestBytes && batch.length > 1) {
      this.batch = batch.takeLast(this.maxRequestBytes);
      this.dispatch(batch);
    }
  }

  /** Resolves when fewer than `concurrency` requests are in flight; rejects when spilling failed. */
  async ready(): Promise<void> {
    while (this.inFlight.size >= this.concurrency) await Promise.race(this.inFlight);
    this.check();
  }

  /** Stops sending: every event not yet delivered is spilled, now or after its current request. */
  stop(reason = 'interrupted'): void {
    this.deadline = -Infinity;
    this.stopReason = reason;
    this.stopping.abort();
  }

  /** Sends what is batched, waits for every request and closes the spill; returns the spill's location if any. */
  async finish(): Promise<string | undefined> {
    if (this.batch.length > 0) {
      this.dispatch(this.batch);
      this.batch = new Batch(0);
    }
    while (this.inFlight.size > 0) await Promise.all(this.inFlight);
    this.options.http.close();
    this.check();
    return this.options.spill.close();
  }

  private dispatch(items: Batch): void {
    const sending: Promise<void> = this.deliver(items, 0)
      .catch((error: unknown) => {
        this.failure ??= error;
      })
      .finally(() => this.inFlight.delete(sending));
    this.inFlight.add(sending);
  }

  /** Sends `items` until each is delivered or spilled; `attempts` is how often they were sent before. */
  private async deliver(items: Batch, attempts: number): Promise<void> {
    let waiting = items;
    for (;;) {
      if (Date.now() >= this.deadline) return this.spill(waiting, this.stopReason, attempts);
      attempts++;
      const result = await this.send(waiting);
      const retry = await this.settle(waiting, result, attempts);
      if (retry.items.length === 0) return;
      const lastChance = attempts >= this.policy.maxAttempts || (this.sinkDown && result.status === 'retry');
      if (lastChance) {
        this.sinkDown = true;
        return this.spill(retry.items, `gave up after ${attempts} attempts: ${retry.reason}`, attempts);
      }
      const wait = backoffMs(this.policy, attempts, retry.retryAfterMs, this.options.random);
      if (Date.now() + wait >= this.deadline) {
        return this.spill(retry.items, `${this.stopReason} while retrying: ${retry.reason}`, attempts);
      }
      await sleep(wait, undefined, { signal: this.stopping.signal }).catch(() => undefined);
      waiting = retry.items;
    }
  }

  private async send(items: Batch): Promise<RequestResult> {
    try {
      return await this.format.send(items.bytes(), this.options.http);
    } catch (error) {
      if (error instanceof NetworkError) return { status: 'retry', reason: error.message };
      throw error;
    }
  }

  /** Counts what the sink took, spills what it refused, and returns what should be sent again. */
  private async settle(
    items: Batch,
    result: RequestResult,
    attempts: number,
  ): Promise<{ items: Batch; reason: string; retryAfterMs?: number }> {
    const none = { items: new Batch(0), reason: '' };
    switch (result.status) {
      case 'delivered':
        this.delivered(items.length, 0);
        return none;
      case 'rejected':
        await this.spill(items, result.reason, attempts);
        return none;
      case 'retry':
        return { items, reason: result.reason, retryAfterMs: result.retryAfterMs };
      case 'too-large':
        await this.halve(items, attempts);
        return none;
      case 'items':
        return this.settleItems(items, result.items, attempts);
    }
  }

  private async settleItems(
    items: Batch,
    results: readonly ItemResult[],
    attempts: number,
  ): Promise<{ items: Batch; reason: string }> {
    const retry: number[] = [];
    let reason = '';
    let delivered = 0;
    let duplicates = 0;
    for (let i = 0; i < items.length; i++) {
      const result = results[i] ?? { status: 'retry', reason: 'the sink did not answer for this item' };
      if (result.status === 'delivered') delivered++;
      else if (result.status === 'duplicate') duplicates++;
      else if (result.status === 'retry') {
        retry.push(i);
        reason = result.reason;
      } else await this.spillAt(items, i, result.reason, attempts);
    }
    this.delivered(delivered + duplicates, duplicates);
    return { items: items.pick(retry), reason };
  }

  /** HTTP 413: the two halves go on their own; one event that is still too large is spilled. */
  private async halve(items: Batch, attempts: number): Promise<void> {
    if (items.length === 1) {
      return this.spill(items, `too large for the sink (HTTP 413, ${items.byteLength} bytes)`, attempts);
    }
    // Later batches start at the size that failed halved, so one 413 does not cost every batch a round trip.
    this.maxRequestBytes = Math.min(this.maxRequestBytes, Math.max(1, Math.floor(items.byteLength / 2)));
    const middle = Math.ceil(items.length / 2);
    await this.deliver(items.slice(0, middle), attempts);
    await this.deliver(items.slice(middle), attempts);
  }

  private delivered(count: number, duplicates: number): void {
    this.counts.delivered += count;
    this.counts.duplicates += duplicates;
    if (count > 0) this.sinkDown = false;
  }

  private async spill(items: Batch, reason: string, attempts: number): Promise<void> {
    for (let i = 0; i < items.length; i++) await this.spillAt(items, i, reason, attempts);
  }

  /** Spills one event of a batch, decoded from the bytes it would have been sent as. */
  private async spillAt(items: Batch, index: number, reason: string, attempts: number): Promise<void> {
    const event = this.format.decode(items.bytesAt(index));
    await this.options.spill.add({ event, source: items.sourceAt(index), kind: items.kindAt(index) }, reason, attempts);
    this.counts.spilled++;
  }

  private check(): void {
    if (this.failure) throw this.failure;
  }
}
