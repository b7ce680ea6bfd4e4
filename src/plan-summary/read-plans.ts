import { storeFor } from '../store';
import type { PlanReport } from './plan';
import { stackName, summarizePlan } from './plan';

/**
 * Reads plan JSON files (`terraform show -json <planfile>`) from files, folders (every `*.json` inside, by key)
 * or s3:// locations, in the order given. A location or file that cannot be read becomes an `UnreadablePlan`
 * entry, so the other stacks are still reported.
 */
export async function readPlans(locations: readonly string[]): Promise<PlanReport[]> {
  const reports: PlanReport[] = [];
  for (const location of locations) {
    let files: string[];
    try {
      const listed = await storeFor(location).list(location);
      const single = listed.length === 1 && listed[0].location === location;
      files = (single ? listed : listed.filter((o) => o.key.endsWith('.json'))).map((o) => o.location);
    } catch (error) {
      reports.push({ stack: stackName(location), file: location, error: (error as Error).message });
      continue;
    }
    if (files.length === 0)
      reports.push({ stack: stackName(location), file: location, error: 'no plan JSON files found' });
    for (const file of files) reports.push(await readPlan(file));
  }
  return reports;
}

async function readPlan(file: string): Promise<PlanReport> {
  try {
    return summarizePlan(file, (await storeFor(file).readAll(file)).toString('utf8'));
  } catch (error) {
    return { stack: stackName(file), file, error: (error as Error).message };
  }
}
