import * as fs from 'node:fs';
import * as path from 'node:path';
import * as ts from 'typescript';

/** The typed config whose doc comments make the reference, and the committed reference. */
export const TYPES_FILE = path.join('stacks', 'config', 'types.ts');
export const REFERENCE_FILE = path.join('docs', 'configuration.md');

/** Renders the configuration reference: one section per interface or type of types.ts, a row per field. */
export function renderConfigReference(typesSource: string): string {
  const source = ts.createSourceFile(TYPES_FILE, typesSource, ts.ScriptTarget.ES2022, true);
  const sections: string[] = [];
  source.forEachChild((node) => {
    if (ts.isInterfaceDeclaration(node)) sections.push(interfaceSection(node));
    else if (ts.isTypeAliasDeclaration(node))
      sections.push(`### \`${node.name.text}\`\n\n${docOf(node).text}\n\n\`${node.type.getText()}\`\n`);
  });
  return [
    '# Configuration reference',
    '',
    '<!-- Generated from stacks/config/types.ts by `npm run docs:config`; a test fails when this file is stale. -->',
    '',
    'Environments live in `stacks/config/environments.ts` as a list of `EnvironmentConfig`. Synth validates',
    'them first and stops with one line per mistake: `<environment>.<field>: <what is wrong>`.',
    '',
    ...sections,
  ].join('\n');
}

function interfaceSection(node: ts.InterfaceDeclaration): string {
  const rows = node.members.filter(ts.isPropertySignature).map((member) => {
    const doc = docOf(member);
    const type = (member.type?.getText() ?? '').replace(/\s+/g, ' ');
    const description = [doc.text, doc.defaultValue && `Default: ${doc.defaultValue}.`].filter(Boolean).join(' ');
    return [`\`${member.name.getText()}\``, `\`${type}\``, member.questionToken ? 'no' : 'yes', description].map(
      (cell) => cell.replace(/\|/g, '\\|'),
    );
  });
  const intro = docOf(node).text;
  const table = alignedTable(['field', 'type', 'required', 'meaning'], rows);
  return [`### \`${node.name.text}\``, '', ...(intro ? [intro, ''] : []), ...table, ''].join('\n');
}

/** A Markdown table with padded columns, laid out as prettier lays it out, so the format check agrees. */
function alignedTable(header: string[], rows: string[][]): string[] {
  const widths = header.map((title, column) => Math.max(3, title.length, ...rows.map((row) => row[column].length)));
  const line = (cells: string[]) => `| ${cells.map((cell, column) => cell.padEnd(widths[column])).join(' | ')} |`;
  return [line(header), line(widths.map((width) => '-'.repeat(width))), ...rows.map(line)];
}

function docOf(node: ts.Node): { text: string; defaultValue?: string } {
  const docs = ts.getJSDocCommentsAndTags(node).filter(ts.isJSDoc);
  const text = docs.map((doc) => ts.getTextOfJSDocComment(doc.comment) ?? '').join(' ');
  const defaultTag = docs.flatMap((doc) => doc.tags ?? []).find((tag) => tag.tagName.text === 'default');
  return {
    text: text.replace(/\s+/g, ' ').trim(),
    defaultValue: defaultTag && ts.getTextOfJSDocComment(defaultTag.comment)?.trim(),
  };
}

/** `npm run docs:config`: rewrites docs/configuration.md from the current types. */
if (require.main === module) {
  fs.writeFileSync(REFERENCE_FILE, renderConfigReference(fs.readFileSync(TYPES_FILE, 'utf8')));
  process.stdout.write(`wrote ${REFERENCE_FILE}\n`);
}
