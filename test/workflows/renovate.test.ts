import * as fs from 'node:fs';
import * as path from 'node:path';

const ROOT = path.resolve(__dirname, '..', '..');

interface CustomManager {
  readonly managerFilePatterns: readonly string[];
  readonly matchStrings: readonly string[];
  readonly depNameTemplate: string;
}
interface RenovateConfig {
  readonly extends: readonly string[];
  readonly packageRules: readonly { matchPackageNames?: readonly string[] }[];
  readonly customManagers: readonly CustomManager[];
}

const config = JSON.parse(fs.readFileSync(path.join(ROOT, 'renovate.json'), 'utf8')) as RenovateConfig;
const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as {
  dependencies: Record<string, string>;
  devDependencies: Record<string, string>;
};

/** Repository files (relative, `/` separators) a manager's `/regex/` file patterns select. */
function filesOf(manager: CustomManager): string[] {
  const patterns = manager.managerFilePatterns.map((p) => new RegExp(p.slice(1, -1)));
  const files = ['.github/workflows', 'scripts'].flatMap((dir) =>
    fs.readdirSync(path.join(ROOT, dir)).map((name) => `${dir}/${name}`),
  );
  return files.filter((file) => patterns.some((p) => p.test(file)));
}

/** Every version a manager extracts from a file. */
function versionsIn(manager: CustomManager, file: string): string[] {
  const text = fs.readFileSync(path.join(ROOT, file), 'utf8');
  return manager.matchStrings.flatMap((s) => [...text.matchAll(new RegExp(s, 'g'))].map((m) => m.groups!.currentValue));
}

const manager = (depName: string): CustomManager => config.customManagers.find((m) => m.depNameTemplate === depName)!;

describe('renovate.json', () => {
  it('pins GitHub Actions by digest with the version in a comment', () => {
    expect(config.extends).toContain('helpers:pinGitHubActionDigestsToSemver');
  });

  it('finds the Terraform version in every workflow that writes one', () => {
    const writing = fs
      .readdirSync(path.join(ROOT, '.github/workflows'))
      .map((name) => `.github/workflows/${name}`)
      .filter((file) => fs.readFileSync(path.join(ROOT, file), 'utf8').includes('TERRAFORM_VERSION:'));
    expect(writing.length).toBeGreaterThan(0);
    for (const file of writing) {
      expect(filesOf(manager('hashicorp/terraform'))).toContain(file);
      expect(versionsIn(manager('hashicorp/terraform'), file)).toEqual([expect.stringMatching(/^\d+\.\d+\.\d+$/)]);
    }
  });

  it('finds the actionlint version the install script builds', () => {
    const script = fs.readFileSync(path.join(ROOT, 'scripts/ensure-actionlint.sh'), 'utf8');
    const written = /^version=(v\S+)$/m.exec(script)![1];
    expect(versionsIn(manager('rhysd/actionlint'), 'scripts/ensure-actionlint.sh')).toEqual([written]);
  });

  it('has rules only for packages the project depends on', () => {
    const dependencies = new Set([...Object.keys(pkg.dependencies), ...Object.keys(pkg.devDependencies)]);
    const named = config.packageRules.flatMap((rule) => rule.matchPackageNames ?? []).filter((n) => !n.includes('*'));
    expect(named.filter((name) => !dependencies.has(name))).toEqual([]);
  });
});
