import { createHash } from 'node:crypto';
import { PIPELINE_EVENT_SOURCE, PipelineEvent, PipelineEventName } from '../rules/pipeline/events';

/**
 * A normalized pipeline-health event (see `src/rules/pipeline/README.md`). The id hashes the object and the
 * line, so reading the same log again gives the same event and the same finding id.
 */
export function pipelineEventAt(
  where: string,
  eventName: PipelineEventName,
  eventTime: string,
  detail: Record<string, unknown>,
): PipelineEvent {
  return {
    eventSource: PIPELINE_EVENT_SOURCE,
    eventName,
    eventID: createHash('sha256').update(where).digest('hex').slice(0, 32),
    eventTime,
    detail,
  };
}
