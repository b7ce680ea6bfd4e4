import { textLinesOf } from './lines';
import { pipelineEventAt } from './pipeline-event';
import type { ReaderSink } from './types';

/** `<log uri>/j-…/steps/s-…/controller|stderr|stdout|syslog[.gz]`: the logs EMR writes per step. */
const STEP_LOG = /\/(j-[0-9A-Z]+)\/steps\/(s-[0-9A-Z]+)\/(controller|stderr|stdout|syslog)(\.gz)?$/;
/** Any other log under a cluster's folder (`node/`, `daemons/`, `containers/`…). */
const CLUSTER_LOG = /\/(j-[0-9A-Z]+)\//;
/** A controller line: `2026-11-27T10:00:00.123Z WARN Step failed with exitCode 1 and took 12 seconds`. */
const CONTROLLER_LINE = /^(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.\d+)?Z) (INFO|WARN|ERROR) (.*)$/;
const STEP_FAILED = /Step failed with exitCode (\d+)/;
const CLUSTER_FAILED = 'TERMINATED_WITH_ERRORS';

export function isEmrLog(location: string): boolean {
  return STEP_LOG.test(location) || CLUSTER_LOG.test(location);
}

/** Whether the first bytes look like a step controller log (for objects whose key does not say). */
export function looksLikeEmrController(head: string): boolean {
  return head.split('\n', 3).some((line) => CONTROLLER_LINE.test(line) && /\bstep\b/i.test(line));
}

/**
 * Reads an EMR step or cluster log. A controller line `Step failed with exitCode N` becomes an `EmrStepFailed`
 * event; the first line of a cluster log naming `TERMINATED_WITH_ERRORS` becomes `EmrClusterTerminatedWithErrors`.
 * Other lines are the job's own output: counted as part of the object, not as events.
 */
export async function readEmrLog(location: string, chunks: AsyncIterable<Buffer>, sink: ReaderSink): Promise<void> {
  const step = STEP_LOG.exec(location);
  const clusterId = step?.[1] ?? CLUSTER_LOG.exec(location)?.[1];
  let lastTime = '';
  let clusterFailureSeen = false;
  for await (const { text, where } of textLinesOf(location, chunks, sink)) {
    const parsed = CONTROLLER_LINE.exec(text);
    if (parsed) lastTime = parsed[1];
    const failed = STEP_FAILED.exec(text);
    if (step && failed) {
      const message = parsed ? parsed[3] : text.trim();
      sink.event(
        pipelineEventAt(where, 'EmrStepFailed', lastTime, {
          clusterId,
          stepId: step[2],
          exitCode: Number(failed[1]),
          message,
        }),
      );
    } else if (!clusterFailureSeen && text.includes(CLUSTER_FAILED)) {
      clusterFailureSeen = true;
      sink.event(
        pipelineEventAt(where, 'EmrClusterTerminatedWithErrors', lastTime, { clusterId, message: text.trim() }),
      );
    }
  }
}
