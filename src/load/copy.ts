import type { InputColumn } from '../../pipeline-definitions/model';

/**
 * COPY's checks on one delimited line, done locally: the column count, each value against its staging column's
 * type. Error codes and reasons follow Redshift's `stl_load_errors` so people read one kind of report everywhere.
 */
export interface RowRejection {
  /** The column at fault, or '' when the line as a whole is wrong. */
  readonly colname: string;
  readonly type: string;
  readonly colLength: string;
  /** 0-based position of the error in the field (Redshift reports 0 for whole-value errors). */
  readonly position: number;
  readonly rawFieldValue: string;
  readonly errCode: number;
  readonly errReason: string;
}

export type CheckedRow = { readonly values: string[] } | { readonly rejection: RowRejection };

const TIMESTAMP = /^(\d{4})-(\d\d)-(\d\d)[T ](\d\d):(\d\d):(\d\d)(\.\d{1,6})?(?:Z|[+-]00(?::?00)?)?$/;
const INTEGER = /^[+-]?\d+$/;
const INTEGER_RANGE: Record<string, readonly [bigint, bigint]> = {
  SMALLINT: [-32768n, 32767n],
  INTEGER: [-2147483648n, 2147483647n],
  BIGINT: [-9223372036854775808n, 9223372036854775807n],
};

/** Splits one line and checks every value; valid values come back normalized for the local warehouse. */
export function checkRow(columns: readonly InputColumn[], delimiter: string, line: string): CheckedRow {
  const fields = line.split(delimiter);
  if (fields.length < columns.length) {
    return { rejection: rejection(columns[fields.length], '', 1214, 'Delimiter not found') };
  }
  if (fields.length > columns.length) {
    const extra = fields.slice(columns.length).join(delimiter);
    return { rejection: rejection(columns[columns.length - 1], extra, 1202, 'Extra column(s) found') };
  }
  const values: string[] = new Array(columns.length);
  for (let i = 0; i < columns.length; i++) {
    const checked = checkValue(columns[i], fields[i]);
    if (typeof checked !== 'string') return { rejection: checked };
    values[i] = checked;
  }
  return { values };
}

function checkValue(column: InputColumn, value: string): string | RowRejection {
  const type = column.type;
  if (type === 'TIMESTAMP') return checkTimestamp(column, value);
  if (type in INTEGER_RANGE) {
    if (!INTEGER.test(value)) {
      const position = Math.max(
        0,
        [...value].findIndex((char, i) => !/\d/.test(char) && !(i === 0 && /[+-]/.test(char))),
      );
      const reason = `Invalid digit, Value '${value.charAt(position)}', Pos ${position}, Type: ${typeName(type)}`;
      return rejection(column, value, 1207, reason, position);
    }
    const [min, max] = INTEGER_RANGE[type];
    const number = BigInt(value);
    if (number < min || number > max) {
      return rejection(column, value, 1216, `Overflow (${typeName(type)} valid range ${min} to ${max})`);
    }
    return String(number);
  }
  const length = Number(/^VARCHAR\((\d+)\)$/.exec(type)![1]);
  // Redshift's VARCHAR(n) counts bytes, not characters.
  if (Buffer.byteLength(value) > length) return rejection(column, value, 1204, 'String length exceeds DDL length');
  return value;
}

function checkTimestamp(column: InputColumn, value: string): string | RowRejection {
  const match = TIMESTAMP.exec(value);
  if (match) {
    const [year, month, day, hour, minute, second] = match.slice(1, 7).map(Number);
    if (year < 1) return rejection(column, value, 1206, 'Invalid timestamp format or value');
    const date = new Date(Date.UTC(year, month - 1, day, hour, minute, second));
    // Date.UTC rolls 2026-02-30 over into March: a value that does not come back unchanged does not exist.
    const valid =
      date.getUTCMonth() === month - 1 && date.getUTCDate() === day && hour < 24 && minute < 60 && second < 60;
    if (valid) return `${match[1]}-${match[2]}-${match[3]} ${match[4]}:${match[5]}:${match[6]}${match[7] ?? ''}`;
  }
  return rejection(column, value, 1206, 'Invalid timestamp format or value');
}

function typeName(type: string): string {
  return type.charAt(0) + type.slice(1).toLowerCase();
}

function rejection(column: InputColumn, value: string, errCode: number, errReason: string, position = 0): RowRejection {
  return {
    colname: column.name,
    type: column.type.replace(/\(.*$/, '').toLowerCase(),
    colLength: /\((\d+)\)/.exec(column.type)?.[1] ?? '0',
    position,
    rawFieldValue: value,
    errCode,
    errReason,
  };
}
