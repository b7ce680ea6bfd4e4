/**
 * The DuckDB reference of `npm run bench:analyze`, run as its own process like `logfed analyze`, on as many threads
 * as the machine has cores: the counts of a summary (events; by source, event name, error code, hour and principal)
 * of CloudTrail files with `read_json`, `unnest(Records)` and one `GROUP BY GROUPING SETS`, printed as one JSON
 * object in the summary's field names, so the benchmark can check them equal to `logfed analyze`'s. Only the fields
 * those counts need are declared, so DuckDB converts no more of each record than it must.
 * With `--names-only`, only the counts by event name (`{"byEventName":{…}}`): less than analyze computes.
 * Usage: node dist/bench/duckdb-event-counts.js [--names-only] FILE…
 */
import { availableParallelism } from 'node:os';
import { DuckDBInstance } from '@duckdb/node-api';

/** What `principalOf` reads, in its order: the first non-empty string names the principal. */
const PRINCIPAL_FIELDS = ['arn', 'userName', 'invokedBy', 'principalId', 'type'];

/** The count maps of the summary, each with the SQL expression of its key. */
const MAPS: Record<string, string> = {
  bySource: 'r.eventSource',
  byEventName: 'r.eventName',
  errors: 'r.errorCode',
  byHour: `CASE WHEN regexp_matches(r.eventTime, '^\\d{4}-\\d\\d-\\d\\dT\\d\\d') THEN substr(r.eventTime, 1, 13) END`,
  byPrincipal: `CASE WHEN r.userIdentity IS NOT NULL THEN coalesce(${PRINCIPAL_FIELDS.map((f) => `nullif(r.userIdentity.${f}, '')`).join(', ')}, 'unknown') END`,
};

const RECORD = `STRUCT(eventSource VARCHAR, eventName VARCHAR, errorCode VARCHAR, eventTime VARCHAR, userIdentity STRUCT(${PRINCIPAL_FIELDS.map((f) => `${f} VARCHAR`).join(', ')}))`;

function records(files: readonly string[], type: string): string {
  const list = files.map((file) => `'${file.replace(/'/g, "''")}'`).join(', ');
  return `(SELECT unnest(Records) AS r
             FROM read_json([${list}], columns = {Records: '${type}[]'}, maximum_object_size = 1073741824))`;
}

async function main(args: readonly string[]): Promise<void> {
  const namesOnly = args[0] === '--names-only';
  const files = namesOnly ? args.slice(1) : args;
  if (files.length === 0) throw new Error('name at least one CloudTrail file');
  const instance = await DuckDBInstance.create(':memory:', { threads: String(availableParallelism()) });
  const connection = await instance.connect();
  const result: Record<string, unknown> = {};
  if (namesOnly) {
    const reader = await connection.runAndReadAll(
      `SELECT r.eventName, count(*) FROM ${records(files, 'STRUCT(eventName VARCHAR)')} GROUP BY 1`,
    );
    const counts: Record<string, number> = Object.create(null);
    for (const [name, n] of reader.getRows()) counts[String(name)] = Number(n);
    result.byEventName = counts;
  } else {
    const names = Object.keys(MAPS);
    const reader = await connection.runAndReadAll(
      `SELECT ${names.map((name) => `${MAPS[name]} AS ${name}`).join(', ')},
              grouping(${names.join(', ')}) AS grouping_id, count(*) AS n
         FROM ${records(files, RECORD)}
        GROUP BY GROUPING SETS (${names.map((name) => `(${name})`).join(', ')}, ())`,
    );
    for (const name of names) result[name] = Object.create(null);
    // grouping(a, b, …) has a bit set, from the left, for each column the row's grouping set leaves out.
    const all = 2 ** names.length - 1;
    for (const row of reader.getRows()) {
      const id = Number(row[names.length]);
      const n = Number(row[names.length + 1]);
      if (id === all) {
        result.events = n;
        continue;
      }
      const index = names.findIndex((_, i) => (id & (1 << (names.length - 1 - i))) === 0);
      const key = row[index];
      // Events without the field (no errorCode, a time that is no hour) are not counted under any key.
      if (key !== null) (result[names[index]] as Record<string, number>)[String(key)] = n;
    }
  }
  process.stdout.write(`${JSON.stringify(result)}\n`);
  connection.closeSync();
  instance.closeSync();
}

main(process.argv.slice(2)).catch((error: unknown) => {
  process.stderr.write(`duckdb-event-counts: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
});
