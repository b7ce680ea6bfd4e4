export { renderSummaryMarkdown } from './markdown';
export type { SummaryMarkdownOptions, SummaryTotals } from './markdown';
export { eventsPerHourChart } from './hourly-chart';
