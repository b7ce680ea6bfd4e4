/**
 * Where summaries live: `<prefix>/dt=YYYY-MM-DD/hour=HH/<id>.json`, partitioned by the UTC hour of the first
 * event (or of the analysis when no event had a time), with `<id>` derived from the analyzed object's
 * bucket, key and ETag so a redelivered object overwrites its own summary (docs/decisions/digest-summaries.md).
 */
export function summaryKey(hour: Date, id: string): string {
  const iso = hour.toISOString();
  return `dt=${iso.slice(0, 10)}/hour=${iso.slice(11, 13)}/${id}.json`;
}

export interface Partition {
  /** `YYYY-MM-DD` */
  readonly day: string;
  /** Start of the partition's hour, when the key names one. */
  readonly hourStart?: Date;
}

const PARTITION = /(?:^|\/)dt=(\d{4}-\d{2}-\d{2})\/(?:hour=(\d{2})\/)?/;

/** The partition a key sits in, or undefined for keys outside the layout (e.g. files written by `analyze --out`). */
export function partitionOf(key: string): Partition | undefined {
  const match = PARTITION.exec(key);
  if (!match) return undefined;
  const hourStart = match[2] === undefined ? undefined : new Date(`${match[1]}T${match[2]}:00:00Z`);
  return { day: match[1], hourStart };
}

/** Summary files: JSON, optionally gzip-compressed. */
export function isSummaryKey(key: string): boolean {
  return /\.json(\.gz)?$/.test(key);
}

/** The UTC days (`YYYY-MM-DD`) from `since` to `until`, inclusive. */
export function daysBetween(since: Date, until: Date): string[] {
  const days: string[] = [];
  const day = new Date(Date.UTC(since.getUTCFullYear(), since.getUTCMonth(), since.getUTCDate()));
  for (; day <= until; day.setUTCDate(day.getUTCDate() + 1)) days.push(day.toISOString().slice(0, 10));
  return days;
}
