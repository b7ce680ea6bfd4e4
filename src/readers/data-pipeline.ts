import { textLinesOf } from './lines';
import { pipelineEventAt } from './pipeline-event';
import type { ReaderSink } from './types';

/** `<pipelineLogUri>/df-…/<component>/@<component>_<time>/@<component>_<time>_Attempt=N/<file>`. */
const ATTEMPT_LOG = /\/(df-[0-9A-Z]+)\/([^/]+)\/(@[^/]+)\/(@[^/]+_Attempt=\d+)\/[^/]+$/;
/** A TaskRunner line: `27 Nov 2026 10:00:00,123 [ERROR] (thread) class: message`. */
const TASK_RUNNER_LINE = /^(\d{1,2}) (\w{3}) (\d{4}) (\d\d:\d\d:\d\d),(\d{3}) \[(\w+)\] \(([^)]*)\) ([^:]+): ?(.*)$/;
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

export function isDataPipelineLog(location: string): boolean {
  return ATTEMPT_LOG.test(location);
}

export function looksLikeTaskRunnerLog(head: string): boolean {
  return head.split('\n', 3).some((line) => TASK_RUNNER_LINE.test(line));
}

/**
 * Reads a Data Pipeline attempt log (TaskRunner's activity log). The first `[ERROR]` line of an attempt becomes
 * one `DataPipelineActivityFailed` event; ids come from the attempt folder. TaskRunner writes UTC times.
 */
export async function readDataPipelineLog(
  location: string,
  chunks: AsyncIterable<Buffer>,
  sink: ReaderSink,
): Promise<void> {
  const ids = ATTEMPT_LOG.exec(location);
  let failureSeen = false;
  for await (const { text, where } of textLinesOf(location, chunks, sink)) {
    const parsed = TASK_RUNNER_LINE.exec(text);
    if (failureSeen || !parsed || parsed[6] !== 'ERROR') continue;
    failureSeen = true;
    const [, day, month, year, time, millis] = parsed;
    const monthNumber = String(MONTHS.indexOf(month) + 1).padStart(2, '0');
    sink.event(
      pipelineEventAt(
        where,
        'DataPipelineActivityFailed',
        `${year}-${monthNumber}-${day.padStart(2, '0')}T${time}.${millis}Z`,
        {
          ...(ids ? { pipelineId: ids[1], activityId: ids[2], instanceId: ids[3], attemptId: ids[4] } : {}),
          message: parsed[9].trim(),
        },
      ),
    );
  }
}
