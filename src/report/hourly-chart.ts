import type { Counts } from '../summary/types';
import { plural } from './markdown-text';

/** Up to three days are drawn hour by hour; longer ranges are drawn day by day. */
const MAX_HOURLY_BARS = 72;
/** A quarter of a year of daily bars; older days are left out (and said so) to keep the chart readable. */
const MAX_DAILY_BARS = 92;
const HOUR_MS = 3_600_000;

interface Bar {
  readonly label: string;
  readonly value: number;
}

/**
 * Events per hour (`byHour` keys `YYYY-MM-DDTHH`, UTC) as a mermaid `xychart-beta` bar chart in a fenced block,
 * hours without events drawn as zero. Returns '' when there is nothing to draw.
 */
export function eventsPerHourChart(byHour: Counts): string {
  const hours = Object.entries(byHour)
    .map(([key, value]) => ({ time: Date.parse(`${key}:00:00Z`), value }))
    .filter((h) => Number.isFinite(h.time))
    .sort((a, b) => a.time - b.time);
  if (hours.length === 0) return '';
  const first = hours[0].time;
  const last = hours[hours.length - 1].time;
  const hourly = (last - first) / HOUR_MS + 1 <= MAX_HOURLY_BARS;
  const { bars, omitted } = hourly ? hourlyBars(hours, first, last) : dailyBars(hours);
  const max = Math.max(1, ...bars.map((b) => b.value));
  const title = hourly ? 'Events per hour (UTC)' : 'Events per day (UTC)';
  const lines = [
    '```mermaid',
    'xychart-beta',
    `    title "${title}"`,
    `    x-axis [${bars.map((b) => `"${b.label}"`).join(', ')}]`,
    `    y-axis "Events" 0 --> ${max}`,
    `    bar [${bars.map((b) => b.value).join(', ')}]`,
    '```',
  ];
  if (omitted > 0) lines.push('', `_${plural(omitted, 'earlier day')} with events not drawn._`);
  return lines.join('\n');
}

function hourlyBars(hours: readonly { time: number; value: number }[], first: number, last: number) {
  const values = new Map(hours.map((h) => [h.time, h.value]));
  const oneDay = new Date(first).toISOString().slice(0, 10) === new Date(last).toISOString().slice(0, 10);
  const bars: Bar[] = [];
  for (let t = first; t <= last; t += HOUR_MS) {
    const iso = new Date(t).toISOString();
    bars.push({
      label: oneDay ? `${iso.slice(11, 13)}h` : `${iso.slice(5, 10)} ${iso.slice(11, 13)}h`,
      value: values.get(t) ?? 0,
    });
  }
  return { bars, omitted: 0 };
}

function dailyBars(hours: readonly { time: number; value: number }[]) {
  const days = new Map<string, number>();
  for (const h of hours) {
    const day = new Date(h.time).toISOString().slice(0, 10);
    days.set(day, (days.get(day) ?? 0) + h.value);
  }
  const lastDay = Date.parse([...days.keys()].pop()!);
  const firstDay = Math.max(Date.parse(days.keys().next().value!), lastDay - (MAX_DAILY_BARS - 1) * 24 * HOUR_MS);
  const bars: Bar[] = [];
  for (let t = firstDay; t <= lastDay; t += 24 * HOUR_MS) {
    const day = new Date(t).toISOString().slice(0, 10);
    bars.push({ label: day.slice(5), value: days.get(day) ?? 0 });
  }
  const omitted = [...days.keys()].filter((d) => Date.parse(d) < firstDay).length;
  return { bars, omitted };
}
