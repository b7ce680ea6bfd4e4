/**
 * Preloaded into a measured process (`node --require`): on exit it writes the process' peak resident set
 * size in bytes to the file named by LOGFED_PEAK_RSS_FILE, so the bench needs no platform `time` tool.
 */
import * as fs from 'node:fs';

const target = process.env.LOGFED_PEAK_RSS_FILE;
if (target) {
  process.on('exit', () => fs.writeFileSync(target, String(process.resourceUsage().maxRSS * 1024)));
}
