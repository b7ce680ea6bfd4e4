import * as fs from 'node:fs';
import * as path from 'node:path';

/** What synth produced for one stack. */
export interface StackSummary {
  readonly name: string;
  readonly workingDirectory: string;
  readonly dependencies: readonly string[];
  /** Resource count by Terraform type, types sorted. */
  readonly resourcesByType: Readonly<Record<string, number>>;
}

interface Manifest {
  readonly stacks: Record<
    string,
    { name: string; workingDirectory: string; synthesizedStackPath: string; dependencies: string[] }
  >;
}

/** Reads cdktf.out/manifest.json and every stack's cdk.tf.json. */
export function readSynthOutput(outdir: string): StackSummary[] {
  const manifestFile = path.join(outdir, 'manifest.json');
  if (!fs.existsSync(manifestFile)) throw new Error(`${manifestFile} not found: run npm run synth first`);
  const manifest = JSON.parse(fs.readFileSync(manifestFile, 'utf8')) as Manifest;
  return Object.values(manifest.stacks).map((stack) => {
    const terraform = JSON.parse(fs.readFileSync(path.join(outdir, stack.synthesizedStackPath), 'utf8')) as {
      resource?: Record<string, Record<string, unknown>>;
    };
    const counts = Object.entries(terraform.resource ?? {})
      .map(([type, byName]) => [type, Object.keys(byName).length] as const)
      .sort(([a], [b]) => a.localeCompare(b));
    return {
      name: stack.name,
      workingDirectory: path.join(outdir, stack.workingDirectory),
      dependencies: stack.dependencies,
      resourcesByType: Object.fromEntries(counts),
    };
  });
}

/** A plain-text table: a row per resource type, a column per stack, totals; then the apply order. */
export function renderSynthReport(stacks: readonly StackSummary[]): string {
  const types = [...new Set(stacks.flatMap((stack) => Object.keys(stack.resourcesByType)))].sort();
  const totals = stacks.map((stack) => Object.values(stack.resourcesByType).reduce((sum, n) => sum + n, 0));
  const rows = [
    ['resource type', ...stacks.map((stack) => stack.name)],
    ...types.map((type) => [type, ...stacks.map((stack) => String(stack.resourcesByType[type] ?? '-'))]),
    ['total', ...totals.map(String)],
  ];
  const widths = rows[0].map((_, column) => Math.max(...rows.map((row) => row[column].length)));
  const line = (row: string[]) =>
    row.map((cell, column) => (column === 0 ? cell.padEnd(widths[column]) : cell.padStart(widths[column]))).join('  ');
  const rule = widths.map((width) => '-'.repeat(width)).join('  ');
  const order = stacks.map(
    (stack) =>
      `  ${stack.workingDirectory}${stack.dependencies.length ? ` (after ${stack.dependencies.join(', ')})` : ''}`,
  );
  const grandTotal = totals.reduce((sum, n) => sum + n, 0);
  return (
    [
      line(rows[0]),
      rule,
      ...rows.slice(1, -1).map(line),
      rule,
      line(rows[rows.length - 1]),
      '',
      `${stacks.length} stacks, ${grandTotal} resources; Terraform working directories:`,
      ...order,
    ].join('\n') + '\n'
  );
}

/** `node dist/stacks/report.js [outdir]`: prints the table of the last synth (npm start runs it after synth). */
if (require.main === module) {
  try {
    process.stdout.write(renderSynthReport(readSynthOutput(process.argv[2] ?? 'cdktf.out')));
  } catch (error) {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  }
}
