import { LOAD_ERROR_HEADER } from '../../pipeline-definitions/sql';
import type { RowRejection } from './copy';

/** One rejected row with where it came from: a row of the load-error file. */
export interface LoadErrorRow extends RowRejection {
  readonly table: string;
  readonly startTime: Date;
  /** The file and 1-based line the row came from. */
  readonly filename: string;
  readonly lineNumber: number;
  readonly rawLine: string;
}

/**
 * Load errors in the shape Redshift's UNLOAD of `stl_load_errors` writes them (HEADER, DELIMITER '|', ESCAPE):
 * a header line, then one pipe-delimited row per rejected line, `\` before every `\`, `|` and line break.
 * `logfed analyze` reads them like any unloaded load-error file.
 */
export function loadErrorsText(rows: readonly LoadErrorRow[]): string {
  const lines = [LOAD_ERROR_HEADER.join('|')];
  for (const row of rows) {
    const values: Record<string, string> = {
      query: '0',
      tbl: row.table,
      starttime: redshiftTimestamp(row.startTime),
      filename: row.filename,
      line_number: String(row.lineNumber),
      colname: row.colname,
      type: row.type,
      col_length: row.colLength,
      position: String(row.position),
      raw_line: row.rawLine,
      raw_field_value: row.rawFieldValue,
      err_code: String(row.errCode),
      err_reason: row.errReason,
    };
    lines.push(LOAD_ERROR_HEADER.map((name) => escapeField(values[name])).join('|'));
  }
  return `${lines.join('\n')}\n`;
}

function escapeField(value: string): string {
  return value.replace(/[\\|\n\r]/g, (char) => `\\${char}`);
}

/** `2026-11-27 10:00:00.123456`: how Redshift prints a TIMESTAMP. */
function redshiftTimestamp(date: Date): string {
  return `${date.toISOString().replace('T', ' ').replace('Z', '')}000`;
}
