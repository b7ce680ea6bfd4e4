import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { readSpill, SpillRecord } from '../../src/forward';
import { listObjects } from '../../src/store';

/** Real CloudTrail records (Stratus Red Team detonations; see the folder's NOTICE.md): 131 events, 16 files. */
export const CLOUDTRAIL = path.resolve(__dirname, '..', 'fixtures', 'stratus-red-team');

/** The fixture's CloudTrail files alone, without the folder's attribution file (which is not a log). */
export const CLOUDTRAIL_FILES = fs
  .readdirSync(CLOUDTRAIL)
  .filter((name) => name.endsWith('.json'))
  .map((name) => path.join(CLOUDTRAIL, name));

/** The eventIDs of the fixture files, read with JSON.parse as an oracle independent of the readers. */
export function fixtureEventIds(): string[] {
  return fs
    .readdirSync(CLOUDTRAIL)
    .filter((name) => name.endsWith('.json'))
    .flatMap((name) =>
      (JSON.parse(fs.readFileSync(path.join(CLOUDTRAIL, name), 'utf8')) as { eventID: string }[]).map((r) => r.eventID),
    );
}

export function tempDir(prefix: string): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), `logfed-${prefix}-`));
}

/** Every record of every spill file at or below `location`. */
export async function spilledRecords(location: string): Promise<SpillRecord[]> {
  const records: SpillRecord[] = [];
  if (!location.startsWith('s3://') && !fs.existsSync(location)) return records;
  for (const file of await listObjects([location])) {
    for await (const line of readSpill(file)) {
      if ('record' in line) records.push(line.record);
      else throw new Error(`unreadable spill line in ${file}: ${line.unreadable}`);
    }
  }
  return records;
}

export function idsOf(records: readonly SpillRecord[]): string[] {
  return records.map((record) => String(record.event.eventID));
}
