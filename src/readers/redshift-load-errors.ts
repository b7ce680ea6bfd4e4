import { textLinesOf } from './lines';
import { pipelineEventAt } from './pipeline-event';
import type { ReaderSink } from './types';

/** STL_LOAD_ERRORS columns in table order: what `UNLOAD ('select * from stl_load_errors …')` writes without a header. */
export const STL_LOAD_ERRORS_COLUMNS = [
  'userid',
  'slice',
  'tbl',
  'starttime',
  'session',
  'query',
  'filename',
  'line_number',
  'colname',
  'type',
  'col_length',
  'position',
  'raw_line',
  'raw_field_value',
  'err_code',
  'err_reason',
  'is_partial',
  'start_offset',
  'copy_job_id',
] as const;

const KEY_HINT = /(stl_load_errors|load[-_]errors)/i;

export function isRedshiftLoadErrors(location: string): boolean {
  return KEY_HINT.test(location);
}

/** A header line naming `err_code` and `err_reason` (UNLOAD … HEADER, pipe or CSV). */
export function looksLikeLoadErrorsHeader(head: string): boolean {
  const first = head.split('\n', 1)[0].toLowerCase();
  return first.includes('err_code') && first.includes('err_reason');
}

/**
 * Reads Redshift load errors unloaded to S3: pipe-delimited (UNLOAD's default, `\` escapes) or CSV with a header.
 * Without a header the columns are STL_LOAD_ERRORS' own order. Each row becomes one `RedshiftLoadError` event;
 * a row whose column count does not fit is reported, not guessed at.
 */
export async function readRedshiftLoadErrors(
  location: string,
  chunks: AsyncIterable<Buffer>,
  sink: ReaderSink,
): Promise<void> {
  let columns: readonly string[] | undefined;
  let split: (line: string) => string[] = splitPipe;
  for await (const { text, where } of textLinesOf(location, chunks, sink)) {
    if (text.trim() === '') continue;
    if (!columns) {
      if (looksLikeLoadErrorsHeader(text)) {
        split = text.includes('|') ? splitPipe : splitCsv;
        columns = split(text).map((name) => name.trim().toLowerCase());
        continue;
      }
      columns = STL_LOAD_ERRORS_COLUMNS;
    }
    const values = split(text);
    if (values.length !== columns.length) {
      sink.skipped(where, `expected ${columns.length} columns, found ${values.length}`);
      continue;
    }
    const row = Object.fromEntries(columns.map((name, i) => [name, values[i].trim()]));
    sink.event(pipelineEventAt(where, 'RedshiftLoadError', isoTime(row.starttime ?? ''), loadErrorDetail(row)));
  }
}

/** The fields people need to find and fix the row; numbers stay numbers so filter patterns can compare them. */
function loadErrorDetail(row: Record<string, string>): Record<string, unknown> {
  const detail: Record<string, unknown> = {
    table: row.tbl,
    file: row.filename,
    line: numberOr(row.line_number),
    column: row.colname,
    errorCode: numberOr(row.err_code),
    reason: row.err_reason,
    rawFieldValue: row.raw_field_value,
    query: numberOr(row.query),
  };
  return Object.fromEntries(Object.entries(detail).filter(([, value]) => value !== undefined && value !== ''));
}

function numberOr(value: string | undefined): number | string | undefined {
  if (value === undefined || value === '') return undefined;
  const number = Number(value);
  return Number.isFinite(number) ? number : value;
}

/** `2026-11-27 10:00:00.123456` (Redshift timestamps are UTC) to `2026-11-27T10:00:00.123Z`. */
function isoTime(value: string): string {
  const match = /^(\d{4}-\d\d-\d\d)[ T](\d\d:\d\d:\d\d)(\.\d{1,3})?/.exec(value);
  return match ? `${match[1]}T${match[2]}${match[3] ?? ''}Z` : '';
}

function splitPipe(line: string): string[] {
  const fields: string[] = [];
  let current = '';
  for (let i = 0; i < line.length; i++) {
    const char = line[i];
    if (char === '\\' && i + 1 < line.length) current += line[++i];
    else if (char === '|') {
      fields.push(current);
      current = '';
    } else current += char;
  }
  fields.push(current);
  return fields;
}

/** One CSV line (RFC 4180 quoting; load-error rows hold no line breaks). */
function splitCsv(line: string): string[] {
  const fields: string[] = [];
  let current = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const char = line[i];
    if (quoted) {
      if (char === '"' && line[i + 1] === '"') {
        current += '"';
        i++;
      } else if (char === '"') quoted = false;
      else current += char;
    } else if (char === '"') quoted = true;
    else if (char === ',') {
      fields.push(current);
      current = '';
    } else current += char;
  }
  fields.push(current);
  return fields;
}
