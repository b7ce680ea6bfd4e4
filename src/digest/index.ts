export { digestRawLogs, digestSummaries } from './digest';
export type { DigestOptions, DigestProgress, DigestResult, DigestWindow } from './digest';
export { DEFAULT_DIGEST_LIMITS, DigestAccumulator } from './accumulator';
export type { AccumulatedDigest, DigestLimits } from './accumulator';
export { InvalidSummaryError, parseSummary } from './read-summary';
export { daysBetween, isSummaryKey, partitionOf, summaryKey } from './summary-keys';
export { digestMarkdown, digestJson } from './render';
export { resolveWindow } from './window';
export type { WindowOptions } from './window';
