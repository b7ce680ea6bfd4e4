/**
 * The exit codes of every `logfed` command (README, "Exit codes"; `logfed --help` prints them).
 * Commands return one of these; only the entry point (`run`) ends the process.
 */
export const EXIT = {
  /** All done. */
  ok: 0,
  /** Done, but something needs attention: objects skipped, events spilled, findings at or above `--fail-on`. */
  attention: 1,
  /** Not done: bad arguments, or input that cannot be read or reached (one line on stderr names the cause). */
  failed: 2,
  /** Interrupted by SIGINT or SIGTERM, after removing the command's temporary files. */
  interrupted: 130,
} as const;

export const EXIT_CODES_HELP =
  '\nExit codes:\n' +
  '  0    all done\n' +
  '  1    done, but something needs attention (objects skipped, events spilled, findings at or above --fail-on)\n' +
  '  2    bad arguments, or input that cannot be read or reached (one line on stderr names the cause)\n' +
  '  130  interrupted (SIGINT or SIGTERM); temporary files are removed first\n';
