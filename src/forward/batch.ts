import type { LogKind } from '../readers/types';
import type { EncodedEvent } from './types';

/**
 * Room kept past a batch's expected size: the event that makes a batch too large is written before the batch is
 * cut (see `takeLast`), and should not cost the whole body a copy to a larger buffer.
 */
const SLACK_BYTES = 256 * 1024;

/**
 * Encoded events laid end to end in one buffer, which is the request body as is: an event is written in once when
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
    // Pages of an unused tail are never touched, so room to spare costs no memory.
    this.body = Buffer.allocUnsafeSlow(capacity > 0 ? capacity + SLACK_BYTES : 1);
  }

  /** Events in the batch. */
  get length(): number {
    return this.ends.length;
  }

  get byteLength(): number {
    return this.used;
  }

  /** Writes an event at the end. */
  add({ head, json, tail }: EncodedEvent, source: string, kind: LogKind): void {
    // At most 3 bytes per UTF-16 unit; the exact size is counted only when that bound does not fit.
    const bound = (head.length + tail.length + (typeof json === 'string' ? json.length : json.length / 3)) * 3;
    if (this.used + bound > this.body.length) {
      this.reserve(Buffer.byteLength(head) + Buffer.byteLength(json) + Buffer.byteLength(tail));
    }
    const body = this.body;
    let at = this.used + body.write(head, this.used);
    if (typeof json === 'string') at += body.write(json, at);
    else {
      body.set(json, at);
      at += json.length;
    }
    // Tails are one ASCII character (`}`, a newline): set as a byte, which is much cheaper than a string write.
    if (tail.length === 1 && tail.charCodeAt(0) < 0x80) body[at++] = tail.charCodeAt(0);
    else at += body.write(tail, at);
    this.ended(at, source, kind);
  }

  /** Removes the last event and returns a new batch holding it (for a batch that it made too large). */
  takeLast(capacity: number): Batch {
    const last = this.length - 1;
    const taken = new Batch(capacity);
    taken.append(this.bytesAt(last), this.sources[last], this.kinds[last]);
    this.used = last === 0 ? 0 : this.ends[last - 1];
    this.ends.pop();
    this.sources.pop();
    this.kinds.pop();
    return taken;
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
    const picked = new Batch(0);
    picked.reserve(bytes);
    for (const index of indexes) picked.append(this.bytesAt(index), this.sources[index], this.kinds[index]);
    return picked;
  }

  private append(bytes: Buffer, source: string, kind: LogKind): void {
    this.reserve(bytes.length);
    this.body.set(bytes, this.used);
    this.ended(this.used + bytes.length, source, kind);
  }

  private ended(end: number, source: string, kind: LogKind): void {
    this.used = end;
    this.ends.push(end);
    this.sources.push(source);
    this.kinds.push(kind);
  }

  /** Makes room for `bytes` more. */
  private reserve(bytes: number): void {
    if (this.used + bytes <= this.body.length) return;
    const body = Buffer.allocUnsafeSlow(Math.max(this.used + bytes, this.body.length * 2));
    this.body.copy(body, 0, 0, this.used);
    this.body = body;
  }
}
