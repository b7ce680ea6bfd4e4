import { pipelineModel } from '../../pipeline-definitions/model';
import { renderDataPipeline, type PipelineObject } from '../../pipeline-definitions/data-pipeline';
import { ENVIRONMENTS } from '../../stacks/config/environments';

/**
 * Fields the AWS Data Pipeline object reference lists as required for each type we use: `all` must all be set,
 * each `oneOf` group needs at least one. Types not listed here are not expected in the definition.
 */
const REQUIRED: Record<string, { all: string[]; oneOf?: string[][] }> = {
  Default: { all: ['role', 'resourceRole'] },
  Schedule: { all: ['period'], oneOf: [['startDateTime', 'startAt']] },
  EmrCluster: { all: [] },
  EmrActivity: { all: ['step'], oneOf: [['runsOn', 'workerGroup']] },
  S3DataNode: { all: [], oneOf: [['filePath', 'directoryPath', 'manifestFilePath']] },
  RedshiftDatabase: { all: ['*password', 'username'], oneOf: [['clusterId', 'connectionString']] },
  RedshiftDataNode: { all: ['database', 'tableName'] },
  RedshiftCopyActivity: { all: ['insertMode'], oneOf: [['runsOn', 'workerGroup']] },
  SqlActivity: {
    all: ['database'],
    oneOf: [
      ['script', 'scriptUri'],
      ['runsOn', 'workerGroup'],
    ],
  },
  SnsAlarm: { all: ['topicArn', 'subject', 'message', 'role'] },
};

/** Fields whose value is another object of the pipeline. */
const REF_FIELDS = ['schedule', 'runsOn', 'input', 'output', 'database', 'dependsOn', 'onFail', 'onLateAction'];

const definition = renderDataPipeline(pipelineModel({ ...ENVIRONMENTS[1], orchestrator: 'datapipeline' }), {
  subnetId: 'subnet-0a1b2c3d4e5f60718',
});
const byId = new Map(definition.objects.map((o) => [o.id, o]));
const typeOf = (o: PipelineObject) => o.fields.find((f) => f.key === 'type')?.stringValue ?? '';
const values = (o: PipelineObject, key: string) =>
  o.fields.filter((f) => f.key === key).map((f) => f.stringValue ?? f.refValue);

describe('the Data Pipeline rendering', () => {
  it('holds the objects the pipeline needs, each of a documented type', () => {
    const types = new Set(definition.objects.map(typeOf));
    expect([...types].sort()).toEqual(Object.keys(REQUIRED).sort());
    expect(new Set(definition.objects.map((o) => o.id)).size).toBe(definition.objects.length);
  });

  it.each(definition.objects.map((o) => [o.id, o] as const))('%s has every field AWS requires', (_, object) => {
    const required = REQUIRED[typeOf(object)];
    const keys = new Set(object.fields.map((f) => f.key));
    expect(required.all.filter((key) => !keys.has(key))).toEqual([]);
    for (const group of required.oneOf ?? []) expect(group.some((key) => keys.has(key))).toBe(true);
    for (const field of object.fields) {
      expect((field.stringValue === undefined) !== (field.refValue === undefined)).toBe(true);
      if (REF_FIELDS.includes(field.key)) expect(field.refValue).toBeDefined();
    }
  });

  it('resolves every ref to an object of the definition', () => {
    const refs = definition.objects.flatMap((o) =>
      o.fields.filter((f) => f.refValue).map((f) => `${o.id}.${f.key} → ${f.refValue}`),
    );
    expect(refs.length).toBeGreaterThan(10);
    expect(refs.filter((ref) => !byId.has(ref.split(' → ')[1]))).toEqual([]);
  });

  it('alarms on the failure of every activity and on a late split', () => {
    const activities = definition.objects.filter((o) => typeOf(o).endsWith('Activity'));
    for (const activity of activities) expect(values(activity, 'onFail')).toEqual(['FailureAlarm']);
    expect(values(byId.get('Split_storefront')!, 'onLateAction')).toEqual(['LateAlarm']);
    expect(values(byId.get('FailureAlarm')!, 'topicArn')).toEqual([
      'arn:aws:sns:eu-west-1:222222222222:logfed-prod-alerts',
    ]);
  });

  it('splits with the contract arguments and copies through the manifest the split writes', () => {
    const step = values(byId.get('Split_storefront')!, 'step')[0]!;
    expect(step.split(',').slice(0, 4)).toEqual(['command-runner.jar', 'spark-submit', '--deploy-mode', 'cluster']);
    const output = step.split(',')[step.split(',').indexOf('--output') + 1];
    expect(values(byId.get('Chunks_storefront')!, 'manifestFilePath')).toEqual([`${output}manifest.json`]);
    expect(values(byId.get('Copy_storefront')!, 'commandOptions')).toContain('GZIP');
    expect(values(byId.get('Default')!, 'pipelineLogUri')).toEqual(['s3://logfed-prod-pipeline-logs-222222222222/']);
  });

  it('moves the stage into the star schema in one transaction and unloads the load errors', () => {
    const script = values(byId.get('Transform_storefront')!, 'script')[0]!;
    expect(script.startsWith('BEGIN;\nDELETE FROM fact_log_event WHERE source_object = ')).toBe(true);
    expect(script.trimEnd().endsWith('COMMIT;')).toBe(true);
    const unload = values(byId.get('UnloadErrors')!, 'script')[0]!;
    expect(unload).toMatch(/^UNLOAD \('SELECT .* FROM stl_load_errors WHERE/);
    // The exceptions bucket is encrypted with the archive key; without ENCRYPTED, UNLOAD would ask for SSE-S3.
    expect(unload.trimEnd().split('\n').at(-1)).toBe('ENCRYPTED AUTO;');
    expect(definition.parameterObjects?.map((p) => p.id)).toEqual(['*myRedshiftPassword']);
  });
});
