import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { pipelineModel, STOREFRONT } from '../../pipeline-definitions/model';
import {
  forDuckDb,
  loadBatch,
  loaderStatements,
  schemaStatements,
  sqlLiteral,
  unloadStatement,
} from '../../pipeline-definitions/sql';
import { ENVIRONMENTS } from '../../stacks/config/environments';
import { venvTool } from '../helpers/tools';

const ROOT = path.resolve(__dirname, '..', '..');
const SQL_DIR = path.join(ROOT, 'pipeline-definitions', 'sql');

/** `sqlfluff lint --dialect redshift` with the repository's settings; returns its exit code and report. */
function sqlfluff(paths: string[], ...extra: string[]): { status: number | null; report: string } {
  const result = spawnSync(
    venvTool('sqlfluff'),
    ['lint', '--dialect', 'redshift', '--config', path.join(ROOT, '.sqlfluff'), ...extra, ...paths],
    { encoding: 'utf8' },
  );
  return { status: result.status, report: `${result.stdout}${result.stderr}` };
}

function writeStatements(statements: string[]): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sql-lint-'));
  statements.forEach((statement, i) =>
    fs.writeFileSync(path.join(dir, `${String(i).padStart(2, '0')}.sql`), `${statement};\n`),
  );
  return dir;
}

describe('the warehouse SQL', () => {
  it('star schema DDL passes sqlfluff lint --dialect redshift with every rule', () => {
    const { status, report } = sqlfluff([SQL_DIR]);
    expect(report).not.toMatch(/FAIL/);
    expect(status).toBe(0);
  });

  it.each(['provisioned', 'serverless'] as const)(
    'generated COPY, star inserts and UNLOAD parse and lint as Redshift SQL (%s)',
    (kind) => {
      const model = pipelineModel({ ...ENVIRONMENTS[0], warehouse: { kind } });
      const dir = writeStatements([
        ...loadBatch(
          STOREFRONT,
          { manifestUri: 's3://chunks/run-1/storefront/manifest.json', roleArn: model.redshift.copyRoleArn },
          { sourceObject: "s3://landing/storefront/o'brien.log.gz", runId: 'run-1' },
        ),
        unloadStatement({
          loadErrorsTable: model.redshift.loadErrorsTable,
          chunksPrefix: 's3://chunks/run-1/',
          exceptionsPrefix: 's3://exceptions/load_errors/storefront/run-1/',
          roleArn: model.redshift.copyRoleArn,
        }),
      ]);
      try {
        // Code lays these out, so layout rules and aliases in INSERT … SELECT (named by the column list) are left out.
        const { status, report } = sqlfluff([dir], '--exclude-rules', 'layout,AL03');
        expect(report).not.toMatch(/FAIL/);
        expect(status).toBe(0);
      } finally {
        fs.rmSync(dir, { recursive: true, force: true });
      }
    },
  );

  it.each(['provisioned', 'serverless'] as const)(
    'the loader role and its grants lint as Redshift SQL (%s)',
    (kind) => {
      const model = pipelineModel({ ...ENVIRONMENTS[0], warehouse: { kind } });
      const dir = writeStatements(
        loaderStatements(
          model.redshift,
          { dimensions: ['dim_time', 'dim_service'], fact: 'fact_log_event' },
          model.orchestratorRole,
        ),
      );
      try {
        const { status, report } = sqlfluff([dir], '--exclude-rules', 'layout');
        expect(report).not.toMatch(/FAIL/);
        expect(status).toBe(0);
      } finally {
        fs.rmSync(dir, { recursive: true, force: true });
      }
    },
  );

  it('the lint fails on SQL Redshift cannot parse, so the checks above can fail', () => {
    const dir = writeStatements(['COPY stage_storefront FROM MANIFEST GZIP WHERE']);
    try {
      expect(sqlfluff([dir]).status).not.toBe(0);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('creates the dimensions before the fact that references them', () => {
    const tables = schemaStatements().map((s) => /CREATE TABLE IF NOT EXISTS (\w+)/.exec(s)![1]);
    expect(tables).toEqual([
      'dim_time',
      'dim_service',
      'dim_source',
      'dim_event_type',
      'dim_dataset',
      'fact_log_event',
    ]);
  });

  it('gives DuckDB the same tables and columns without the Redshift-only attributes', async () => {
    const instance = await DuckDBInstance.create(':memory:');
    const connection = await instance.connect();
    try {
      for (const statement of schemaStatements()) await connection.run(forDuckDb(statement));
      const reader = await connection.runAndReadAll(
        "SELECT column_name FROM information_schema.columns WHERE table_name = 'fact_log_event' ORDER BY ordinal_position",
      );
      const ddl = schemaStatements().at(-1)!;
      expect(reader.getRowObjects().map((row) => row.column_name)).toEqual(
        [...ddl.matchAll(/^ {4}(\w+) [A-Z]/gm)].map((match) => match[1]).filter((name) => name !== 'FOREIGN'),
      );
    } finally {
      connection.closeSync();
      instance.closeSync();
    }
  });

  it('quotes values from data as literals and refuses what the two dialects would read differently', () => {
    expect(sqlLiteral("it's")).toBe("'it''s'");
    expect(() => sqlLiteral('a\\b')).toThrow(/backslashes/);
    expect(() => sqlLiteral('a\nb')).toThrow(/control characters/);
  });
});
