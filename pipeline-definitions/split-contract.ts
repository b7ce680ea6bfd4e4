/**
 * The one definition of what the orchestrator hands the EMR split step. Step Functions and Data Pipeline
 * renderings build the step's arguments here, so they cannot drift from `emr/split_chunks.py`'s argparse.
 */

/** Where the job lives in the artifacts bucket, relative to its root. */
export const SPLIT_JOB_KEY = 'emr/split_chunks.py';

/** Name of the Redshift COPY manifest the job writes last, beside the chunks, only on success. */
export const MANIFEST_NAME = 'manifest.json';

/** The environment's chunking settings (same field names as the typed config's `chunking`). */
export interface Chunking {
  /** Chunk count is a multiple of this: the Redshift slice count. */
  readonly sliceMultiple: number;
  /** Largest uncompressed chunk in MiB; the count is derived from it and rounded up to `sliceMultiple`. */
  readonly targetSizeMb: number;
}

export interface SplitStep {
  /** `s3://…` of the uploaded job script (artifacts bucket + SPLIT_JOB_KEY). */
  readonly scriptUri: string;
  /** The large log object to split (plain, .gz or .bz2). */
  readonly inputUri: string;
  /** Prefix for part-00000.gz… and manifest.json; must not exist yet (one prefix per run). */
  readonly outputUri: string;
  readonly chunking: Chunking;
}

/** Arguments of the EMR step (`command-runner.jar`): gzip chunks, as Redshift COPY loads them with GZIP. */
export function splitStepArgs(step: SplitStep): string[] {
  return [
    'spark-submit',
    '--deploy-mode',
    'cluster',
    step.scriptUri,
    '--input',
    step.inputUri,
    '--output',
    step.outputUri,
    '--chunk-size',
    `${step.chunking.targetSizeMb}MiB`,
    '--slices',
    String(step.chunking.sliceMultiple),
    '--gzip',
  ];
}

/** Where a run puts the chunks of one input object: `<chunks root>/<run id>/<object file name>/`. */
export function splitOutputUri(chunksRoot: string, runId: string, inputUri: string): string {
  const name = inputUri
    .split('/')
    .pop()!
    .replace(/\.(gz|bz2)$/, '');
  return `${chunksRoot.replace(/\/+$/, '')}/${runId}/${name}/`;
}

/** The manifest the COPY step reads for that output. */
export function manifestUri(outputUri: string): string {
  return `${outputUri.replace(/\/+$/, '')}/${MANIFEST_NAME}`;
}
