import { readLogObject } from '../readers';
import type { LogKind } from '../readers/types';
import { listObjects, storeFor } from '../store';
import type { Forwarder } from './forwarder';

/** Something that could not be read, as `logfed analyze` reports it in `skipped`. */
export interface Skipped {
  readonly object: string;
  readonly reason: string;
}

/**
 * Objects read at once. Two, so that while one waits for its next chunk (read and inflated on the thread pool,
 * or the first bytes of a new object), the main thread parses the other's; more would only hold more chunks.
 */
const READ_LANES = 2;

export interface ReadOptions {
  /** Called after each object with the number done and the total. */
  readonly onProgress?: (done: number, total: number) => void;
  /** Checked before each object: true stops reading (an interrupt); what was read is still sent or spilled. */
  readonly stopped?: () => boolean;
}

export interface ForwardResult {
  /** What could not be read, as `logfed analyze` lists it. */
  readonly skipped: readonly Skipped[];
  /** Where undeliverable events were spilled, if any were. */
  readonly spill?: string;
}

/**
 * Reads every log object at or below `locations` with the same readers as `logfed analyze`, two at a time, pushes
 * each event into the forwarder (pausing while its requests are all in flight) and finishes it: every event read
 * is then delivered or spilled.
 */
export async function forwardObjects(
  locations: readonly string[],
  forwarder: Forwarder,
  options: ReadOptions = {},
): Promise<ForwardResult> {
  const listed: Skipped[] = [];
  const objects = await listObjects(locations, (object, reason) => listed.push({ object, reason }));
  // Kept per object and joined in listing order, so what is reported does not depend on which lane read what.
  const skippedBy: Skipped[][] = objects.map(() => []);
  let next = 0;
  let done = 0;
  let failed = false;
  const lane = async () => {
    while (next < objects.length && !failed && !options.stopped?.()) {
      const index = next++;
      await forwardObject(objects[index], forwarder, skippedBy[index]).catch((error: unknown) => {
        failed = true;
        throw error;
      });
      options.onProgress?.(++done, objects.length);
    }
  };
  await Promise.all(Array.from({ length: Math.min(READ_LANES, objects.length) }, lane));
  const spill = await forwarder.finish();
  return { skipped: [...listed, ...skippedBy.flat()], ...(spill && { spill }) };
}

/** Pushes one object's events into the forwarder; what cannot be read is added to `skipped`. */
export async function forwardObject(location: string, forwarder: Forwarder, skipped: Skipped[] = []): Promise<void> {
  let kind: LogKind = 'unknown';
  await readLogObject(location, () => storeFor(location).openRead(location), {
    kind: (read) => (kind = read),
    event: (event, json) => forwarder.push({ event, source: location, kind, json }),
    skipped: (object, reason) => skipped.push({ object, reason }),
    ready: () => forwarder.ready(),
  });
}
