/**
 * The warehouse SQL, written once: the star schema DDL (sql/*.sql, applied in file order by the warehouse stack)
 * and the load statements generated from the pipeline model. Step Functions, Data Pipeline and the local DuckDB
 * loader all take their statements from here.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { STL_LOAD_ERRORS_COLUMNS } from '../src/readers/redshift-load-errors';
import type { Dataset, RedshiftTarget } from './model';

/** The folder of the DDL files, from the sources (tests) and from dist/ alike. */
const SQL_DIR = [path.join(__dirname, 'sql'), path.join(__dirname, '..', '..', 'pipeline-definitions', 'sql')].find(
  (dir) => fs.existsSync(dir),
)!;

/** The star schema as an ordered list of statements: dimensions first, then the fact that references them. */
export function schemaStatements(): string[] {
  return fs
    .readdirSync(SQL_DIR)
    .filter((name) => name.endsWith('.sql'))
    .sort()
    .flatMap((name) => splitStatements(fs.readFileSync(path.join(SQL_DIR, name), 'utf8')));
}

/** Statements of a file, without comment lines; each ends at a `;` closing a line. */
export function splitStatements(text: string): string[] {
  const code = text
    .split('\n')
    .filter((line) => !line.trimStart().startsWith('--'))
    .join('\n');
  return code
    .split(/;\s*(?:\n|$)/)
    .map((statement) => statement.trim())
    .filter((statement) => statement !== '');
}

/**
 * The same table for DuckDB: Redshift's physical attributes (distribution, sort keys) have no meaning there, and
 * DuckDB would enforce the foreign keys Redshift only records, at a cost on every insert.
 */
export function forDuckDb(statement: string): string {
  return statement
    .replace(/\n\s*(DISTSTYLE \w+|DISTKEY \(\w+\)|SORTKEY \([\w, ]+\))/g, '')
    .replace(/ REFERENCES \w+ \(\w+\)/g, '')
    .replace(/,\s*FOREIGN KEY \([\w, ]+\) REFERENCES \w+ \([\w, ]+\)/g, '');
}

/**
 * A string literal both Redshift and DuckDB read the same way. Redshift treats a backslash in a literal as an
 * escape and DuckDB does not, so a value holding one (or a control character) is refused rather than guessed at.
 */
export function sqlLiteral(value: string): string {
  // eslint-disable-next-line no-control-regex
  if (/[\\\u0000-\u001f]/.test(value)) {
    throw new Error(
      `refusing to put ${JSON.stringify(value)} in SQL: backslashes and control characters are not allowed`,
    );
  }
  return `'${value.replace(/'/g, "''")}'`;
}

/** The temporary table COPY fills for one run of a dataset: its columns in file order, typed as COPY checks them. */
export function stageTable(dataset: Dataset): string {
  return `stage_${dataset.name}`;
}

export function createStageStatement(dataset: Dataset): string {
  const columns = dataset.input.columns.map((column) => `    ${column.name} ${column.type}`).join(',\n');
  return `CREATE TEMP TABLE ${stageTable(dataset)} (\n${columns}\n)`;
}

export interface CopySource {
  /** `s3://…/manifest.json` written by the split step. */
  readonly manifestUri: string;
  /** Role Redshift assumes to read the chunks. */
  readonly roleArn: string;
}

/** COPY of the gzip chunks listed in the manifest into the stage; rejected rows go to the load-errors table. */
export function copyStatement(dataset: Dataset, source: CopySource): string {
  const columns = dataset.input.columns.map((column) => column.name).join(', ');
  return [
    `COPY ${stageTable(dataset)} (${columns})`,
    `FROM ${sqlLiteral(source.manifestUri)}`,
    `IAM_ROLE ${sqlLiteral(source.roleArn)}`,
    'MANIFEST',
    'GZIP',
    `DELIMITER ${sqlLiteral(dataset.input.delimiter)}`,
    "TIMEFORMAT 'auto'",
    `MAXERROR ${dataset.maxErrors}`,
    'COMPUPDATE OFF',
    'STATUPDATE OFF',
  ].join('\n');
}

export interface LoadRun {
  /** The landing object the rows came from: a reload of it replaces its rows instead of adding them again. */
  readonly sourceObject: string;
  readonly runId: string;
}

