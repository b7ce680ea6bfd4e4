import type { Io } from './run';

/** A one-line progress bar on stderr: `<label> [#####....] 40% <detail>`, redrawn when the percentage moves. */
export function progressBar(io: Io, label: string): (done: number, total: number, detail?: string) => void {
  let shown = -1;
  return (done, total, detail = '') => {
    const percent = total === 0 ? 100 : Math.floor((100 * done) / total);
    if (percent === shown) return;
    shown = percent;
    const bar = '#'.repeat(Math.floor(percent / 4)).padEnd(25, '.');
    io.stderr.write(`\r${label} [${bar}] ${percent}%${detail ? ` ${detail}` : ''}${done === total ? '\n' : ''}`);
  };
}
