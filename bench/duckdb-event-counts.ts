/**
 * The DuckDB reference of `npm run bench:analyze`, run as its own process like `logfed analyze`: per-event-name
 * counts of CloudTrail files with `read_json`, `unnest(Records)` and a group by, printed as one JSON object.
 * Only `eventName` is declared, so DuckDB parses no more of each record than it needs (the strictest reference).
 * Usage: node dist/bench/duckdb-event-counts.js FILE…
 */
import { DuckDBInstance } from '@duckdb/node-api';

async function main(files: readonly string[]): Promise<void> {
  if (files.length === 0) throw new Error('name at least one CloudTrail file');
  const instance = await DuckDBInstance.create(':memory:');
  const connection = await instance.connect();
  const list = files.map((file) => `'${file.replace(/'/g, "''")}'`).join(', ');
  const reader = await connection.runAndReadAll(
    `SELECT r.eventName AS name, count(*) AS n
       FROM (SELECT unnest(Records) AS r
               FROM read_json([${list}], columns = {Records: 'STRUCT(eventName VARCHAR)[]'},
                              maximum_object_size = 1073741824))
      GROUP BY 1`,
  );
  const counts: Record<string, number> = Object.create(null);
  for (const [name, n] of reader.getRows()) counts[String(name)] = Number(n);
  process.stdout.write(`${JSON.stringify(counts)}\n`);
  connection.closeSync();
  instance.closeSync();
}

main(process.argv.slice(2)).catch((error: unknown) => {
  process.stderr.write(`duckdb-event-counts: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
});
