import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGunzip, gunzipSync } from 'node:zlib';

/** Bytes read at the start of an object to tell its kind. */
export const SNIFF_BYTES = 4096;

/**
 * The most an object given whole is inflated to at once; a bigger one is inflated as a stream, chunk by chunk, so
 * memory stays bounded whatever the object's size.
 */
export const WHOLE_INFLATE_LIMIT = 64 * 1024 * 1024;
/** zlib's default output chunk, used when a gzip's trailer says it inflates to less. */
const MIN_INFLATE_CHUNK = 16 * 1024;
/** Deflate cannot expand more than this (about 1032:1): a trailer that claims more is not believed. */
const MAX_DEFLATE_RATIO = 1032;

/**
 * An object's bytes, gunzipped when they start with the gzip magic (whatever the key says), with the first
 * bytes held back so the kind can be sniffed before a reader consumes the stream.
 */
export class DecodedObject {
  private constructor(
    readonly head: Buffer,
    readonly gzip: boolean,
    private readonly rest: AsyncIterator<Buffer> | undefined,
    private readonly whole?: Buffer,
  ) {}

  /**
   * `source` is a stream of the object's bytes, or all of them in one buffer (a small object read whole). A buffer
   * is inflated in one call on this thread, which costs less than a stream's hand-offs to the thread pool; one that
   * does not inflate whole (truncated, corrupt, over `WHOLE_INFLATE_LIMIT`) is streamed instead, so the records
   * before the damage are read and the reason is reported as for any stream.
   */
  static async open(source: Readable | Buffer): Promise<DecodedObject> {
    if (Buffer.isBuffer(source)) {
      const gzip = source[0] === 0x1f && source[1] === 0x8b;
      const whole = gzip ? inflatedWhole(source) : source;
      if (whole) return new DecodedObject(whole.subarray(0, SNIFF_BYTES), gzip, undefined, whole);
      source = Readable.from([source]);
    }
    const raw = source[Symbol.asyncIterator]() as AsyncIterator<Buffer>;
    const first = await raw.next();
    if (first.done) return new DecodedObject(Buffer.alloc(0), false, undefined);
    const gzip = first.value[0] === 0x1f && first.value[1] === 0x8b;
    const decoded = gzip ? gunzipped(first.value, raw) : replay(first.value, raw);
    const held: Buffer[] = [];
    let size = 0;
    while (size < SNIFF_BYTES) {
      const next = await decoded.next();
      if (next.done) return new DecodedObject(Buffer.concat(held), gzip, undefined);
      held.push(next.value);
      size += next.value.length;
    }
    return new DecodedObject(Buffer.concat(held), gzip, decoded);
  }

  /** The whole decoded content, head first; each chunk is yielded once. */
  async *chunks(): AsyncGenerator<Buffer> {
    if (this.whole) {
      if (this.whole.length > 0) yield this.whole;
      return;
    }
    if (this.head.length > 0) yield this.head;
    if (!this.rest) return;
    for (;;) {
      const next = await this.rest.next();
      if (next.done) return;
      yield next.value;
    }
  }
}

/** The inflated bytes, or undefined when they do not inflate whole within the limit. */
function inflatedWhole(gzip: Buffer): Buffer | undefined {
  try {
    return gunzipSync(gzip, { maxOutputLength: WHOLE_INFLATE_LIMIT, chunkSize: wholeInflateChunk(gzip) });
  } catch {
    return undefined;
  }
}

/**
 * The output buffer for inflating `gzip` in one call. A gzip member ends with its inflated size (mod 4 GiB): one
 * buffer of that size spares gathering 16 KiB pieces and copying them together, and a wrong size (several members)
 * only costs the copy. The trailer is the object's word, so it is believed only as far as the compressed length
 * can inflate.
 */
export function wholeInflateChunk(gzip: Buffer): number {
  const size = gzip.length >= 18 ? gzip.readUInt32LE(gzip.length - 4) : 0;
  return Math.max(Math.min(size + 1, gzip.length * MAX_DEFLATE_RATIO, WHOLE_INFLATE_LIMIT), MIN_INFLATE_CHUNK);
}

async function* replay(first: Buffer, rest: AsyncIterator<Buffer>): AsyncGenerator<Buffer> {
  yield first;
  for (;;) {
    const next = await rest.next();
    if (next.done) return;
    yield next.value;
  }
}

/** Inflates on the libuv thread pool, so decompression runs beside parsing on the main thread. */
function gunzipped(first: Buffer, rest: AsyncIterator<Buffer>): AsyncIterator<Buffer> {
  const gunzip = createGunzip({ chunkSize: 256 * 1024 });
  // Errors reach the reader through the gunzip stream's iterator; the pipeline promise only needs a handler.
  pipeline(replay(first, rest), gunzip).catch(() => undefined);
  return gunzip[Symbol.asyncIterator]();
}

/** A reason people understand for a failure while reading or inflating an object. */
export function readFailureReason(error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'Z_BUF_ERROR') return 'truncated gzip';
  const message = typeof (error as Error)?.message === 'string' ? (error as Error).message : String(error);
  if (code === 'Z_DATA_ERROR') return `corrupt gzip: ${message}`;
  return `unreadable: ${message}`;
}
