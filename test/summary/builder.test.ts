import { pipelineEvent } from '../../src/rules/pipeline/events';
import { apiCall, assumedRole } from '../../src/rules/testing';
import { SummaryBuilder } from '../../src/summary/builder';
import { MAX_LOAD_ERROR_SAMPLES } from '../../src/summary/merge';

describe('SummaryBuilder', () => {
  it('counts events by source, name, error, hour and principal, and keeps the time range', () => {
    const builder = new SummaryBuilder('trail.json');
    builder.kind('cloudtrail');
    builder.event(apiCall('s3', 'ListBuckets', { eventTime: '2026-11-27T10:59:59Z' }));
    builder.event(apiCall('s3', 'GetBucketAcl', { eventTime: '2026-11-27T11:00:00Z', errorCode: 'NoSuchBucket' }));
    builder.event(
      apiCall('ec2', 'DescribeInstances', {
        eventTime: '2026-11-27T09:30:00Z',
        userIdentity: assumedRole('reader', 'dana'),
      }),
    );
    builder.event({ eventName: 'NoIdentity' });
    const summary = builder.finish();
    expect(summary).toMatchObject({
      objects: 1,
      events: 4,
      bySource: { 'ec2.amazonaws.com': 1, 's3.amazonaws.com': 2 },
      byEventName: { DescribeInstances: 1, GetBucketAcl: 1, ListBuckets: 1, NoIdentity: 1 },
      errors: { NoSuchBucket: 1 },
      byHour: { '2026-11-27T09': 1, '2026-11-27T10': 1, '2026-11-27T11': 1 },
      byPrincipal: {
        'arn:aws:iam::111122223333:user/alice': 2,
        'arn:aws:sts::111122223333:assumed-role/reader/dana': 1,
      },
      byKind: { cloudtrail: 1 },
      firstEventTime: '2026-11-27T09:30:00Z',
      lastEventTime: '2026-11-27T11:00:00Z',
    });
    expect(Object.keys(summary.bySource)).toEqual(['ec2.amazonaws.com', 's3.amazonaws.com']);
  });

  it('raises one finding per rule and event, even when a record repeats', () => {
    const builder = new SummaryBuilder('trail.json');
    const stop = apiCall('cloudtrail', 'StopLogging', { eventID: 'evt-1' });
    builder.event(stop);
    builder.event(stop);
    const summary = builder.finish();
    expect(summary.events).toBe(2);
    const ids = summary.findings.map((f) => f.id);
    expect(ids).toContain('cloudtrail-stopped:evt-1');
    expect(new Set(ids).size).toBe(ids.length);
    expect(summary.findings.find((f) => f.ruleId === 'cloudtrail-stopped')).toMatchObject({
      severity: 'critical',
      eventName: 'StopLogging',
      principal: 'arn:aws:iam::111122223333:user/alice',
      object: 'trail.json',
    });
  });

  it('fills pipeline health from pipeline events', () => {
    const builder = new SummaryBuilder('logs/controller.gz');
    builder.event(
      pipelineEvent('EmrStepFailed', { clusterId: 'j-1', stepId: 's-1', message: 'Step failed with exitCode 1' }),
    );
    builder.event({
      ...pipelineEvent('StepFunctionsExecutionFailed', {
        executionArn: 'arn:x',
        status: 'TIMED_OUT',
        error: 'States.Timeout',
      }),
      eventID: 'sfn-1',
    });
    builder.event(
      pipelineEvent('RedshiftLoadError', { table: 't', line: 3, errorCode: 1207, reason: 'Invalid digit' }),
    );
    const summary = builder.finish();
    expect(summary.pipeline).toEqual({
      failures: [
        {
          source: 'emr',
          object: 'logs/controller.gz',
          id: 's-1',
          time: '2026-11-27T10:00:00Z',
          message: 'Step failed with exitCode 1',
        },
        {
          source: 'stepfunctions',
          object: 'logs/controller.gz',
          id: 'arn:x',
          time: '2026-11-27T10:00:00Z',
          message: 'TIMED_OUT: States.Timeout',
        },
      ],
      redshiftLoadErrors: {
        count: 1,
        samples: [{ errorCode: '1207', line: '3', reason: 'Invalid digit', table: 't' }],
      },
    });
  });

  it('keeps the same load-error samples as merging would, however many rows there are', () => {
    const builder = new SummaryBuilder('errors.txt');
    for (let i = 99; i >= 0; i--) builder.event(pipelineEvent('RedshiftLoadError', { line: i, reason: `r${i % 13}` }));
    const { redshiftLoadErrors } = builder.finish().pipeline;
    expect(redshiftLoadErrors.count).toBe(100);
    expect(redshiftLoadErrors.samples).toHaveLength(MAX_LOAD_ERROR_SAMPLES);
    expect(redshiftLoadErrors.samples.map((row) => row.line)).toEqual(['0', '1', '10', '11', '12']);
  });
});