/**
 * From the stage into the star: new dimension rows, then this object's facts, replacing any it had. Run in one
 * transaction (a Data API batch, a DuckDB transaction) so a failed run leaves the previous rows in place.
 */
export function transformStatements(dataset: Dataset, run: LoadRun): string[] {
  const stage = stageTable(dataset);
  const map = dataset.mapping;
  const fact = dataset.factTable;
  const source = sqlLiteral(run.sourceObject);
  const hour = `DATE_TRUNC('hour', ${map.eventTime})`;
  // EXCEPT rather than NOT EXISTS: the mapping's bare column names (host) would bind to the dimension's own.
  const newRows = (table: string, columns: string, select: string) =>
    `INSERT INTO ${table} (${columns})\nSELECT ${select} FROM ${stage}\nEXCEPT\nSELECT ${columns} FROM ${table}`;
  return [
    `DELETE FROM ${fact} WHERE source_object = ${source}`,
    `INSERT INTO dim_dataset (dataset_name, landing_prefix, input_format)\n` +
      `SELECT ${sqlLiteral(dataset.name)}, ${sqlLiteral(dataset.landingPrefix)}, ${sqlLiteral(dataset.input.format)}\n` +
      `WHERE NOT EXISTS (SELECT 1 FROM dim_dataset WHERE dataset_name = ${sqlLiteral(dataset.name)})`,
    newRows(
      'dim_time',
      'time_key, event_date, hour_of_day, day_of_week, month_of_year, calendar_year',
      `${hour}, CAST(${map.eventTime} AS DATE), EXTRACT(HOUR FROM ${map.eventTime}), ` +
        `EXTRACT(DOW FROM ${map.eventTime}), EXTRACT(MONTH FROM ${map.eventTime}), EXTRACT(YEAR FROM ${map.eventTime})`,
    ),
    newRows('dim_service', 'service_name', map.service),
    newRows('dim_source', 'host', map.host),
    newRows('dim_event_type', 'event_type, severity', `${map.eventType}, ${map.severity}`),
    `INSERT INTO ${fact} (\n` +
      '    event_time, time_key, dataset_name, service_name, host, event_type, severity,\n' +
      '    client_ip, status_code, bytes_sent, duration_ms, source_object, run_id\n)\n' +
      `SELECT\n    ${map.eventTime}, ${hour}, ${sqlLiteral(dataset.name)}, ${map.service}, ${map.host},\n` +
      `    ${map.eventType}, ${map.severity}, ${map.clientIp}, ${map.statusCode}, ${map.bytesSent},\n` +
      `    ${map.durationMs}, ${source}, ${sqlLiteral(run.runId)}\nFROM ${stage}`,
  ];
}

/** Everything a run of one dataset does in Redshift, in one Data API batch (one session, one transaction). */
export function loadBatch(dataset: Dataset, source: CopySource, run: LoadRun): string[] {
  return [createStageStatement(dataset), copyStatement(dataset, source), ...transformStatements(dataset, run)];
}

/**
 * The load-error columns people need, named as `stl_load_errors` names them: what UNLOAD writes and what the
 * local loader writes, with a header (the reader goes by it). Left out: session, slice and job bookkeeping.
 */
export const LOAD_ERROR_HEADER = STL_LOAD_ERRORS_COLUMNS.filter(
  (name) => !['userid', 'slice', 'session', 'is_partial', 'start_offset', 'copy_job_id'].includes(name),
);

/** Character columns of `stl_load_errors` are CHAR(n): trailing blanks are trimmed on the way out. */
const CHAR_COLUMNS = new Set(['filename', 'colname', 'type', 'raw_line', 'raw_field_value', 'err_reason']);

const LOAD_ERROR_COLUMNS: Record<RedshiftTarget['loadErrorsTable'], string> = {
  stl_load_errors: LOAD_ERROR_HEADER.map((name) => (CHAR_COLUMNS.has(name) ? `TRIM(${name}) AS ${name}` : name)).join(
    ', ',
  ),
  // The serverless view names its columns differently and keeps neither the raw line nor the raw value.
  sys_load_error_detail:
    'query_id AS query, table_id AS tbl, start_time AS starttime, TRIM(file_name) AS filename, line_number, ' +
    'TRIM(column_name) AS colname, TRIM(column_type) AS type, column_length AS col_length, position, ' +
    'error_code AS err_code, TRIM(error_message) AS err_reason',
};

