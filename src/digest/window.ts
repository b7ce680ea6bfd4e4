import { CliError } from '../cli/errors';
import type { DigestWindow } from './digest';

/** The window as people give it: ISO 8601 times and a length in hours, all optional. */
export interface WindowOptions {
  readonly since?: string;
  readonly until?: string;
  readonly hours?: string;
}

const HOUR_MS = 3_600_000;

/**
 * `since`/`until`/`hours` to a window. The length defaults to 24 hours; the end defaults to now, or to
 * `since + hours` when both of those are given; `until` and `hours` together over-specify it.
 */
export function resolveWindow(options: WindowOptions, now: Date): DigestWindow {
  if (options.until !== undefined && options.hours !== undefined) {
    throw new CliError('--until and --hours cannot be combined', 'give --hours with --since, or alone to end now');
  }
  const span = (options.hours === undefined ? 24 : positiveNumber('--hours', options.hours)) * HOUR_MS;
  const since = options.since === undefined ? undefined : isoTime('--since', options.since);
  const until =
    options.until !== undefined
      ? isoTime('--until', options.until)
      : since !== undefined && options.hours !== undefined
        ? new Date(since.getTime() + span)
        : now;
  const start = since ?? new Date(until.getTime() - span);
  if (start >= until) {
    throw new CliError(`the window is empty: ${start.toISOString()} is not before ${until.toISOString()}`);
  }
  return { since: start, until };
}

function positiveNumber(name: string, value: string): number {
  const n = Number(value);
  if (value.trim() === '' || !Number.isFinite(n) || n <= 0) {
    throw new CliError(`${name} must be a positive number, got "${value}"`);
  }
  return n;
}

/** Dates alone are UTC; times must carry `Z` or an offset, so a window never depends on the machine's zone. */
function isoTime(name: string, value: string): Date {
  const time = Date.parse(value);
  if (
    !/^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2}))?$/.test(value) ||
    !Number.isFinite(time)
  ) {
    throw new CliError(
      `${name} "${value}" is not an ISO 8601 time`,
      'e.g. 2026-11-27T00:00:00Z (a time needs Z or an offset)',
    );
  }
  return new Date(time);
}
