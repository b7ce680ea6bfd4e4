import * as fs from 'node:fs';
import * as path from 'node:path';
import { Command } from 'commander';
import { readManifest } from '../../gitops/manifest';
import { unsafeToPlan } from '../../gitops/stack-guard';
import { Io, processIo, runCommand } from '../run';

export interface CheckStacksOptions {
  readonly manifest: string;
}

export function checkStacksCommand(exit: { code: number }, io: Io = processIo): Command {
  return new Command('check-stacks')
    .description(
      'Refuse synthesized stacks that would run code during a plan: providers other than AWS, external or http ' +
        'data sources, provisioners, modules. Exits 1 and lists each finding.',
    )
    .option('--manifest <file>', 'the manifest written by `npm run synth`', 'cdktf.out/manifest.json')
    .action(async (options: CheckStacksOptions) => {
      exit.code = await runCommand('check-stacks', io, () => checkStacks(options, io));
    });
}

export async function checkStacks(options: CheckStacksOptions, io: Io): Promise<number> {
  let failed = 0;
  for (const { stack, directory } of readManifest(options.manifest)) {
    const file = path.join(directory, 'cdk.tf.json');
    const findings = unsafeToPlan(JSON.parse(fs.readFileSync(file, 'utf8')));
    for (const finding of findings) io.stderr.write(`${stack}: ${finding}\n`);
    if (findings.length > 0) failed += 1;
  }
  if (failed > 0) {
    io.stderr.write(`logfed check-stacks: ${failed} stack(s) may not be planned with cloud credentials\n`);
    return 1;
  }
  return 0;
}
