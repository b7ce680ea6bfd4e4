import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as zlib from 'node:zlib';
import type { StateMachine as Interpreter, StateMachineDefinition } from 'aws-local-stepfunctions' with {
  'resolution-mode': 'import',
};
import { pipelineModel } from '../../pipeline-definitions/model';
import { renderStateMachine, STATE } from '../../pipeline-definitions/step-functions';
import { ENVIRONMENTS } from '../../stacks/config/environments';
import type { EnvironmentConfig } from '../../stacks/config/types';
import { splitFile } from '../../src/split';

// asl-validator ships no types.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const aslValidator = require('asl-validator') as (definition: unknown) => {
  isValid: boolean;
  errorsText: () => string;
};

// The package is ESM with a CommonJS build, which the tests (CommonJS) load.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { StateMachine } = require('aws-local-stepfunctions') as { StateMachine: typeof Interpreter };

// aws-local-stepfunctions targets Node 22, which has Promise.withResolvers; Node 20 (our minimum) does not.
(Promise as unknown as { withResolvers: unknown }).withResolvers ??= () => {
  let resolve!: (value: unknown) => void;
  let reject!: (reason: unknown) => void;
  const promise = new Promise((res, rej) => ((resolve = res), (reject = rej)));
  return { promise, resolve, reject };
};

const model = pipelineModel(ENVIRONMENTS[0]);
const definition = renderStateMachine(model, { subnetId: 'subnet-0a1b2c3d' });
const KEY = 'storefront/storefront-2026-11-27.log.gz';

/** What a fault makes a stand-in do: throw an API error (by name) a number of times, or report a failed statement. */
interface Faults {
  splitFails?: boolean;
  copyFails?: boolean;
  throttle?: { state: string; error: string; times: number };
  createFails?: boolean;
}

function awsError(name: string, message: string): Error {
  return Object.assign(new Error(message), { name });
}

/**
 * Local stand-ins for EMR, the Redshift Data API and SNS, keeping what each call did. The split stand-in runs the
 * local split engine with the step's own arguments on S3 locations mapped to folders, so the COPY that follows
 * must name the manifest the split really wrote.
 */
function standIns(root: string, faults: Faults = {}) {
  const world = {
    clusters: {} as Record<string, 'WAITING' | 'TERMINATED'>,
    statements: {} as Record<string, { sqls: string[]; polls: number; fails: boolean }>,
    // The message is `States.JsonToString($)`; the interpreter leaves quotes inside strings unescaped, so tests
    // read the error name out of the text rather than parse it.
    alerts: [] as { subject: string; message: string }[],
    calls: [] as string[],
  };
  const local = (uri: string) => path.join(root, uri.replace(/^s3:\/\//, ''));
  let throttled = 0;
  const call = (state: string, body: (input: Record<string, unknown>) => unknown) => async (input: unknown) => {
    world.calls.push(state);
    if (faults.throttle?.state === state && throttled < faults.throttle.times) {
      throttled++;
      throw awsError(faults.throttle.error, 'Rate exceeded');
    }
    return body(input as Record<string, unknown>);
  };
  const statement = (state: string, sqls: string[]) =>
    call(state, () => {
      const id = `stmt-${Object.keys(world.statements).length + 1}`;
      world.statements[id] = {
        sqls,
        polls: 0,
        fails: faults.copyFails === true && sqls.some((s) => s.startsWith('COPY')),
      };
      return { Id: id };
    });
  const handlers: Record<string, (input: unknown) => Promise<unknown>> = {
    [STATE.createCluster]: call(STATE.createCluster, (input) => {
      const instances = input.Instances as Record<string, unknown>;
      // createCluster.sync only returns once the cluster waits for steps: it must not end when it has none.
      if (instances.KeepJobFlowAliveWhenNoSteps !== true) throw awsError('States.TaskFailed', 'cluster ended');
      if (faults.createFails) throw awsError('States.TaskFailed', 'bootstrap failed');
      world.clusters['j-1'] = 'WAITING';
      return { ClusterId: 'j-1', ClusterArn: 'arn:aws:elasticmapreduce:eu-west-1:111111111111:cluster/j-1' };
    }),
    [STATE.split]: call(STATE.split, async (input) => {
      const args = ((input.Step as Record<string, unknown>).HadoopJarStep as { Args: string[] }).Args;
      if (world.clusters[input.ClusterId as string] !== 'WAITING')
        throw awsError('EMR.ValidationException', 'no cluster');
      if (faults.splitFails) throw awsError('States.TaskFailed', 'Step failed: split_chunks.py exited 1');
      const arg = (name: string) => args[args.indexOf(name) + 1];
      await splitFile({
        input: local(arg('--input')),
        out: local(arg('--output')),
        sizing: { chunkSize: 1 << 20, slices: Number(arg('--slices')) },
        gzipLevel: args.includes('--gzip') ? 6 : undefined,
      });
      return { Step: { Status: { State: 'COMPLETED' } } };
    }),
    [STATE.load(model.datasets[0])]: async (input: unknown) => {
      const sqls = (input as { Sqls: string[] }).Sqls;
      const manifest = /FROM '([^']+)'/.exec(sqls.find((s) => s.startsWith('COPY'))!)![1];
      if (!fs.existsSync(local(manifest))) throw awsError('RedshiftData.ValidationException', `no ${manifest}`);
      return statement(STATE.load(model.datasets[0]), sqls)(input);
    },
    [STATE.unload]: async (input: unknown) => statement(STATE.unload, [(input as { Sql: string }).Sql])(input),
    [STATE.terminate]: call(STATE.terminate, (input) => {
      world.clusters[input.ClusterId as string] = 'TERMINATED';
      return {};
    }),
    [STATE.terminateAfterFailure]: call(STATE.terminateAfterFailure, (input) => {
      world.clusters[input.ClusterId as string] = 'TERMINATED';
      return {};
    }),
    [STATE.alert]: call(STATE.alert, (input) => {
      world.alerts.push({ subject: input.Subject as string, message: input.Message as string });
      return { MessageId: 'm-1' };
    }),
  };
  for (const name of [STATE.load(model.datasets[0]), STATE.unload]) {
    handlers[`${name}: status`] = call(`${name}: status`, (input) => {
      const found = world.statements[input.Id as string];
      found.polls++;
      if (found.polls < 2) return { Id: input.Id, Status: 'STARTED' };
      return found.fails
        ? { Id: input.Id, Status: 'FAILED', Error: 'Load into table stage_storefront failed. Check stl_load_errors.' }
        : { Id: input.Id, Status: 'FINISHED' };
    });
  }
  return { world, handlers };
}

