import { STOREFRONT } from '../../pipeline-definitions/model';
import { checkRow } from '../../src/load';

const columns = STOREFRONT.input.columns;
const GOOD = '2026-11-27T00:00:00Z 10.0.24.19 PUT /api/customers 200 12417 1498ms store-038';

function rejectionOf(line: string) {
  const checked = checkRow(columns, ' ', line);
  if (!('rejection' in checked)) throw new Error(`expected ${line} to be rejected`);
  return checked.rejection;
}

describe('checkRow (COPY checks, done locally)', () => {
  it('accepts a good line and normalizes its timestamp', () => {
    expect(checkRow(columns, ' ', GOOD)).toEqual({
      values: ['2026-11-27 00:00:00', '10.0.24.19', 'PUT', '/api/customers', '200', '12417', '1498ms', 'store-038'],
    });
  });

  it.each([
    ['a missing column', GOOD.replace(' store-038', ''), 'host', 1214, 'Delimiter not found'],
    ['an extra column', `${GOOD} extra`, 'host', 1202, 'Extra column(s) found'],
    ['an hour that does not exist', GOOD.replace('T00:', 'T24:'), 'event_time', 1206, 'Invalid timestamp'],
    ['a day that does not exist', GOOD.replace('11-27', '02-30'), 'event_time', 1206, 'Invalid timestamp'],
    ['letters in a number', GOOD.replace(' 200 ', ' 2x0 '), 'status_code', 1207, "Invalid digit, Value 'x', Pos 1"],
    ['a number beyond SMALLINT', GOOD.replace(' 200 ', ' 70000 '), 'status_code', 1216, 'Overflow'],
    ['a value longer than its VARCHAR in bytes', GOOD.replace('PUT', 'é'.repeat(9)), 'http_method', 1204, 'exceeds'],
  ])('rejects %s with the column and Redshift reason', (_, line, colname, errCode, reason) => {
    const rejection = rejectionOf(line);
    expect(rejection).toMatchObject({ colname, errCode });
    expect(rejection.errReason).toContain(reason);
  });
});
