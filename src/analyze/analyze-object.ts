import { readLogObject } from '../readers';
import { storeFor } from '../store';
import { SummaryBuilder } from '../summary/builder';
import type { Summary } from '../summary/types';

/** The summary of one log object (local file or S3 object); bad content ends up in `skipped`, never thrown. */
export async function analyzeObject(location: string): Promise<Summary> {
  const summary = new SummaryBuilder(location);
  await readLogObject(location, () => storeFor(location).openRead(location), {
    kind: (kind) => summary.kind(kind),
    event: (event) => summary.event(event),
    skipped: (where, reason) => summary.skip(where, reason),
  });
  return summary.finish();
}
