/**
 * `npm run bench:rules`: how much the rule engine costs per event. Runs `findingsFor` (rules indexed by the
 * guards of their patterns: the event names, error codes, identity types… an event must have to match) over
 * generated CloudTrail events, against two references measured in the
 * same run on the same events: evaluating every rule on every event (no index), and `JSON.parse` of the events'
 * text (what any reader must spend per event anyway). Usage: node dist/bench/rules.js [--events 200000]
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import { gunzipSync } from 'node:zlib';
import { generate, TECHNIQUES } from '../src/generate';
import { compileRule, findingsFor, RULES, ruleMatches } from '../src/rules/engine';
import type { LogEvent } from '../src/rules/types';

const ROUNDS = 5;

/** Best of a few rounds, in seconds; `work` returns a count so the engine cannot skip it. */
function time(work: () => number): { seconds: number; count: number } {
  let best = Infinity;
  let count = 0;
  for (let round = 0; round < ROUNDS; round++) {
    const start = performance.now();
    count = work();
    best = Math.min(best, (performance.now() - start) / 1000);
  }
  return { seconds: best, count };
}

async function main(): Promise<void> {
  const eventsArg = process.argv.indexOf('--events');
  const total = eventsArg > 0 ? Number(process.argv[eventsArg + 1]) : 200_000;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'logfed-bench-rules-'));
  const { files } = await generate({ events: total, out: dir, seed: 7, inject: TECHNIQUES });
  const lines: string[] = files.flatMap((file) =>
    (JSON.parse(gunzipSync(fs.readFileSync(file)).toString('utf8')) as { Records: LogEvent[] }).Records.map((r) =>
      JSON.stringify(r),
    ),
  );
  fs.rmSync(dir, { recursive: true, force: true });
  const events = lines.map((line) => JSON.parse(line) as LogEvent);
  const compiled = RULES.map(compileRule);

  const parse = time(() => lines.reduce((n, line) => n + (JSON.parse(line) ? 1 : 0), 0));
  const indexed = time(() => events.reduce((n, event) => n + findingsFor(event, RULES).length, 0));
  const everyRule = time(() =>
    events.reduce((n, event) => n + compiled.filter((rule) => ruleMatches(rule, event)).length, 0),
  );
  if (indexed.count !== everyRule.count) {
    throw new Error(`the index changed the result: ${indexed.count} findings, ${everyRule.count} without it`);
  }
  const rate = (seconds: number) => `${Math.round(events.length / seconds).toLocaleString('en-US')} events/s`;
  const rows = [
    ['findingsFor (indexed)', indexed.seconds],
    ['every rule on every event', everyRule.seconds],
    ['JSON.parse of the events', parse.seconds],
  ] as const;
  process.stdout.write(
    `rules: ${RULES.length}, events: ${events.length.toLocaleString('en-US')} ` +
      `(generated benign traffic + every Stratus technique), findings: ${indexed.count}\n`,
  );
  for (const [name, seconds] of rows) {
    process.stdout.write(`${name.padEnd(28)} ${seconds.toFixed(3)} s  ${rate(seconds)}\n`);
  }
  process.stdout.write(
    `index speed-up over every rule: ${(everyRule.seconds / indexed.seconds).toFixed(1)}x; ` +
      `rule cost as a share of JSON.parse: ${((100 * indexed.seconds) / parse.seconds).toFixed(0)}%\n`,
  );
}

main().catch((error) => {
  process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
  process.exitCode = 1;
});
