import { emptySummary, mergeSummaries } from '../summary/merge';
import type { Summary } from '../summary/types';

/** Summaries merged at a time: bounds memory to one merged summary and a few pending ones per thread. */
const BATCH = 64;

/** Merges per-object summaries as they arrive; merging is order-independent, so arrival order does not matter. */
export class SummaryMerger {
  private merged: Summary = emptySummary();
  private pending: Summary[] = [];

  add(summary: Summary): void {
    this.pending.push(summary);
    if (this.pending.length >= BATCH) this.flush();
  }

  result(): Summary {
    this.flush();
    return this.merged;
  }

  private flush(): void {
    if (this.pending.length === 0) return;
    this.merged = mergeSummaries(this.merged, ...this.pending);
    this.pending = [];
  }
}
