/**
 * Small Markdown builders shared by the reports. Log content is untrusted: every value placed in a table is
 * escaped so a principal name or error message cannot break the table or inject markup.
 */

/** Longest text a cell shows; a log line can be megabytes, and a job summary holds 1 MiB in all. */
export const MAX_CELL_CHARS = 300;

/** Escapes text for a table cell: Markdown punctuation, HTML angle brackets, pipes and line breaks. */
export function cell(value: string | number | undefined): string {
  if (value === undefined || value === '') return '–';
  return neutralize(
    shorten(String(value))
      .replace(/\r?\n|\r/g, ' ')
      .replace(/[\\`*_[\]<>|#~]/g, (c) => `\\${c}`),
  );
}

/** Invisible, and enough to keep GitHub from reading what follows as a mention, reference or link. */
const BREAK = '\u200b';

/**
 * GitHub acts on plain text, escaped or not: `@name` notifies a person or team, `#12` links an issue, and
 * `https://…`, `www.…` and e-mail addresses become links. A zero-width space after `@` and `#` and inside URL
 * schemes keeps log text (session names, user agents) from pinging people or planting links in an issue;
 * it reads the same. Code spans need none of this: GitHub never links or mentions inside them.
 */
export function neutralize(text: string): string {
  return text
    .replace(/[@#]/g, (c) => `${c}${BREAK}`)
    .replace(/([a-z][a-z0-9+.-]*):(?=\/\/)/gi, `$1:${BREAK}`)
    .replace(/\bwww\./gi, (w) => `${w.slice(0, 3)}${BREAK}.`)
    .replace(/\b(mailto|xmpp|javascript|data):/gi, `$1${BREAK}:`);
}

/** An inline code span for identifiers (ids, ARNs, IPs); pipes stay escaped so tables keep their shape. */
export function code(value: string | undefined): string {
  if (value === undefined || value === '') return '–';
  return `\`${shorten(value)
    .replace(/\r?\n|\r/g, ' ')
    .replace(/`/g, "'")
    .replace(/\|/g, '\\|')}\``;
}

/** A GitHub-flavoured table; rows are already escaped cells. */
export function table(
  header: readonly string[],
  rows: readonly (readonly string[])[],
  align?: readonly ('l' | 'r')[],
): string {
  const rule = header.map((_, i) => (align?.[i] === 'r' ? '---:' : '---'));
  return [header, rule, ...rows].map((row) => `| ${row.join(' | ')} |`).join('\n');
}

/** Thousands separators, fixed to `en-US` so reports do not depend on the machine's locale. */
export function count(n: number): string {
  return n.toLocaleString('en-US');
}

/** `1 object`, `2 objects`. */
export function plural(n: number, word: string, many = `${word}s`): string {
  return `${count(n)} ${n === 1 ? word : many}`;
}

function shorten(text: string): string {
  return text.length > MAX_CELL_CHARS ? `${text.slice(0, MAX_CELL_CHARS - 1)}…` : text;
}
