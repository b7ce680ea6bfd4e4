import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { gzipSync } from 'node:zlib';
import { readLogObject } from '../../src/readers';
import type { LogKind } from '../../src/readers';
import { STL_LOAD_ERRORS_COLUMNS } from '../../src/readers/redshift-load-errors';
import type { LogEvent } from '../../src/rules/types';

interface Read {
  kinds: LogKind[];
  events: LogEvent[];
  skipped: { where: string; reason: string }[];
}

const SAMPLES = path.join(__dirname, '../../samples/logs');
let dir: string;
beforeAll(() => (dir = fs.mkdtempSync(path.join(os.tmpdir(), 'logfed-pipeline-logs-'))));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

async function readFile(location: string): Promise<Read> {
  const result: Read = { kinds: [], events: [], skipped: [] };
  await readLogObject(location, () => fs.createReadStream(location), {
    kind: (kind) => result.kinds.push(kind),
    event: (event) => result.events.push(event),
    skipped: (where, reason) => result.skipped.push({ where: path.basename(where), reason }),
  });
  return result;
}

async function read(key: string, content: Buffer | string): Promise<Read> {
  const location = path.join(dir, key);
  fs.mkdirSync(path.dirname(location), { recursive: true });
  fs.writeFileSync(location, content);
  return readFile(location);
}

describe('EMR logs', () => {
  const stepDir = path.join(SAMPLES, 'emr/j-2AB3CD4EF5GH6/steps/s-1XYZ2ABC3DEF4');

  it('turns "Step failed with exitCode" in a step controller log into EmrStepFailed', async () => {
    const result = await readFile(path.join(stepDir, 'controller.gz'));
    expect(result.kinds).toEqual(['emr']);
    expect(result.skipped).toEqual([]);
    expect(result.events).toEqual([
      expect.objectContaining({
        eventSource: 'logfed.pipeline',
        eventName: 'EmrStepFailed',
        eventTime: '2026-11-27T10:14:42.016Z',
        detail: {
          clusterId: 'j-2AB3CD4EF5GH6',
          stepId: 's-1XYZ2ABC3DEF4',
          exitCode: 1,
          message: 'Step failed with exitCode 1 and took 158 seconds',
        },
      }),
    ]);
  });

  it('gives the same event id when the same log is read again', async () => {
    const first = await readFile(path.join(stepDir, 'controller.gz'));
    const second = await readFile(path.join(stepDir, 'controller.gz'));
    expect(first.events[0].eventID).toMatch(/^[0-9a-f]{32}$/);
    expect(second.events[0].eventID).toBe(first.events[0].eventID);
  });

  it('reads a step stderr log without events and a successful step without a failure', async () => {
    expect(await readFile(path.join(stepDir, 'stderr.gz'))).toEqual({ kinds: ['emr'], events: [], skipped: [] });
    const ok = await read(
      'logs/j-1OK/steps/s-2OK/controller',
      '2026-11-27T10:00:00.000Z INFO Step created jobs:\n2026-11-27T10:00:01.000Z INFO Step succeeded with exitCode 0 and took 1 seconds\n',
    );
    expect(ok.events).toEqual([]);
  });

  it('turns TERMINATED_WITH_ERRORS in a cluster log into one EmrClusterTerminatedWithErrors', async () => {
    const text =
      '2026-11-27T11:00:00.000Z INFO Cluster state changed to TERMINATING\n' +
      '2026-11-27T11:00:05.000Z INFO Cluster state changed to TERMINATED_WITH_ERRORS: Bootstrap failure\n' +
      '2026-11-27T11:00:06.000Z INFO final state TERMINATED_WITH_ERRORS\n';
    const result = await read('logs/j-3BAD/node/i-0abc/daemons/instance-state.log.gz', gzipSync(text));
    expect(result.events).toEqual([
      expect.objectContaining({
        eventName: 'EmrClusterTerminatedWithErrors',
        eventTime: '2026-11-27T11:00:05.000Z',
        detail: {
          clusterId: 'j-3BAD',
          message: '2026-11-27T11:00:05.000Z INFO Cluster state changed to TERMINATED_WITH_ERRORS: Bootstrap failure',
        },
      }),
    ]);
  });

  it('recognizes a controller log by content when the key does not say', async () => {
    const result = await read(
      'copied/controller.log',
      '2026-11-27T10:00:00.000Z WARN Step failed with exitCode 2 and took 3 seconds\n',
    );
    expect(result.kinds).toEqual(['emr']);
  });

  it('reports a line that is not UTF-8 and reads the rest', async () => {
    const bad = Buffer.concat([
      Buffer.from('2026-11-27T10:00:00.000Z INFO caf'),
      Buffer.from([0xe9, 0x0a]),
      Buffer.from('2026-11-27T10:00:01.000Z WARN Step failed with exitCode 1 and took 1 seconds\n'),
    ]);
    const result = await read('logs/j-4X/steps/s-4X/controller', bad);
    expect(result.skipped).toEqual([{ where: 'controller#line 1', reason: 'invalid UTF-8' }]);
    expect(result.events.map((e) => e.eventName)).toEqual(['EmrStepFailed']);
  });
});

