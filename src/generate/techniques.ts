import reference from '../../reference/stratus-aws-techniques.json';

/** A technique documented by Stratus Red Team and the CloudTrail events (`service:EventName`) its detonation produces. */
export interface Technique {
  readonly technique: string;
  readonly title: string;
  readonly cloudtrailEvents: readonly string[];
}

export const TECHNIQUES: readonly Technique[] = (reference as { techniques: Technique[] }).techniques;

/** The techniques `--inject` names (`all` for every one); an unknown name throws listing where to look. */
export function techniquesNamed(names: readonly string[]): Technique[] {
  if (names.includes('all')) return [...TECHNIQUES];
  return names.map((name) => {
    const found = TECHNIQUES.find((t) => t.technique === name);
    if (!found) throw new Error(`unknown technique "${name}" (see reference/stratus-aws-techniques.json)`);
    return found;
  });
}
