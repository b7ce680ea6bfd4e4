import { listObjects, storeFor } from '../store';
import type { Forwarder } from './forwarder';
import type { Skipped, ReadOptions } from './read-objects';
import { readSpill } from './spill';
import { SPILL_PREFIX, type SinkName } from './types';

/** The spill files of one sink at or below a location: `…/undelivered/<sink>/…/*.ndjson.gz`. */
export async function spillFiles(location: string, sink: SinkName): Promise<string[]> {
  const ofSink = new RegExp(`(^|/)${SPILL_PREFIX}/${sink}/.*\\.ndjson\\.gz$`);
  return (await listObjects([location])).filter((file) => ofSink.test(file.split('\\').join('/')));
}

/** The folder or prefix a spill location belongs to: the part before `undelivered/`, else the location itself. */
export function spillRootOf(location: string): string {
  const at = location
    .split('\\')
    .join('/')
    .search(new RegExp(`(^|/)${SPILL_PREFIX}(/|$)`));
  if (at < 0) return location;
  return at === 0 ? '.' : location.slice(0, at);
}

export interface ReplayResult {
  /** Spill files that were read whole and removed, their events delivered or spilled again. */
  readonly removed: readonly string[];
  /** Lines that are not spill records; their files are kept. */
  readonly skipped: readonly Skipped[];
  /** The new spill holding what failed again, if anything did. */
  readonly spill?: string;
}

/**
 * Sends the events of a sink's spill files again and finishes the forwarder. What fails again goes to the
 * forwarder's new spill; an old file is removed only once that new spill is written, and only when every line
 * of it was read, so a run that stops half-way loses nothing (at worst some events are sent twice).
 */
export async function replaySpill(
  location: string,
  forwarder: Forwarder,
  options: ReadOptions = {},
): Promise<ReplayResult> {
  const files = await spillFiles(location, forwarder.sink);
  const whole: string[] = [];
  const skipped: Skipped[] = [];
  let done = 0;
  for (const file of files) {
    if (options.stopped?.()) break;
    let readable = true;
    for await (const line of readSpill(file)) {
      if ('unreadable' in line) {
        readable = false;
        skipped.push({ object: file, reason: line.unreadable });
        continue;
      }
      const { event, source, kind } = line.record;
      forwarder.push({ event, source, kind });
      await forwarder.ready();
    }
    if (readable) whole.push(file);
    options.onProgress?.(++done, files.length);
  }
  const spill = await forwarder.finish();
  for (const file of whole) await storeFor(file).delete(file);
  return { removed: whole, skipped, ...(spill && { spill }) };
}
