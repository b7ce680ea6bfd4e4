/**
 * The pipeline model rendered as a Step Functions state machine (Amazon States Language, JSONPath).
 *
 * One execution loads one landing object: `{ "key": "<landing key>" }` (the EventBridge rule on Object Created in
 * the landing bucket passes `$.detail.object.key`; a scheduled run passes the dataset's scheduled object). The
 * key picks the dataset by its landing prefix; the bucket is always the model's landing bucket.
 *
 * Create a transient EMR cluster → split step → per dataset one Data API batch (stage, COPY … MANIFEST GZIP,
 * star-schema inserts), polled with DescribeStatement → UNLOAD of the run's load errors → terminate the cluster.
 * Every failure is caught: the cluster (if any) is terminated, the alert is published, the execution fails.
 */
import type { Dataset, PipelineModel, Placement } from './model';
import { loadBatch, unloadStatement } from './sql';
import { splitStepArgs } from './split-contract';

type State = Record<string, unknown>;
type States = Record<string, State>;

/** Names of the states tests and people refer to. */
export const STATE = {
  checkInput: 'Check input',
  rejectInput: 'Reject input',
  createCluster: 'Create EMR cluster',
  split: 'Split into chunks',
  pickLoad: 'Pick dataset load',
  unload: 'Unload load errors',
  terminate: 'Terminate EMR cluster',
  done: 'Done',
  hasCluster: 'Cluster to terminate?',
  terminateAfterFailure: 'Terminate EMR cluster after failure',
  alert: 'Publish alert',
  failed: 'Failed',
  plan: (dataset: Dataset) => `Plan ${dataset.name} run`,
  load: (dataset: Dataset) => `Load ${dataset.name}`,
} as const;

/** Retried API errors: throttling and transient service faults, never validation errors. */
const RETRY_TRANSIENT = {
  emr: ['EMR.AmazonElasticMapReduceException', 'EMR.ThrottlingException', 'EMR.InternalServerException'],
  redshiftData: [
    'RedshiftData.ThrottlingException',
    'RedshiftData.ActiveStatementsExceededException',
    'RedshiftData.InternalServerException',
  ],
  sns: ['SNS.ThrottledException', 'SNS.InternalErrorException'],
};

function retry(errors: readonly string[]): State[] {
  return [{ ErrorEquals: errors, IntervalSeconds: 5, MaxAttempts: 5, BackoffRate: 2, JitterStrategy: 'FULL' }];
}

/** Every task's failures go to the cleanup path, with the error kept in `$.error` for the alert. */
const CATCH_ALL = [{ ErrorEquals: ['States.ALL'], ResultPath: '$.error', Next: STATE.hasCluster }];

/** Placeholders for values known only when the execution runs; replaced by intrinsic-function arguments. */
const RUN = {
  inputUri: '@@inputUri@@',
  outputUri: '@@outputUri@@',
  manifestUri: '@@manifestUri@@',
  exceptionsUri: '@@exceptionsUri@@',
  runId: '@@runId@@',
} as const;

const RUN_PATH: Record<string, string> = {
  [RUN.inputUri]: '$.run.inputUri',
  [RUN.outputUri]: '$.run.outputUri',
  [RUN.manifestUri]: '$.run.manifestUri',
  [RUN.exceptionsUri]: '$.run.exceptionsUri',
  [RUN.runId]: '$$.Execution.Name',
};

/**
 * `States.Format('…{}…', $.path, …)` for a text holding RUN placeholders. In the template the characters
 * `' { } \` are escaped with a backslash, as the intrinsic-function grammar asks.
 */