async function execute(input: unknown, faults: Faults = {}) {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'state-machine-'));
  const landing = path.join(root, model.buckets.landing, 'storefront');
  fs.mkdirSync(landing, { recursive: true });
  const lines = Array.from(
    { length: 3000 },
    (_, i) => `2026-11-27T00:00:00Z 10.0.0.${i % 250} GET /health 200 1 1ms store-1`,
  );
  fs.writeFileSync(path.join(landing, 'storefront-2026-11-27.log.gz'), zlib.gzipSync(`${lines.join('\n')}\n`));
  const { world, handlers } = standIns(root, faults);
  const machine = new StateMachine(definition as unknown as StateMachineDefinition, {
    validationOptions: { checkArn: false },
  });
  const waits = Object.keys(definition.States as object).filter((name) => name.endsWith(': wait'));
  const retried = Object.keys(handlers);
  const execution = machine.run(input as never, {
    overrides: {
      taskResourceLocalHandlers: handlers as never,
      waitTimeOverrides: Object.fromEntries(waits.map((name) => [name, 0])),
      retryIntervalOverrides: Object.fromEntries(retried.map((name) => [name, 0])),
    },
    context: { Execution: { Name: 'run-42', Input: input as never } },
  });
  const events: { type: string; state?: { name: string } }[] = [];
  const collecting = (async () => {
    for await (const event of execution.eventLogs) events.push(event as never);
  })();
  let outcome: { ok: true; output: unknown } | { ok: false; error: Error };
  try {
    outcome = { ok: true, output: await execution.result };
  } catch (error) {
    outcome = { ok: false, error: error as Error };
  }
  await collecting;
  fs.rmSync(root, { recursive: true, force: true });
  return { world, outcome, events };
}

