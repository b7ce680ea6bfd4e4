export { isUnreadable, stackName, summarizePlan } from './plan';
export type { ChangeKind, PlanReport, ResourceChangeSummary, StackPlan, UnreadablePlan } from './plan';
export { PLAN_COMMENT_MARKER, PLAN_SUMMARY_LIMITS, renderPlanMarkdown } from './markdown';
export type { PlanMarkdownOptions, PlanSummaryLimit } from './markdown';
export { readPlans } from './read-plans';