export function formatIntrinsic(text: string): string {
  if (text in RUN_PATH) return RUN_PATH[text];
  const parts = text.split(/(@@\w+@@)/);
  const args: string[] = [];
  const template = parts
    .map((part) => {
      if (part in RUN_PATH) {
        args.push(RUN_PATH[part]);
        return '{}';
      }
      return part.replace(/[\\'{}]/g, (char) => `\\${char}`);
    })
    .join('');
  if (args.length === 0) return `'${template}'`;
  return `States.Format('${template}', ${args.join(', ')})`;
}

/** `States.Array(…)` of texts, each plain or formatted with the run's values. */
function arrayIntrinsic(texts: readonly string[]): string {
  return `States.Array(${texts.map(formatIntrinsic).join(', ')})`;
}

/**
 * The Data API target: the cluster with temporary credentials of the loader user, or the serverless workgroup, where
 * the orchestrator role's own database user gets the loader role from the role's `RedshiftDbRoles` tag.
 */
function redshiftTarget(model: PipelineModel): State {
  const r = model.redshift;
  return r.kind === 'provisioned'
    ? { ClusterIdentifier: r.identifier, Database: r.database, DbUser: r.loaderUser }
    : { WorkgroupName: r.identifier, Database: r.database };
}

/** Run a Data API call, then poll DescribeStatement until it finishes; a failed or aborted statement fails the run. */
function statementStates(model: PipelineModel, name: string, call: State, next: string): States {
  const wait = `${name}: wait`;
  const describe = `${name}: status`;
  const check = `${name}: finished?`;
  const failed = `${name}: failed`;
  return {
    [name]: {
      Type: 'Task',
      Resource: `arn:aws:states:::aws-sdk:redshiftdata:${call.api as string}`,
      Parameters: { ...redshiftTarget(model), ...(call.parameters as State), StatementName: `${model.name} ${name}` },
      ResultSelector: { 'Id.$': '$.Id' },
      ResultPath: '$.statement',
      Retry: retry(RETRY_TRANSIENT.redshiftData),
      Catch: CATCH_ALL,
      Next: wait,
    },
    [wait]: { Type: 'Wait', Seconds: 10, Next: describe },
    [describe]: {
      Type: 'Task',
      Resource: 'arn:aws:states:::aws-sdk:redshiftdata:describeStatement',
      Parameters: { 'Id.$': '$.statement.Id' },
      ResultPath: '$.statement',
      Retry: retry(RETRY_TRANSIENT.redshiftData),
      Catch: CATCH_ALL,
      Next: check,
    },
    [check]: {
      Type: 'Choice',
      Choices: [
        { Variable: '$.statement.Status', StringEquals: 'FINISHED', Next: next },
        {
          Or: [
            { Variable: '$.statement.Status', StringEquals: 'FAILED' },
            { Variable: '$.statement.Status', StringEquals: 'ABORTED' },
          ],
          Next: failed,
        },
      ],
      Default: wait,
    },
    [failed]: {
      Type: 'Pass',
      Parameters: { Error: 'RedshiftStatementFailed', 'Cause.$': 'States.JsonToString($.statement)' },
      ResultPath: '$.error',
      Next: STATE.hasCluster,
    },
  };
}

/** A Choice pattern matching keys under a prefix (`*` and `\` in the prefix are taken literally). */
function prefixPattern(prefix: string): string {
  return `${prefix.replace(/[\\*]/g, (char) => `\\${char}`)}*`;
}

export function renderStateMachine(model: PipelineModel, placement?: Placement): Record<string, unknown> {
  const chunksRoot = `s3://${model.buckets.chunks}`;
  const plans: States = {};
  const loads: States = {};
  for (const dataset of model.datasets) {
    plans[STATE.plan(dataset)] = {
      Type: 'Pass',
      Parameters: {
        dataset: dataset.name,
        'inputUri.$': `States.Format('s3://${model.buckets.landing}/{}', $.key)`,
        'outputUri.$': `States.Format('${chunksRoot}/{}/${dataset.name}/', $$.Execution.Name)`,
        'manifestUri.$': `States.Format('${chunksRoot}/{}/${dataset.name}/manifest.json', $$.Execution.Name)`,
        'exceptionsUri.$': `States.Format('s3://${model.buckets.exceptions}/load_errors/${dataset.name}/{}/', $$.Execution.Name)`,
      },
      ResultPath: '$.run',
      Next: STATE.createCluster,
    };
    Object.assign(
      loads,
      statementStates(
        model,
        STATE.load(dataset),
        {
          api: 'batchExecuteStatement',
          parameters: {
            'Sqls.$': arrayIntrinsic(
              loadBatch(
                dataset,
                { manifestUri: RUN.manifestUri, roleArn: model.redshift.copyRoleArn },
                { sourceObject: RUN.inputUri, runId: RUN.runId },
              ),
            ),
          },
        },
        STATE.unload,
      ),
    );
  }

  const unload = statementStates(
    model,
    STATE.unload,
    {
      api: 'executeStatement',
      parameters: {
        'Sql.$': formatIntrinsic(
          unloadStatement({
            loadErrorsTable: model.redshift.loadErrorsTable,
            chunksPrefix: `${chunksRoot}/${RUN.runId}/`,
            exceptionsPrefix: RUN.exceptionsUri,
            roleArn: model.redshift.copyRoleArn,
          }),
        ),
      },
    },
    STATE.terminate,
  );

  const states: States = {
    [STATE.checkInput]: {
      Type: 'Choice',
      Comment: 'The key comes from outside: it must name a dataset and hold nothing that could end a SQL literal.',
      Choices: [
        {
          Or: [
            { Not: { Variable: '$.key', IsPresent: true } },
            { Not: { Variable: '$.key', IsString: true } },
            { Variable: '$.key', StringMatches: "*'*" },
            { Variable: '$.key', StringMatches: '*\\\\*' },
          ],
          Next: STATE.rejectInput,
        },
        ...model.datasets.map((dataset) => ({
          Variable: '$.key',
          StringMatches: prefixPattern(dataset.landingPrefix),
          Next: STATE.plan(dataset),
        })),
      ],
      Default: STATE.rejectInput,
    },
    [STATE.rejectInput]: {
      Type: 'Pass',
      Parameters: {
        Error: 'InvalidInput',
        Cause: `expected {"key": "<landing key>"} under one of ${model.datasets.map((d) => d.landingPrefix).join(', ')}, without quotes or backslashes`,
      },
      ResultPath: '$.error',
      Next: STATE.alert,
    },
    ...plans,
    [STATE.createCluster]: {
      Type: 'Task',
      Resource: 'arn:aws:states:::elasticmapreduce:createCluster.sync',
      Parameters: clusterParameters(model, placement),
      ResultSelector: { 'ClusterId.$': '$.ClusterId' },
      ResultPath: '$.cluster',
      Retry: retry(RETRY_TRANSIENT.emr),
      Catch: CATCH_ALL,
      Next: STATE.split,
    },
    [STATE.split]: {
      Type: 'Task',
      Resource: 'arn:aws:states:::elasticmapreduce:addStep.sync',
      Parameters: {
        'ClusterId.$': '$.cluster.ClusterId',
        Step: {
          Name: 'split into chunks',
          ActionOnFailure: 'CONTINUE',
          HadoopJarStep: {
            Jar: 'command-runner.jar',
            'Args.$': arrayIntrinsic(
              splitStepArgs({
                scriptUri: model.splitJobUri,
                inputUri: RUN.inputUri,
                outputUri: RUN.outputUri,
                chunking: model.chunking,
              }),
            ),
          },
        },
      },
      ResultPath: null,
      Retry: retry(RETRY_TRANSIENT.emr),
      Catch: CATCH_ALL,
      Next: STATE.pickLoad,
    },
    [STATE.pickLoad]: {
      Type: 'Choice',
      Choices: model.datasets.map((dataset) => ({
        Variable: '$.run.dataset',
        StringEquals: dataset.name,
        Next: STATE.load(dataset),
      })),
    },
    ...loads,
    ...unload,
    [STATE.terminate]: {
      Type: 'Task',
      Resource: 'arn:aws:states:::elasticmapreduce:terminateCluster.sync',
      Parameters: { 'ClusterId.$': '$.cluster.ClusterId' },
      ResultPath: null,
      Retry: retry(RETRY_TRANSIENT.emr),
      Catch: CATCH_ALL,
      Next: STATE.done,
    },
    [STATE.done]: { Type: 'Succeed' },
    [STATE.hasCluster]: {
      Type: 'Choice',
      Choices: [{ Variable: '$.cluster.ClusterId', IsPresent: true, Next: STATE.terminateAfterFailure }],
      Default: STATE.alert,
    },
    [STATE.terminateAfterFailure]: {
      Type: 'Task',
      Resource: 'arn:aws:states:::elasticmapreduce:terminateCluster.sync',
      Parameters: { 'ClusterId.$': '$.cluster.ClusterId' },
      ResultPath: null,
      Retry: retry(RETRY_TRANSIENT.emr),
      // Still tell people, with both errors, when the cluster will not stop.
      Catch: [{ ErrorEquals: ['States.ALL'], ResultPath: '$.terminateError', Next: STATE.alert }],
      Next: STATE.alert,
    },
    [STATE.alert]: {
      Type: 'Task',
      Resource: 'arn:aws:states:::sns:publish',
      Parameters: {
        TopicArn: model.alertsTopicArn,
        Subject: `logfed load failed in ${model.environment}`,
        'Message.$': 'States.JsonToString($)',
      },
      ResultPath: null,
      Retry: retry(RETRY_TRANSIENT.sns),
      Catch: [{ ErrorEquals: ['States.ALL'], ResultPath: '$.alertError', Next: STATE.failed }],
      Next: STATE.failed,
    },
    [STATE.failed]: { Type: 'Fail', Error: 'LoadFailed', Cause: 'The load run failed; the alert holds the error.' },
  };
  return {
    Comment: `logfed load pipeline of ${model.environment}: split on a transient EMR cluster, COPY into Redshift, unload load errors`,
    StartAt: STATE.checkInput,
    TimeoutSeconds: 6 * 3600,
    States: states,
  };
}

function clusterParameters(model: PipelineModel, placement: Placement | undefined): State {
  const emr = model.emr;
  return {
    Name: `${model.name}-transient`,
    ReleaseLabel: emr.releaseLabel,
    Applications: [{ Name: 'Spark' }],
    ServiceRole: emr.serviceRole,
    JobFlowRole: emr.instanceProfile,
    SecurityConfiguration: emr.securityConfiguration,
    LogUri: emr.logUri,
    VisibleToAllUsers: true,
    Tags: Object.entries(emr.tags).map(([Key, Value]) => ({ Key, Value })),
    Instances: {
      // createCluster.sync returns once the cluster waits; steps come next, so it must not end on its own.
      KeepJobFlowAliveWhenNoSteps: true,
      TerminationProtected: false,
      ...(placement ? { Ec2SubnetId: placement.subnetId } : {}),
      ...(placement?.securityGroups && {
        EmrManagedMasterSecurityGroup: placement.securityGroups.primary,
        EmrManagedSlaveSecurityGroup: placement.securityGroups.core,
        ServiceAccessSecurityGroup: placement.securityGroups.serviceAccess,
      }),
      InstanceGroups: [
        { Name: 'primary', InstanceRole: 'MASTER', InstanceType: emr.primaryInstanceType, InstanceCount: 1 },
        {
          Name: 'core',
          InstanceRole: 'CORE',
          InstanceType: emr.coreInstanceType,
          InstanceCount: emr.coreInstanceCount,
        },
      ],
    },
  };
}