describe('the Step Functions rendering', () => {
  const environments: [string, EnvironmentConfig][] = [
    ...ENVIRONMENTS.map((env): [string, EnvironmentConfig] => [env.name, env]),
    ['a serverless warehouse', { ...ENVIRONMENTS[0], warehouse: { kind: 'serverless' } }],
  ];
  it.each(environments)('passes asl-validator for %s', (_, env) => {
    const result = aslValidator(renderStateMachine(pipelineModel(env)));
    expect(result.errorsText()).toBe('');
    expect(result.isValid).toBe(true);
  });

  it('rejects what asl-validator rejects (a Next to a state that does not exist)', () => {
    const broken = renderStateMachine(model) as { States: Record<string, Record<string, unknown>> };
    broken.States[STATE.split].Next = 'Nowhere';
    expect(aslValidator(broken).isValid).toBe(false);
  });

  it('talks to a serverless workgroup by name and reads its load errors from sys_load_error_detail', () => {
    const serverless = renderStateMachine(pipelineModel({ ...ENVIRONMENTS[0], warehouse: { kind: 'serverless' } }));
    const states = (serverless as { States: Record<string, { Parameters: Record<string, string> }> }).States;
    expect(states[STATE.unload].Parameters).toMatchObject({ WorkgroupName: 'logfed-dev-warehouse', Database: 'logs' });
    expect(states[STATE.unload].Parameters['Sql.$']).toContain('FROM sys_load_error_detail');
  });
});

describe('the Step Functions rendering, executed by an ASL interpreter', () => {
  it('splits, loads, unloads the load errors and terminates the cluster on the success path', async () => {
    const { world, outcome } = await execute({ key: KEY });
    expect(outcome.ok).toBe(true);
    expect(world.clusters).toEqual({ 'j-1': 'TERMINATED' });
    expect(world.alerts).toEqual([]);
    const [load, unload] = Object.values(world.statements);
    const chunks = `s3://${model.buckets.chunks}/run-42/storefront/`;
    expect(load.sqls.find((s) => s.startsWith('COPY'))).toContain(`FROM '${chunks}manifest.json'`);
    expect(load.sqls).toContain(
      `DELETE FROM fact_log_event WHERE source_object = 's3://${model.buckets.landing}/${KEY}'`,
    );
    expect(unload.sqls[0]).toContain(`LIKE ''s3://${model.buckets.chunks}/run-42/%''`);
    expect(unload.sqls[0]).toContain(`TO 's3://${model.buckets.exceptions}/load_errors/storefront/run-42/'`);
    expect(unload.sqls[0]).toMatch(/\nENCRYPTED AUTO$/);
    expect(world.calls.filter((c) => c === STATE.terminate)).toHaveLength(1);
  });

  it.each([
    ['a failing split step', { splitFails: true }, 'States.TaskFailed'],
    ['a failing COPY', { copyFails: true }, 'RedshiftStatementFailed'],
    [
      'throttling that never stops',
      { throttle: { state: STATE.split, error: 'EMR.ThrottlingException', times: 99 } },
      'EMR.ThrottlingException',
    ],
  ])('terminates the cluster, publishes the alert and fails on %s', async (_, faults, error) => {
    const { world, outcome } = await execute({ key: KEY }, faults as Faults);
    expect(outcome.ok).toBe(false);
    expect(world.clusters).toEqual({ 'j-1': 'TERMINATED' });
    expect(world.alerts).toHaveLength(1);
    expect(world.alerts[0].subject).toBe('logfed load failed in dev');
    expect(world.alerts[0].message).toContain(`"error":{"Error":"${error}"`);
  });

  it('retries a throttled call and carries on', async () => {
    const throttle = { state: STATE.load(model.datasets[0]), error: 'RedshiftData.ThrottlingException', times: 2 };
    const { world, outcome, events } = await execute({ key: KEY }, { throttle });
    expect(outcome.ok).toBe(true);
    expect(events.filter((e) => e.type === 'StateRetried' && e.state?.name === throttle.state)).toHaveLength(2);
    expect(world.clusters).toEqual({ 'j-1': 'TERMINATED' });
    expect(world.alerts).toEqual([]);
  });

  it('alerts without terminating anything when the cluster never starts', async () => {
    const { world, outcome } = await execute({ key: KEY }, { createFails: true });
    expect(outcome.ok).toBe(false);
    expect(world.calls).not.toContain(STATE.terminateAfterFailure);
    expect(world.alerts).toHaveLength(1);
  });

  it.each([
    ['a key outside every landing prefix', { key: 'other/file.log' }],
    ['a key that could end a SQL literal', { key: "storefront/x'; DROP TABLE fact_log_event; --.log" }],
    ['a key with a backslash', { key: 'storefront/x\\y.log' }],
    ['no key at all', { bucket: 'b' }],
  ])('rejects %s before starting a cluster, and alerts', async (_, input) => {
    const { world, outcome } = await execute(input);
    expect(outcome.ok).toBe(false);
    expect(world.calls).not.toContain(STATE.createCluster);
    expect(world.alerts[0].message).toContain('"error":{"Error":"InvalidInput"');
  });
});
