import { randomBytes } from 'node:crypto';
import { once } from 'node:events';
import { createGzip, Gzip } from 'node:zlib';
import { DecodedObject } from '../readers/chunks';
import { linesOf } from '../readers/lines';
import type { LogKind } from '../readers/types';
import type { LogEvent } from '../rules/types';
import { joinLocation, storeFor } from '../store';
import { SPILL_PREFIX, type SinkEvent, type SinkName } from './types';

/** One line of a spill file: the event and where it came from, plus why and after how many sends it was spilled. */
export interface SpillRecord {
  readonly sink: SinkName;
  readonly reason: string;
  readonly attempts: number;
  readonly source: string;
  readonly kind: LogKind;
  readonly event: LogEvent;
}

/** Raised when the spill itself cannot be written: the events it should hold are then neither sent nor kept. */
export class SpillError extends Error {
  constructor(location: string, cause: unknown) {
    super(`cannot write the spill ${location}: ${cause instanceof Error ? cause.message : String(cause)}`);
    this.name = 'SpillError';
  }
}

/**
 * Writes undeliverable events as gzip NDJSON to one new object under `<root>/undelivered/<sink>/YYYY/MM/DD/`,
 * opened on the first event, so a run that spills nothing writes nothing. Works for local folders and `s3://`.
 */
export class SpillWriter {
  private gzip: Gzip | undefined;
  private written: Promise<void> | undefined;
  private failure: unknown;
  private location: string | undefined;
  /** Events written so far. */
  count = 0;

  constructor(
    readonly root: string,
    readonly sink: SinkName,
    private readonly now: () => Date = () => new Date(),
  ) {}

  async add(item: SinkEvent, reason: string, attempts: number): Promise<void> {
    const record: SpillRecord = {
      sink: this.sink,
      reason,
      attempts,
      source: item.source,
      kind: item.kind,
      event: item.event,
    };
    await this.writeLine(JSON.stringify(record));
  }

  /** Finishes the object; returns its location, or undefined when nothing was spilled. */
  async close(): Promise<string | undefined> {
    if (!this.gzip) return undefined;
    this.gzip.end();
    await this.written;
    this.check();
    return this.location;
  }

  private async writeLine(line: string): Promise<void> {
    const gzip = this.open();
    this.count++;
    if (!gzip.write(`${line}\n`)) await Promise.race([once(gzip, 'drain'), this.written]);
    this.check();
  }

  private open(): Gzip {
    if (this.gzip) return this.gzip;
    const now = this.now();
    const day = now.toISOString().slice(0, 10).replace(/-/g, '/');
    const stamp = now.toISOString().replace(/[-:.]/g, '');
    const name = `${SPILL_PREFIX}/${this.sink}/${day}/${stamp}-${randomBytes(4).toString('hex')}.ndjson.gz`;
    const location = joinLocation(this.root, name);
    const gzip = createGzip();
    this.location = location;
    this.gzip = gzip;
    this.written = storeFor(location)
      .write(location, gzip, 'application/x-ndjson')
      .catch((error: unknown) => {
        this.failure = new SpillError(location, error);
      });
    return gzip;
  }

  private check(): void {
    if (this.failure) throw this.failure;
  }
}

/** One line read back from a spill file: a record, or why the line is not one. */
export type SpillLine = { readonly record: SpillRecord } | { readonly unreadable: string };

/** Reads a spill file line by line, holding one line at a time. */
export async function* readSpill(location: string): AsyncGenerator<SpillLine> {
  const decoded = await DecodedObject.open(storeFor(location).openRead(location));
  for await (const line of linesOf(decoded.chunks())) {
    if (line.text.trim() === '' && !line.invalidUtf8) continue;
    yield line.invalidUtf8 ? { unreadable: `line ${line.number}: invalid UTF-8` } : spillLine(line.text, line.number);
  }
}

function spillLine(text: string, number: number): SpillLine {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    return { unreadable: `line ${number}: invalid JSON: ${(error as Error).message}` };
  }
  const record = value as Partial<SpillRecord> | null;
  if (
    record === null ||
    typeof record !== 'object' ||
    typeof record.sink !== 'string' ||
    typeof record.source !== 'string' ||
    record.event === null ||
    typeof record.event !== 'object' ||
    Array.isArray(record.event)
  ) {
    return { unreadable: `line ${number}: not a spill record (needs sink, source and an event object)` };
  }
  return { record: record as SpillRecord };
}
