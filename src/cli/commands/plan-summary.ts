import { Command, Option } from 'commander';
import { PLAN_SUMMARY_LIMITS, PlanSummaryLimit, isUnreadable, readPlans, renderPlanMarkdown } from '../../plan-summary';
import { storeFor } from '../../store';
import { EXIT } from '../exit-codes';
import { Io, processIo, runCommand } from '../run';

export interface PlanSummaryCommandOptions {
  readonly out?: string;
  readonly limit: PlanSummaryLimit;
  readonly title?: string;
}

export function planSummaryCommand(exit: { code: number }, io: Io = processIo): Command {
  return new Command('plan-summary')
    .description(
      'Summarize `terraform show -json <planfile>` output of each stack as one Markdown report for a pull ' +
        'request comment or job summary: counts per stack, destroyed and replaced resources first.',
    )
    .argument(
      '<plans...>',
      'plan JSON files, or folders of them; <stack>.plan.json or <stack>/plan.json names the stack',
    )
    .option('--out <file>', 'write the report to a file or s3:// object instead of stdout')
    .addOption(
      new Option('--limit <limit>', 'size limit: comment (65,536) or summary (1 MiB)')
        .choices(Object.keys(PLAN_SUMMARY_LIMITS))
        .default('comment'),
    )
    .option('--title <title>', 'heading of the report', 'Terraform plan')
    .addHelpText(
      'after',
      '\nExits 1 when a plan file cannot be read; the report still covers every other stack and names the file.\n\n' +
        'Example:\n' +
        '  for s in dev-bootstrap dev-log-archive; do terraform -chdir=cdktf.out/stacks/$s show -json tfplan > plans/$s.plan.json; done\n' +
        '  logfed plan-summary plans/ --out plan-comment.md',
    )
    .action(async (plans: string[], options: PlanSummaryCommandOptions) => {
      exit.code = await runCommand('plan-summary', io, () => planSummary(plans, options, io));
    });
}

export async function planSummary(
  plans: readonly string[],
  options: PlanSummaryCommandOptions,
  io: Io,
): Promise<number> {
  const reports = await readPlans(plans);
  const markdown = renderPlanMarkdown(reports, { title: options.title, limit: options.limit });
  if (options.out) {
    await storeFor(options.out).write(options.out, markdown, 'text/markdown');
  } else {
    io.stdout.write(markdown);
  }
  const unreadable = reports.filter(isUnreadable);
  for (const r of unreadable) io.stderr.write(`logfed plan-summary: ${r.file}: ${r.error}\n`);
  return unreadable.length > 0 ? EXIT.attention : EXIT.ok;
}
