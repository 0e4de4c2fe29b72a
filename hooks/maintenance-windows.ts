// Maintenance windows as Zalando's operator reads them (pkg/apis/acid.zalan.do/v1 marshal.go
// MaintenanceWindow.UnmarshalJSON, util.go parseTime/parseWeekday; pkg/cluster/util.go
// isInMaintenanceWindow): `Sat:22:00-23:59` on one weekday, `01:00-06:00` every day, UTC. A window
// holds from its start minute through its end minute (Zalando compares `HH:MM` strings, both ends
// inclusive); the end may not be before the start, so no window wraps past midnight. The manifest's
// windows replace the configured ones; none at all, or `enable_maintenance_windows: false`, means always.
import type { OperatorConfig } from '../schemas/config.js';

export interface MaintenanceWindow {
  /** 0 (Sunday) to 6; absent: every day. */
  weekday?: number;
  /** Minutes after midnight UTC. */
  start: number;
  end: number;
}

const WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'] as const;
const MINUTE_MS = 60_000;
const DAY_MINUTES = 24 * 60;
const WEEK_MS = 7 * DAY_MINUTES * MINUTE_MS;

/** Go's `time.Parse("15:04", …)`: an hour of one or two digits below 24, a minute of exactly two below 60. */
function parseTime(what: string, text: string): number | string {
  const match = /^(\d{1,2}):(\d{2})$/.exec(text);
  if (!match) return `the ${what} "${text}" is not a time H:MM or HH:MM`;
  const [hour, minute] = [Number(match[1]), Number(match[2])];
  if (hour > 23 || minute > 59) return `the ${what} "${text}" is not a time of day`;
  return hour * 60 + minute;
}

const SHAPE = 'not a window such as "Sat:22:00-23:59" or "01:00-06:00"';

/** The window, or why Zalando's operator refuses the text. */
export function parseWindow(text: string): MaintenanceWindow | string {
  const parts = text.split('-');
  if (parts.length !== 2) return SHAPE;
  const from = parts[0]!.split(':');
  let weekday: number | undefined;
  if (from.length === 3) {
    weekday = WEEKDAYS.indexOf(from[0] as (typeof WEEKDAYS)[number]);
    if (weekday < 0) return `"${from[0]}" is not a weekday (${WEEKDAYS.join(', ')})`;
  } else if (from.length !== 2) return SHAPE;
  const start = parseTime('start', from.slice(-2).join(':'));
  if (typeof start === 'string') return start;
  const end = parseTime('end', parts[1]!);
  if (typeof end === 'string') return end;
  if (end < start) return 'the end is before the start (a window does not wrap past midnight: split it in two)';
  return { ...(weekday === undefined ? {} : { weekday }), start, end };
}

export interface WindowProblem { index: number; text: string; reason: string }

export function parseWindows(texts: readonly string[]): { windows: MaintenanceWindow[]; problems: WindowProblem[] } {
  const windows: MaintenanceWindow[] = [];
  const problems: WindowProblem[] = [];
  texts.forEach((text, index) => {
    const parsed = parseWindow(text);
    if (typeof parsed === 'string') problems.push({ index, text, reason: parsed });
    else windows.push(parsed);
  });
  return { windows, problems };
}

const pad = (n: number) => String(n).padStart(2, '0');
const clock = (minutes: number) => `${pad(Math.floor(minutes / 60))}:${pad(minutes % 60)}`;

export function formatWindow(window: MaintenanceWindow): string {
  const day = window.weekday === undefined ? '' : `${WEEKDAYS[window.weekday]}:`;
  return `${day}${clock(window.start)}-${clock(window.end)}`;
}

/**
 * The windows that apply to a cluster: the manifest's when it has any, else the configured ones; `always`
 * when there are none or the feature is off. Unparsable texts were refused before (manifest validation,
 * configuration loading), so here they are left out.
 */
export function applicableWindows(manifest: readonly string[] | undefined, config: Pick<OperatorConfig, 'enable_maintenance_windows' | 'maintenance_windows'>): MaintenanceWindow[] | 'always' {
  if (!config.enable_maintenance_windows) return 'always';
  const texts = manifest && manifest.length > 0 ? manifest : config.maintenance_windows;
  return texts.length === 0 ? 'always' : parseWindows(texts).windows;
}

/** Milliseconds since Sunday 00:00 UTC of `now`'s week. */
function weekOffset(now: Date): number {
  return now.getTime() - Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() - now.getUTCDay());
}

function applies(window: MaintenanceWindow, day: number): boolean {
  return window.weekday === undefined || window.weekday === day;
}

export function inWindow(now: Date, windows: readonly MaintenanceWindow[] | 'always'): boolean {
  if (windows === 'always') return true;
  const minute = now.getUTCHours() * 60 + now.getUTCMinutes();
  return windows.some((w) => applies(w, now.getUTCDay()) && w.start <= minute && minute <= w.end);
}

/** When the next window opens after `now` (a window open now counts from its next start); undefined without windows. */
export function nextWindowStart(now: Date, windows: readonly MaintenanceWindow[]): Date | undefined {
  const offset = weekOffset(now);
  let soonest: number | undefined;
  for (const window of windows) {
    for (let day = 0; day < 7; day++) {
      if (!applies(window, day)) continue;
      const start = (day * DAY_MINUTES + window.start) * MINUTE_MS;
      const wait = (((start - offset) % WEEK_MS) + WEEK_MS) % WEEK_MS || WEEK_MS;
      if (soonest === undefined || wait < soonest) soonest = wait;
    }
  }
  return soonest === undefined ? undefined : new Date(now.getTime() + soonest);
}

/**
 * When the windows holding `now` stop holding (windows that meet or overlap carry on into each other);
 * undefined outside every window. A due upgrade is started only inside one, so an answer computed inside
 * changes at this instant.
 */
export function windowEnd(now: Date, windows: readonly MaintenanceWindow[]): Date | undefined {
  let at = now;
  // Each step moves to the end of a window, at least a minute on; a week of windows ends within 7 * 24 * 60 steps.
  for (let step = 0; step <= 7 * DAY_MINUTES; step++) {
    const minute = at.getUTCHours() * 60 + at.getUTCMinutes();
    const holding = windows.filter((w) => applies(w, at.getUTCDay()) && w.start <= minute && minute <= w.end);
    if (holding.length === 0) return step === 0 ? undefined : at;
    const midnight = Date.UTC(at.getUTCFullYear(), at.getUTCMonth(), at.getUTCDate());
    at = new Date(midnight + (Math.max(...holding.map((w) => w.end)) + 1) * MINUTE_MS);
  }
  return undefined;
}

/** Whole seconds to wait for the next window to open (at least 1), for `resyncAfterSeconds`. */
export function secondsUntil(next: Date, now: Date): number {
  return Math.max(1, Math.ceil((next.getTime() - now.getTime()) / 1000));
}
