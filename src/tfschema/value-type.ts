import { describeLiteral, isJsonObject, isTemplate } from './json-value';
import type { CtyType, SchemaViolation } from './types';

/** Renders a cty type the way Terraform's messages do: `list(string)`, `object({…})`. */
export function formatType(type: CtyType): string {
  if (typeof type === 'string') return type;
  if (type[0] === 'object') return `object({${Object.keys(type[1]).join(', ')}})`;
  if (type[0] === 'tuple') return `tuple([${type[1].map(formatType).join(', ')}])`;
  return `${type[0]}(${formatType(type[1])})`;
}

/**
 * Checks a literal JSON value against a cty type with Terraform's own conversions (a number or bool
 * is a valid string; "12" is a valid number; "true" a valid bool). Templates and null pass: they are
 * unknown or absent at this point, not wrong.
 */
export function checkValueType(type: CtyType, value: unknown, path: string): SchemaViolation[] {
  if (value === null || isTemplate(value)) return [];
  const mismatch = (): SchemaViolation[] => [
    { path, message: `expected ${formatType(type)}, got ${describeLiteral(value)}` },
  ];
  if (typeof type === 'string') {
    return scalarFits(type, value) ? [] : mismatch();
  }
  switch (type[0]) {
    case 'list':
    case 'set': {
      if (!Array.isArray(value)) return mismatch();
      const element = type[1];
      return value.flatMap((item, index) => checkValueType(element, item, `${path}[${index}]`));
    }
    case 'map': {
      if (!isJsonObject(value)) return mismatch();
      const element = type[1];
      return Object.entries(value).flatMap(([key, item]) => checkValueType(element, item, `${path}.${key}`));
    }
    case 'object':
      return isJsonObject(value) ? checkObject(type[1], new Set(type[2] ?? []), value, path) : mismatch();
    case 'tuple': {
      const elements = type[1];
      if (!Array.isArray(value) || value.length !== elements.length) return mismatch();
      return value.flatMap((item, index) => checkValueType(elements[index], item, `${path}[${index}]`));
    }
  }
}

function scalarFits(type: 'string' | 'number' | 'bool' | 'dynamic', value: unknown): boolean {
  switch (type) {
    case 'dynamic':
      return true;
    case 'string':
      return typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean';
    case 'number':
      return (
        typeof value === 'number' ||
        (typeof value === 'string' && value.trim() !== '' && Number.isFinite(Number(value)))
      );
    case 'bool':
      return typeof value === 'boolean' || value === 'true' || value === 'false';
  }
}

/** Terraform requires every attribute an object type names unless it is optional; extra keys are typos. */
function checkObject(
  attributes: Readonly<Record<string, CtyType>>,
  optional: ReadonlySet<string>,
  value: Record<string, unknown>,
  path: string,
): SchemaViolation[] {
  const violations: SchemaViolation[] = [];
  for (const key of Object.keys(value)) {
    if (!(key in attributes)) violations.push({ path: `${path}.${key}`, message: 'unknown attribute of this object' });
  }
  for (const [key, type] of Object.entries(attributes)) {
    if (key in value) violations.push(...checkValueType(type, value[key], `${path}.${key}`));
    else if (!optional.has(key))
      violations.push({ path: `${path}.${key}`, message: 'missing attribute required by the object type' });
  }
  return violations;
}
