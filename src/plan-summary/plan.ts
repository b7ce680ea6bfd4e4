import * as path from 'node:path';

/** What one resource change becomes in the report. `replace` is delete-and-create in either order. */
export type ChangeKind = 'create' | 'update' | 'replace' | 'delete' | 'read' | 'move' | 'import' | 'no-op';

export interface ResourceChangeSummary {
  readonly address: string;
  readonly kind: ChangeKind;
  /** Why Terraform replaces or deletes it (`replace_because_tainted`, `delete_because_no_resource_config`, …). */
  readonly reason?: string;
  /** The address before a `moved` block, when the resource moved. */
  readonly previousAddress?: string;
  /**
   * Why only the break-glass role can apply this change: the key policies deny `kms:PutKeyPolicy` to everyone
   * else, so an apply of a changed `aws_kms_key` policy with the apply role fails with AccessDenied.
   */
  readonly needsBreakGlass?: string;
}

/** One stack's plan, reduced to what reviewers need. */
export interface StackPlan {
  readonly stack: string;
  readonly file: string;
  readonly terraformVersion?: string;
  readonly counts: Record<'add' | 'change' | 'replace' | 'destroy' | 'read' | 'move' | 'import', number>;
  /** Every change except no-ops, destroyed and replaced resources first. */
  readonly changes: readonly ResourceChangeSummary[];
  /** Resources changed outside Terraform since the last apply (`resource_drift`). */
  readonly drifted: readonly string[];
  /** The plan ran into errors and is incomplete. */
  readonly errored: boolean;
}

/** A plan file that could not be read: reported next to the other stacks, never dropped. */
export interface UnreadablePlan {
  readonly stack: string;
  readonly file: string;
  readonly error: string;
}

export type PlanReport = StackPlan | UnreadablePlan;

export function isUnreadable(report: PlanReport): report is UnreadablePlan {
  return 'error' in report;
}

interface RawResourceChange {
  readonly address?: unknown;
  readonly type?: unknown;
  readonly previous_address?: unknown;
  readonly action_reason?: unknown;
  readonly change?: {
    readonly actions?: unknown;
    readonly importing?: unknown;
    readonly before?: unknown;
    readonly after?: unknown;
    readonly after_unknown?: unknown;
  };
}

const KIND_ORDER: readonly ChangeKind[] = ['delete', 'replace', 'update', 'create', 'import', 'move', 'read', 'no-op'];

/**
 * Stack name of a plan file: `<stack>.plan.json` or `<stack>.json` names the stack; a file called `plan.json`
 * is named by its folder (`cdktf.out/stacks/<stack>/plan.json`).
 */
export function stackName(file: string): string {
  const base = path.basename(file);
  if (base === 'plan.json') return path.basename(path.dirname(file));
  return base.replace(/(\.plan)?\.json$/, '');
}

/** Reads one `terraform show -json <planfile>` document; throws an Error whose message says what is wrong. */
export function summarizePlan(file: string, text: string): StackPlan {
  let plan: Record<string, unknown>;
  try {
    plan = JSON.parse(text) as Record<string, unknown>;
  } catch (error) {
    throw new Error(`invalid JSON: ${withLine((error as Error).message, text)}`);
  }
  if (plan === null || typeof plan !== 'object' || Array.isArray(plan))
    throw new Error('not a plan: expected a JSON object');
  if (typeof plan.format_version !== 'string') throw new Error('not a plan: no "format_version"');
  if (!('planned_values' in plan) && !('resource_changes' in plan)) {
    throw new Error(
      'not a plan: no "planned_values" or "resource_changes" (is it `terraform show -json` of a state, not of a plan file?)',
    );
  }
  const rawChanges = plan.resource_changes ?? [];
  if (!Array.isArray(rawChanges)) throw new Error('not a plan: "resource_changes" is not a list');
  const changes = rawChanges.map((raw, index) => toChange(raw as RawResourceChange, index));
  const counts = { add: 0, change: 0, replace: 0, destroy: 0, read: 0, move: 0, import: 0 };
  const countOf: Partial<Record<ChangeKind, keyof typeof counts>> = {
    create: 'add',
    update: 'change',
    replace: 'replace',
    delete: 'destroy',
    read: 'read',
    move: 'move',
    import: 'import',
  };
  for (const c of changes) {
    const key = countOf[c.kind];
    if (key) counts[key] += 1;
  }
  const drift = Array.isArray(plan.resource_drift) ? (plan.resource_drift as RawResourceChange[]) : [];
  return {
    stack: stackName(file),
    file,
    terraformVersion: typeof plan.terraform_version === 'string' ? plan.terraform_version : undefined,
    counts,
    changes: changes
      .filter((c) => c.kind !== 'no-op')
      .sort((a, b) => KIND_ORDER.indexOf(a.kind) - KIND_ORDER.indexOf(b.kind) || (a.address < b.address ? -1 : 1)),
    drifted: drift.map((d) => String(d.address ?? '?')),
    errored: plan.errored === true,
  };
}

function toChange(raw: RawResourceChange, index: number): ResourceChangeSummary {
  if (typeof raw?.address !== 'string' || !Array.isArray(raw.change?.actions)) {
    throw new Error(`not a plan: resource_changes[${index}] has no address or actions`);
  }
  const actions = raw.change.actions as string[];
  const previousAddress = typeof raw.previous_address === 'string' ? raw.previous_address : undefined;
  const kind = kindOf(
    actions,
    previousAddress !== undefined,
    raw.change.importing !== undefined && raw.change.importing !== null,
  );
  const reason = typeof raw.action_reason === 'string' ? raw.action_reason : undefined;
  const needsBreakGlass = kind === 'update' && keyPolicyChanges(raw) ? 'the key policy changes' : undefined;
  return {
    address: raw.address,
    kind,
    ...(reason ? { reason } : {}),
    ...(previousAddress ? { previousAddress } : {}),
    ...(needsBreakGlass ? { needsBreakGlass } : {}),
  };
}

/** An `aws_kms_key` update whose `policy` differs (or is not known until apply). */
function keyPolicyChanges(raw: RawResourceChange): boolean {
  if (raw.type !== 'aws_kms_key') return false;
  const field = (value: unknown) =>
    value !== null && typeof value === 'object' ? (value as Record<string, unknown>).policy : undefined;
  return field(raw.change?.after_unknown) === true || field(raw.change?.before) !== field(raw.change?.after);
}

function kindOf(actions: readonly string[], moved: boolean, importing: boolean): ChangeKind {
  if (actions.includes('delete') && actions.includes('create')) return 'replace';
  if (actions.includes('delete') || actions.includes('forget')) return 'delete';
  if (actions.includes('create')) return 'create';
  if (actions.includes('update')) return 'update';
  if (actions.includes('read')) return 'read';
  if (importing) return 'import';
  if (moved) return 'move';
  return 'no-op';
}

/** Adds `line L column C` to a JSON.parse message that names a position, so people can find the spot. */
function withLine(message: string, text: string): string {
  const match = /position (\d+)/.exec(message);
  if (!match) return message;
  const before = text.slice(0, Number(match[1])).split('\n');
  return `${message} (line ${before.length} column ${before[before.length - 1].length + 1})`;
}
