/** A JSON object (not an array, not null). */
export function isJsonObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A string holding a Terraform template (`${…}` or `%{…}`): its value is unknown until plan. */
export function isTemplate(value: unknown): boolean {
  return typeof value === 'string' && (value.includes('${') || value.includes('%{'));
}

/** Short text for a literal in a message, kinds named as Terraform names them, cut so a policy document does not flood the report. */
export function describeLiteral(value: unknown): string {
  const kind = Array.isArray(value)
    ? 'list'
    : value === null
      ? 'null'
      : typeof value === 'boolean'
        ? 'bool'
        : typeof value === 'object'
          ? 'object'
          : typeof value;
  const text = JSON.stringify(value);
  return `${kind} ${text.length > 40 ? `${text.slice(0, 37)}...` : text}`;
}
