import type { SynthesizedBlock } from './types';

/** A statement of an IAM policy, whether written with aws_iam_policy_document or as JSON. */
export interface PolicyStatement {
  readonly sid?: string;
  readonly effect: 'Allow' | 'Deny';
  readonly actions: readonly string[];
  /** True when the statement uses NotAction (it then allows everything but a list). */
  readonly notAction: boolean;
  readonly resources: readonly string[];
  /** True when the statement uses NotResource (it then applies to every resource but a list). */
  readonly notResource: boolean;
  /** Principals of a resource-policy statement (ARNs, service names or `*`); empty in identity policies. */
  readonly principals: readonly string[];
  readonly conditions: readonly {
    readonly test: string;
    readonly variable: string;
    readonly values: readonly string[];
  }[];
}

type Json = Record<string, unknown>;

const REFERENCE = /^\$\{(data\.)?([a-z0-9_]+)\.([^.}]+)\.([a-z_]+)\}$/;

/** Read access to one synthesized stack (`stack.toTerraform()`): its blocks, references between them, policies. */
export class StackView {
  readonly blocks: readonly SynthesizedBlock[];
  private readonly providerBlocks: Readonly<Record<string, readonly Json[]>>;

  constructor(terraform: Json) {
    this.blocks = [...readBlocks(terraform, 'resource'), ...readBlocks(terraform, 'data')];
    this.providerBlocks = (terraform.provider ?? {}) as Record<string, Json[]>;
  }

  /** The configurations of the stack's providers of one type (`aws`), aliases included. */
  providers(type: string): readonly Json[] {
    return this.providerBlocks[type] ?? [];
  }

  resources(): SynthesizedBlock[] {
    return this.blocks.filter((block) => block.kind === 'resource');
  }

  /** Resources of `type` whose `attribute` points at `target` (by reference to its id/name, or by the same literal name). */
  referencing(target: SynthesizedBlock, type: string, attribute = 'bucket'): SynthesizedBlock[] {
    return this.resources().filter((block) => block.type === type && this.refersTo(block.config[attribute], target));
  }

  /** Statements of a policy attribute: a reference to an aws_iam_policy_document, or a JSON string. */
  statements(policy: unknown): PolicyStatement[] | undefined {
    if (typeof policy !== 'string') return undefined;
    const ref = REFERENCE.exec(policy);
    if (ref) {
      const document = this.blocks.find((b) => b.kind === 'data' && b.type === ref[2] && b.name === ref[3]);
      return document?.type === 'aws_iam_policy_document' ? documentStatements(document.config) : undefined;
    }
    try {
      return jsonStatements(JSON.parse(policy) as Json);
    } catch {
      return undefined;
    }
  }

  /** Whether an attribute value points at `target`: a reference to its id/name, or the same literal bucket name. */
  refersTo(value: unknown, target: SynthesizedBlock): boolean {
    if (typeof value !== 'string') return false;
    const ref = REFERENCE.exec(value);
    if (ref) return !ref[1] && ref[2] === target.type && ref[3] === target.name;
    return value === target.config.bucket;
  }
}

function readBlocks(terraform: Json, kind: 'resource' | 'data'): SynthesizedBlock[] {
  const byType = (terraform[kind] ?? {}) as Record<string, Record<string, Json>>;
  return Object.entries(byType).flatMap(([type, byName]) =>
    Object.entries(byName).map(([name, config]) => {
      const metadata = (config['//'] as { metadata?: { path?: string } } | undefined)?.metadata;
      return { kind, type, name, path: metadata?.path ?? `${kind}.${type}.${name}`, config };
    }),
  );
}

function documentStatements(config: Json): PolicyStatement[] {
  const statements = (config.statement ?? []) as Json[];
  return statements.map((s) => ({
    sid: s.sid as string | undefined,
    effect: s.effect === 'Deny' ? 'Deny' : 'Allow',
    actions: list(s.not_actions ?? s.actions),
    notAction: s.not_actions !== undefined,
    resources: list(s.not_resources ?? s.resources),
    notResource: s.not_resources !== undefined,
    principals: ((s.principals ?? []) as Json[]).flatMap((p) => list(p.identifiers)),
    conditions: ((s.condition ?? []) as Json[]).map((c) => ({
      test: String(c.test),
      variable: String(c.variable),
      values: list(c.values),
    })),
  }));
}

function jsonStatements(document: Json): PolicyStatement[] {
  const raw = document.Statement;
  const statements = (Array.isArray(raw) ? raw : raw ? [raw] : []) as Json[];
  return statements.map((s) => ({
    sid: s.Sid as string | undefined,
    effect: s.Effect === 'Deny' ? 'Deny' : 'Allow',
    actions: list(s.NotAction ?? s.Action),
    notAction: s.NotAction !== undefined,
    resources: list(s.NotResource ?? s.Resource),
    notResource: s.NotResource !== undefined,
    principals: principalList(s.Principal),
    conditions: Object.entries((s.Condition ?? {}) as Record<string, Record<string, unknown>>).flatMap(
      ([test, variables]) =>
        Object.entries(variables).map(([variable, values]) => ({ test, variable, values: list(values) })),
    ),
  }));
}

function principalList(principal: unknown): string[] {
  if (principal === undefined || principal === null) return [];
  if (typeof principal === 'string') return [principal];
  return Object.values(principal as Record<string, unknown>).flatMap(list);
}

function list(value: unknown): string[] {
  if (value === undefined || value === null) return [];
  return (Array.isArray(value) ? value : [value]).map(String);
}