describe('Data Pipeline activity logs', () => {
  it('turns the first [ERROR] line of an attempt into DataPipelineActivityFailed with ids from the path', async () => {
    const attempt = path.join(
      SAMPLES,
      'datapipeline/df-0123456789ABCDEFGHIJ/LoadWarehouse/@LoadWarehouse_2026-11-27T10:00:00/@LoadWarehouse_2026-11-27T10:00:00_Attempt=1/Activity.log',
    );
    const result = await readFile(attempt);
    expect(result.kinds).toEqual(['datapipeline']);
    expect(result.events).toEqual([
      expect.objectContaining({
        eventName: 'DataPipelineActivityFailed',
        eventTime: '2026-11-27T10:21:17.930Z',
        detail: {
          pipelineId: 'df-0123456789ABCDEFGHIJ',
          activityId: 'LoadWarehouse',
          instanceId: '@LoadWarehouse_2026-11-27T10:00:00',
          attemptId: '@LoadWarehouse_2026-11-27T10:00:00_Attempt=1',
          message:
            "Activity failed: Load into table 'fact_orders' failed. Check 'stl_load_errors' system table for details.",
        },
      }),
    ]);
  });

  it('raises nothing for an attempt without errors', async () => {
    const line =
      '5 Dec 2026 09:00:00,001 [INFO] (TaskRunnerService-x) amazonaws.datapipeline.taskrunner.TaskPoller: Work done\n';
    const result = await read(
      'dp/df-0AB/Copy/@Copy_2026-12-05T09:00:00/@Copy_2026-12-05T09:00:00_Attempt=2/Activity.log',
      line,
    );
    expect(result).toEqual({ kinds: ['datapipeline'], events: [], skipped: [] });
  });
});

describe('Redshift load errors', () => {
  it('reads pipe-delimited UNLOAD output in STL_LOAD_ERRORS column order, with escaped pipes', async () => {
    const result = await readFile(path.join(SAMPLES, 'redshift/load_errors/2026/11/27/load_errors_0000_part_00'));
    expect(result.kinds).toEqual(['redshift-load-errors']);
    expect(result.skipped).toEqual([]);
    expect(result.events).toHaveLength(2);
    expect(result.events[0]).toMatchObject({
      eventName: 'RedshiftLoadError',
      eventTime: '2026-11-27T10:21:16.512Z',
      detail: {
        table: '110234',
        file: 's3://logfed-chunks/2026/11/27/part-00003.gz',
        line: 1201,
        column: 'amount',
        errorCode: 1207,
        reason: "Invalid digit, Value 'O', Pos 3, Type: Decimal",
        rawFieldValue: '12,5O',
        query: 4512,
      },
    });
  });

  it('reads CSV with a header, in any column order', async () => {
    const csv =
      'err_reason,err_code,filename,line_number,colname,tbl,starttime\n' +
      '"Delimiter not found, line ends early",1214,s3://b/part-1.gz,7,customer_id,110300,2026-11-27 12:00:00\n';
    const result = await read('exports/load-errors/000.csv', csv);
    expect(result.events[0]).toMatchObject({
      eventTime: '2026-11-27T12:00:00Z',
      detail: {
        reason: 'Delimiter not found, line ends early',
        errorCode: 1214,
        line: 7,
        column: 'customer_id',
        table: '110300',
      },
    });
  });

  it('recognizes a load-error file with a header by content', async () => {
    const result = await read('misc/000', `${STL_LOAD_ERRORS_COLUMNS.join('|')}\n`);
    expect(result).toEqual({ kinds: ['redshift-load-errors'], events: [], skipped: [] });
  });

  it('reports a row whose column count does not fit', async () => {
    const result = await read('stl_load_errors/000', '100|3|110234\n');
    expect(result.skipped).toEqual([
      { where: '000#line 1', reason: `expected ${STL_LOAD_ERRORS_COLUMNS.length} columns, found 3` },
    ]);
  });
});
