import { InvalidArgumentError, Option } from 'commander';
import { SEVERITIES } from '../summary/types';
import type { Severity } from '../summary/types';

/**
 * Option builders shared by the commands, so commander validates values (and `--help` lists the choices)
 * before a command body runs; a bad value exits 2 with commander's one-line error.
 */

/** Parses a whole number from `min` to `max`, for `argParser`. */
export function wholeNumber(min: number, max = Number.MAX_SAFE_INTEGER): (value: string) => number {
  return (value) => {
    const n = Number(value);
    if (value.trim() === '' || !Number.isInteger(n) || n < min || n > max) {
      throw new InvalidArgumentError(
        max === Number.MAX_SAFE_INTEGER
          ? `expected a whole number of at least ${min}.`
          : `expected a whole number from ${min} to ${max}.`,
      );
    }
    return n;
  };
}

export function formatOption(formats: readonly string[], defaultFormat: string, description: string): Option {
  return new Option('--format <format>', description).choices(formats).default(defaultFormat);
}

export function failOnOption(): Option {
  return new Option(
    '--fail-on <severity>',
    'exit 1 when any finding is at or above this severity (for pipelines)',
  ).choices(SEVERITIES);
}

/** Whether a finding of `severity` trips `--fail-on <threshold>` (never when the option is not given). */
export function atOrAbove(severity: Severity, threshold: Severity | undefined): boolean {
  return threshold !== undefined && SEVERITIES.indexOf(severity) >= SEVERITIES.indexOf(threshold);
}
