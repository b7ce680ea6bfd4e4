import type { LogKind } from '../readers/types';

/**
 * Encoded events laid end to end in one buffer, which is the request body as is: an event is copied in once when
 * it is added and never joined again. Per event only numbers and shared strings are kept (where it ends, its
 * source, its kind), no object: a batch lives as long as its request, and millions of small objects that outlive
 * the young generation would cost the garbage collector more than the forwarding itself.
 */
export class Batch {
  private body: Buffer;
  private used = 0;
  private readonly ends: number[] = [];
  private readonly sources: string[] = [];
  private readonly kinds: LogKind[] = [];

  /** `capacity` is a hint: the bytes the batch is expected to grow to. */
  constructor(capacity: number) {
    // Pages of an unused tail are never touched, so a large hint costs no memory.
    this.body = Buffer.allocUnsafeSlow(Math.max(1, capacity));
  }

  /** Events in the batch. */
  get length(): number {
    return this.ends.length;
  }

  get byteLength(): number {
    return this.used;
  }

  add(bytes: Buffer, source: string, kind: LogKind): void {
    if (this.used + bytes.length > this.body.length) this.grow(this.used + bytes.length);
    bytes.copy(this.body, this.used);
    this.used += bytes.length;
    this.ends.push(this.used);
    this.sources.push(source);
    this.kinds.push(kind);
  }

  /** The request body: every event in order, not copied. */
  bytes(): Buffer {
    return this.body.subarray(0, this.used);
  }

  /** The encoded event at `index`, not copied. */
  bytesAt(index: number): Buffer {
    return this.body.subarray(index === 0 ? 0 : this.ends[index - 1], this.ends[index]);
  }

  sourceAt(index: number): string {
    return this.sources[index];
  }

  kindAt(index: number): LogKind {
    return this.kinds[index];
  }

  /** A new batch of the events from `start` up to `end` (the last by default), for halving. */
  slice(start: number, end = this.length): Batch {
    const indexes: number[] = [];
    for (let index = start; index < Math.min(end, this.length); index++) indexes.push(index);
    return this.pick(indexes);
  }

  /** A new batch of the events at `indexes`, in that order, for resending some. */
  pick(indexes: readonly number[]): Batch {
    let bytes = 0;
    for (const index of indexes) bytes += this.bytesAt(index).length;
    const picked = new Batch(bytes);
    for (const index of indexes) picked.add(this.bytesAt(index), this.sources[index], this.kinds[index]);
    return picked;
  }

  private grow(needed: number): void {
    const body = Buffer.allocUnsafeSlow(Math.max(needed, this.body.length * 2));
    this.body.copy(body, 0, 0, this.used);
    this.body = body;
  }
}