export interface UnloadTarget {
  readonly loadErrorsTable: RedshiftTarget['loadErrorsTable'];
  /** `s3://…/<run>/`: the run's chunks; its rows in the load-errors table name files under it. */
  readonly chunksPrefix: string;
  /** `s3://…/load_errors/…/`: where the run's load errors go, pipe-delimited with a header. */
  readonly exceptionsPrefix: string;
  readonly roleArn: string;
}

/** UNLOAD of this run's load errors (those of files under its chunk prefix) to the exceptions bucket. */
export function unloadStatement(target: UnloadTarget): string {
  const column = target.loadErrorsTable === 'stl_load_errors' ? 'filename' : 'file_name';
  const query =
    `SELECT ${LOAD_ERROR_COLUMNS[target.loadErrorsTable]} FROM ${target.loadErrorsTable} ` +
    `WHERE TRIM(${column}) LIKE ${sqlLiteral(`${target.chunksPrefix}%`)}`;
  return [
    `UNLOAD (${sqlLiteral(query)})`,
    `TO ${sqlLiteral(target.exceptionsPrefix)}`,
    `IAM_ROLE ${sqlLiteral(target.roleArn)}`,
    'HEADER',
    "DELIMITER '|'",
    'ESCAPE',
    'ALLOWOVERWRITE',
    'PARALLEL OFF',
    // Without it UNLOAD asks S3 for SSE-S3 explicitly; AUTO takes the bucket's default KMS key (the archive key).
    'ENCRYPTED AUTO',
  ].join('\n');
}

/**
 * Redshift only (the local DuckDB warehouse has no users): the loader's database role, and for a provisioned cluster
 * its user, with exactly what `loadBatch` and `unloadStatement` need. Run as the admin after the tables; every
 * statement can run again. Redshift has no `IF NOT EXISTS` for roles or users, so a procedure checks the catalog
 * first; GRANTs of a privilege already held change nothing. The temp stage needs TEMP on the database, the load
 * SELECT (EXCEPT, WHERE) and INSERT on the star and DELETE on the fact. COPY and UNLOAD use the cluster's attached
 * COPY role, which Redshift lets every user use until ASSUMEROLE is revoked from PUBLIC (not granted here: sqlfluff
 * cannot parse GRANT ASSUMEROLE). The load-errors system table and view need no grant: a user sees its own rows.
 */
export function loaderStatements(
  target: RedshiftTarget,
  tables: { dimensions: string[]; fact: string },
  orchestratorRole: string,
): string[] {
  const role = target.loaderRole;
  const user = target.loaderUser;
  // Serverless: the orchestrator role's database user (IAMR:<role name>) gets the role from the role's
  // RedshiftDbRoles tag at sign-in; a user already created by an earlier sign-in is also granted it here.
  const iamUser = `IAMR:${orchestratorRole}`;
  const createUser =
    target.kind === 'provisioned'
      ? [
          `    IF NOT EXISTS (SELECT 1 FROM pg_user WHERE usename = ${sqlLiteral(user)}) THEN`,
          `        CREATE USER ${user} PASSWORD DISABLE;`,
          '    END IF;',
        ]
      : [
          `    IF EXISTS (SELECT 1 FROM pg_user WHERE usename = ${sqlLiteral(iamUser)}) THEN`,
          `        GRANT ROLE ${role} TO "${iamUser}";`,
          '    END IF;',
        ];
  return [
    [
      'CREATE OR REPLACE PROCEDURE logfed_create_loader()',
      'AS $$',
      'BEGIN',
      `    IF NOT EXISTS (SELECT 1 FROM svv_roles WHERE role_name = ${sqlLiteral(role)}) THEN`,
      `        CREATE ROLE ${role};`,
      '    END IF;',
      ...createUser,
      'END;',
      '$$ LANGUAGE plpgsql',
    ].join('\n'),
    'CALL logfed_create_loader()',
    `GRANT USAGE ON SCHEMA public TO ROLE ${role}`,
    `GRANT TEMP ON DATABASE ${target.database} TO ROLE ${role}`,
    `GRANT SELECT, INSERT ON ${tables.dimensions.join(', ')} TO ROLE ${role}`,
    `GRANT SELECT, INSERT, DELETE ON ${tables.fact} TO ROLE ${role}`,
    ...(target.kind === 'provisioned' ? [`GRANT ROLE ${role} TO ${user}`] : []),
  ];
}
