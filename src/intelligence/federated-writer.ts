import { gzipSync } from 'node:zlib';
import type { LogEvent } from '../rules/types';
import type { ObjectStore } from '../store/types';
import { dayOf, federatedLocation, serviceOf } from './keys';

/** Text gathered per partition before it is compressed: large enough for good compression, small in memory. */
const FLUSH_BYTES = 256 * 1024;

interface Partition {
  readonly location: string;
  pending: string[];
  pendingBytes: number;
  readonly compressed: Buffer[];
  events: number;
}

/**
 * Writes one object's events as gzip NDJSON, one file per service and day:
 * `federated/service=<svc>/dt=<day>/<object id>.ndjson.gz`. Text is compressed every 256 KiB into a gzip
 * member (a file of several members is one valid gzip stream), so memory holds compressed bytes only.
 */
export class FederatedWriter {
  private readonly partitions = new Map<string, Partition>();

  constructor(
    private readonly output: string,
    private readonly objectId: string,
    /** Day of events without a time: the day the summary is filed under. */
    private readonly fallbackDay: string,
  ) {}

  event(event: LogEvent): void {
    const service = serviceOf(event.eventSource);
    const day = dayOf(event.eventTime ?? event.time, this.fallbackDay);
    const key = `${service}/${day}`;
    let partition = this.partitions.get(key);
    if (!partition) {
      const location = federatedLocation(this.output, service, day, this.objectId);
      partition = { location, pending: [], pendingBytes: 0, compressed: [], events: 0 };
      this.partitions.set(key, partition);
    }
    const line = `${JSON.stringify(event)}\n`;
    partition.pending.push(line);
    partition.pendingBytes += line.length;
    partition.events++;
    if (partition.pendingBytes >= FLUSH_BYTES) flush(partition);
  }

  /** Writes every partition; returns the files written with their event counts. */
  async finish(store: ObjectStore): Promise<{ location: string; events: number }[]> {
    const written: { location: string; events: number }[] = [];
    for (const partition of this.partitions.values()) {
      flush(partition);
      await store.write(partition.location, Buffer.concat(partition.compressed), 'application/gzip');
      written.push({ location: partition.location, events: partition.events });
    }
    this.partitions.clear();
    return written.sort((a, b) => (a.location < b.location ? -1 : 1));
  }
}

function flush(partition: Partition): void {
  if (partition.pending.length === 0) return;
  partition.compressed.push(gzipSync(partition.pending.join('')));
  partition.pending = [];
  partition.pendingBytes = 0;
}
