/**
 * The pipeline model rendered as AWS Data Pipeline objects, in the shape `aws_datapipeline_pipeline_definition`
 * takes. Data Pipeline is closed to new customers since 2024-07-25; this rendering serves existing ones. Its
 * EmrCluster object takes no EMR security configuration, so those clusters' disks are not encrypted with the
 * pipeline key (EMRFS writes still get the buckets' default SSE-KMS).
 *
 * Once a day the pipeline loads each dataset's scheduled object: an EMR cluster runs the split step, a
 * RedshiftCopyActivity copies the chunks (through their manifest) into the dataset's stage table, a SqlActivity
 * moves them into the star schema, another unloads the run's load errors; an SnsAlarm fires on failure or lateness.
 */
import type { Dataset, PipelineModel, Placement } from './model';
import { createStageStatement, transformStatements, unloadStatement } from './sql';
import { splitStepArgs } from './split-contract';

export interface PipelineField {
  readonly key: string;
  readonly stringValue?: string;
  readonly refValue?: string;
}

export interface PipelineObject {
  readonly id: string;
  readonly name: string;
  readonly fields: readonly PipelineField[];
}

export interface PipelineParameterObject {
  readonly id: string;
  readonly attributes: ReadonlyArray<{ readonly key: string; readonly stringValue: string }>;
}

export interface PipelineDefinition {
  readonly objects: readonly PipelineObject[];
  readonly parameterObjects?: readonly PipelineParameterObject[];
  readonly parameterValues?: ReadonlyArray<{ readonly id: string; readonly stringValue: string }>;
}

/**
 * The parameter holding the Redshift admin password. It has no value in the definition: the password is in the
 * secret Redshift manages (`manage_master_password`), which Data Pipeline cannot read, and putting it into the
 * definition would put it into Terraform state. An admin sets it when activating the pipeline.
 */
export const PASSWORD_PARAMETER = '*myRedshiftPassword';

/**
 * Data Pipeline expressions for the run, put in after the SQL is built so quoting never touches them. The run's
 * folder holds no quote, so it can sit inside UNLOAD's doubly quoted query too.
 */
const RUN_DAY = "#{format(@scheduledStartTime,'YYYY-MM-dd')}";
const RUN_FOLDER = '#{@scheduledStartTime}';
const RUN_TOKEN = { source: '@@source@@', runId: '@@runId@@' } as const;

type Value = string | { ref: string } | ReadonlyArray<string | { ref: string }>;

function object(id: string, type: string, values: Record<string, Value | undefined>): PipelineObject {
  const fields: PipelineField[] = [{ key: 'type', stringValue: type }];
  for (const [key, value] of Object.entries(values)) {
    if (value === undefined) continue;
    for (const one of Array.isArray(value) ? value : [value]) {
      fields.push(typeof one === 'string' ? { key, stringValue: one } : { key, refValue: one.ref });
    }
  }
  return { id, name: id, fields };
}

const ref = (id: string) => ({ ref: id });

/** EmrActivity's `step`: the jar and its arguments separated by commas (commas inside an argument escaped). */
function emrStep(args: readonly string[]): string {
  return ['command-runner.jar', ...args].map((arg) => arg.replace(/,/g, '\\\\,')).join(',');
}

function ids(dataset: Dataset) {
  return {
    split: `Split_${dataset.name}`,
    chunks: `Chunks_${dataset.name}`,
    stage: `Stage_${dataset.name}`,
    copy: `Copy_${dataset.name}`,
    transform: `Transform_${dataset.name}`,
  };
}

