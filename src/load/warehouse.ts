import * as fs from 'node:fs';
import * as path from 'node:path';
import type { DuckDBConnection, DuckDBInstance } from '@duckdb/node-api';
import type { Dataset } from '../../pipeline-definitions/model';
import {
  createStageStatement,
  forDuckDb,
  schemaStatements,
  sqlLiteral,
  stageTable,
  transformStatements,
  type LoadRun,
} from '../../pipeline-definitions/sql';

/** The tables of the star schema, as `schemaStatements` creates them. */
export function starTables(): string[] {
  return schemaStatements().map((statement) => /CREATE TABLE IF NOT EXISTS (\w+)/.exec(statement)![1]);
}

/**
 * The star schema in an embedded DuckDB file: the same tables as Redshift (sql/*.sql) and the same statements
 * from stage to star, so a local load says what a Redshift load would hold.
 */
export class LocalWarehouse {
  private constructor(
    private readonly instance: DuckDBInstance,
    private readonly connection: DuckDBConnection,
  ) {}

  static async open(file: string): Promise<LocalWarehouse> {
    await fs.promises.mkdir(path.dirname(path.resolve(file)), { recursive: true });
    // Loaded on first use: the native module costs start-up time every other command would pay.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { DuckDBInstance } = require('@duckdb/node-api') as typeof import('@duckdb/node-api');
    const instance = await DuckDBInstance.create(file);
    const connection = await instance.connect();
    for (const statement of schemaStatements()) await connection.run(forDuckDb(statement));
    return new LocalWarehouse(instance, connection);
  }

  /**
   * Replaces the rows of `run.sourceObject` with the rows of a CSV file of checked stage values, in one
   * transaction: a failure leaves the previous load of that object untouched.
   */
  async load(dataset: Dataset, stageCsv: string, run: LoadRun): Promise<void> {
    const stage = stageTable(dataset);
    await this.connection.run('BEGIN TRANSACTION');
    try {
      await this.connection.run(createStageStatement(dataset));
      await this.connection.run(
        `COPY ${stage} FROM ${sqlLiteral(stageCsv)} (FORMAT csv, DELIMITER '\t', QUOTE '"', ESCAPE '"', HEADER false)`,
      );
      for (const statement of transformStatements(dataset, run)) await this.connection.run(statement);
      await this.connection.run(`DROP TABLE ${stage}`);
      await this.connection.run('COMMIT');
    } catch (error) {
      await this.connection.run('ROLLBACK');
      throw error;
    }
  }

  /** Row count of every star-schema table, in schema order. */
  async rowCounts(): Promise<Record<string, number>> {
    const counts: Record<string, number> = {};
    for (const table of starTables()) {
      const reader = await this.connection.runAndReadAll(`SELECT COUNT(*) AS n FROM ${table}`);
      counts[table] = Number(reader.getRowObjects()[0].n);
    }
    return counts;
  }

  close(): void {
    this.connection.closeSync();
    this.instance.closeSync();
  }
}
