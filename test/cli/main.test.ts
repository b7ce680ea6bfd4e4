import { EXIT_CODES_HELP } from '../../src/cli/exit-codes';
import { version } from '../../package.json';
import { runMain } from '../helpers/io';

const COMMANDS = ['analyze', 'check-stacks', 'digest', 'generate', 'plan-summary', 'split', 'stacks', 'test-filter'];

describe('logfed', () => {
  it.each([['--version'], ['-V']])('prints the package version for %s and exits 0', async (flag) => {
    expect(await runMain([flag])).toEqual({ code: 0, out: `${version}\n`, err: '' });
  });

  it('lists every command and the exit codes in --help', async () => {
    const { code, out } = await runMain(['--help']);
    expect(code).toBe(0);
    for (const name of COMMANDS) expect(out).toMatch(new RegExp(`^  ${name} `, 'm'));
    expect(out).toContain(EXIT_CODES_HELP);
  });

  it.each(COMMANDS)('documents the exit codes in `%s --help`', async (name) => {
    const { code, out } = await runMain([name, '--help']);
    expect(code).toBe(0);
    expect(out).toContain(EXIT_CODES_HELP);
  });

  it('exits 2 with one line for an unknown command', async () => {
    const { code, err } = await runMain(['frobnicate']);
    expect(code).toBe(2);
    expect(err).toBe("logfed: unknown command 'frobnicate'\n");
  });
});