export function renderDataPipeline(model: PipelineModel, placement?: Placement): PipelineDefinition {
  const onFail = { onFail: ref('FailureAlarm') };
  const datasetObjects = model.datasets.flatMap((dataset) => {
    const id = ids(dataset);
    const inputUri = `s3://${model.buckets.landing}/${dataset.scheduledObject.replace('{date}', RUN_DAY)}`;
    const outputUri = `s3://${model.buckets.chunks}/${RUN_FOLDER}/${dataset.name}/`;
    const transform = transformStatements(dataset, { sourceObject: RUN_TOKEN.source, runId: RUN_TOKEN.runId })
      .map((statement) => `${statement};`)
      .join('\n')
      .replaceAll(RUN_TOKEN.source, inputUri)
      .replaceAll(RUN_TOKEN.runId, RUN_FOLDER);
    return [
      object(id.split, 'EmrActivity', {
        runsOn: ref('SplitCluster'),
        step: emrStep(splitStepArgs({ scriptUri: model.splitJobUri, inputUri, outputUri, chunking: model.chunking })),
        lateAfterTimeout: '4 Hours',
        onLateAction: ref('LateAlarm'),
        maximumRetries: '1',
        ...onFail,
      }),
      object(id.chunks, 'S3DataNode', {
        manifestFilePath: `${outputUri}manifest.json`,
        compression: 'gzip',
      }),
      object(id.stage, 'RedshiftDataNode', {
        database: ref('Warehouse'),
        tableName: `stage_${dataset.name}`,
        // A permanent stage: Data Pipeline's COPY and the SQL after it run in different sessions.
        createTableSql: createStageStatement(dataset).replace('CREATE TEMP TABLE', 'CREATE TABLE IF NOT EXISTS'),
      }),
      object(id.copy, 'RedshiftCopyActivity', {
        input: ref(id.chunks),
        output: ref(id.stage),
        insertMode: 'TRUNCATE',
        runsOn: ref('SplitCluster'),
        dependsOn: ref(id.split),
        commandOptions: [
          'GZIP',
          `DELIMITER '${dataset.input.delimiter}'`,
          "TIMEFORMAT 'auto'",
          `MAXERROR ${dataset.maxErrors}`,
        ],
        ...onFail,
      }),
      object(id.transform, 'SqlActivity', {
        database: ref('Warehouse'),
        runsOn: ref('SplitCluster'),
        dependsOn: ref(id.copy),
        script: `BEGIN;\n${transform}\nCOMMIT;`,
        ...onFail,
      }),
    ];
  });
  const objects: PipelineObject[] = [
    object('Default', 'Default', {
      scheduleType: 'cron',
      failureAndRerunMode: 'CASCADE',
      schedule: ref('DailySchedule'),
      role: model.orchestratorRole,
      resourceRole: model.pipelineResourceRole,
      pipelineLogUri: `s3://${model.buckets.pipelineLogs}/`,
    }),
    object('DailySchedule', 'Schedule', { period: '1 day', startAt: 'FIRST_ACTIVATION_DATE_TIME' }),
    object('SplitCluster', 'EmrCluster', {
      releaseLabel: model.emr.releaseLabel,
      applications: ['spark'],
      masterInstanceType: model.emr.primaryInstanceType,
      coreInstanceType: model.emr.coreInstanceType,
      coreInstanceCount: String(model.emr.coreInstanceCount),
      role: model.emr.serviceRole,
      resourceRole: model.emr.instanceProfile,
      subnetId: placement?.subnetId,
      emrManagedMasterSecurityGroupId: placement?.securityGroups?.primary,
      emrManagedSlaveSecurityGroupId: placement?.securityGroups?.core,
      serviceAccessSecurityGroupId: placement?.securityGroups?.serviceAccess,
      terminateAfter: '6 Hours',
    }),
    object('Warehouse', 'RedshiftDatabase', {
      clusterId: model.redshift.identifier,
      databaseName: model.redshift.database,
      username: model.redshift.adminUser,
      '*password': `#{${PASSWORD_PARAMETER}}`,
    }),
    ...datasetObjects,
    object('UnloadErrors', 'SqlActivity', {
      database: ref('Warehouse'),
      runsOn: ref('SplitCluster'),
      dependsOn: model.datasets.map((dataset) => ref(ids(dataset).transform)),
      script: `${unloadStatement({
        loadErrorsTable: model.redshift.loadErrorsTable,
        chunksPrefix: `s3://${model.buckets.chunks}/${RUN_TOKEN.runId}/`,
        exceptionsPrefix: `s3://${model.buckets.exceptions}/load_errors/${RUN_TOKEN.runId}/`,
        roleArn: model.redshift.copyRoleArn,
      })};`.replaceAll(RUN_TOKEN.runId, RUN_FOLDER),
      ...onFail,
    }),
    object('FailureAlarm', 'SnsAlarm', {
      topicArn: model.alertsTopicArn,
      role: model.orchestratorRole,
      subject: `logfed load failed in ${model.environment}`,
      message: 'Activity #{node.name} of pipeline #{node.@pipelineId} failed: #{node.errorMessage}',
    }),
    object('LateAlarm', 'SnsAlarm', {
      topicArn: model.alertsTopicArn,
      role: model.orchestratorRole,
      subject: `logfed load late in ${model.environment}`,
      message: 'Activity #{node.name} of pipeline #{node.@pipelineId} has not finished after #{node.lateAfterTimeout}',
    }),
  ];
  return {
    objects,
    parameterObjects: [
      {
        id: PASSWORD_PARAMETER,
        attributes: [
          { key: 'type', stringValue: 'String' },
          {
            key: 'description',
            stringValue: 'Password of the Redshift admin user: set at activation, from its Redshift-managed secret',
          },
        ],
      },
    ],
  };
}
