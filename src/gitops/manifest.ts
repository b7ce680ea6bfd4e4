import * as fs from 'node:fs';
import * as path from 'node:path';

/** One stack of the synthesized app, as the workflows need it. */
export interface ManifestStack {
  /** `<env>-<stack>`, e.g. `dev-log-archive`. */
  readonly stack: string;
  /** The environment the stack belongs to: the id up to the first `-`; also the GitHub environment name. */
  readonly environment: string;
  /** Folder holding `cdk.tf.json`, where `terraform` runs. */
  readonly directory: string;
}

interface RawManifest {
  readonly stacks?: Record<string, { readonly workingDirectory?: unknown; readonly dependencies?: unknown }>;
}

/**
 * The stacks of `cdktf.out/manifest.json` in apply order: every stack after the stacks it depends on,
 * environments in the order they first appear, stacks of one environment by dependency then by id.
 * Throws with a clear message on a missing file, a broken manifest, unknown dependencies or a cycle.
 */
export function readManifest(manifestPath: string): ManifestStack[] {
  let raw: RawManifest;
  try {
    raw = JSON.parse(fs.readFileSync(manifestPath, 'utf8')) as RawManifest;
  } catch (error) {
    throw new Error(`${manifestPath}: ${(error as Error).message} (run \`npm run synth\` first)`);
  }
  const stacks = raw?.stacks;
  if (stacks === null || typeof stacks !== 'object') throw new Error(`${manifestPath}: no "stacks" object`);
  const root = path.dirname(manifestPath);
  const ids = Object.keys(stacks).sort();
  const dependencies = new Map<string, string[]>();
  for (const id of ids) {
    const deps = stacks[id].dependencies ?? [];
    if (!Array.isArray(deps) || deps.some((d) => typeof d !== 'string' || !(d in stacks))) {
      throw new Error(`${manifestPath}: stack "${id}" depends on a stack that is not in the manifest`);
    }
    dependencies.set(id, deps as string[]);
  }
  const ordered: string[] = [];
  const visiting = new Set<string>();
  const visit = (id: string): void => {
    if (ordered.includes(id)) return;
    if (visiting.has(id)) throw new Error(`${manifestPath}: stack dependencies form a cycle through "${id}"`);
    visiting.add(id);
    for (const dep of [...dependencies.get(id)!].sort()) visit(dep);
    visiting.delete(id);
    ordered.push(id);
  };
  ids.forEach(visit);
  return ordered.map((id) => {
    const dir = stacks[id].workingDirectory;
    return {
      stack: id,
      environment: id.split('-')[0],
      directory: path.join(root, typeof dir === 'string' ? dir : path.join('stacks', id)),
    };
  });
}

/** The environments in apply order (the order their first stack appears). */
export function environmentsOf(stacks: readonly ManifestStack[]): string[] {
  return [...new Set(stacks.map((s) => s.environment))];
}
