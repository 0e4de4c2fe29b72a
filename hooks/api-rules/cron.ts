// CronJob `spec.schedule` as the API server accepts it on create: robfig/cron v3 `ParseStandard`
// (five fields or a descriptor, kubernetes pkg/apis/batch/validation validateScheduleFormat) and no
// `TZ` anywhere in the text (time zones belong in `spec.timeZone`).
import { GO_SPACE_CLASS } from './identifiers.js';

interface Bounds { field: string; min: number; max: number; names?: Map<string, number> }

const MONTH_NAMES = new Map(['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'].map((name, i) => [name, i + 1]));
const WEEKDAY_NAMES = new Map(['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'].map((name, i) => [name, i]));

const FIELDS: Bounds[] = [
  { field: 'minute', min: 0, max: 59 },
  { field: 'hour', min: 0, max: 23 },
  { field: 'day of month', min: 1, max: 31 },
  { field: 'month', min: 1, max: 12, names: MONTH_NAMES },
  { field: 'day of week', min: 0, max: 6, names: WEEKDAY_NAMES },
];

const DESCRIPTORS = new Set(['@yearly', '@annually', '@monthly', '@weekly', '@daily', '@midnight', '@hourly']);
const EVERY = '@every ';

const GO_SPACE = new RegExp(`${GO_SPACE_CLASS}+`);
/** strconv.Atoi in base 10: an optional sign and at least one digit. */
const GO_INT = /^[+-]?\d+$/;
const INT64_MAX = 2n ** 63n - 1n;

class ScheduleError extends Error {}

/** A non-negative int64 as strconv.Atoi reads it, or the reason it is refused. */
function parseInt64(text: string): bigint {
  if (!GO_INT.test(text)) throw new ScheduleError(`"${text}" is not a number`);
  const value = BigInt(text);
  if (value > INT64_MAX || value < -INT64_MAX - 1n) throw new ScheduleError(`"${text}" is out of range`);
  if (value < 0n) throw new ScheduleError(`negative number ${text} is not allowed`);
  return value;
}

function parseIntOrName(text: string, bounds: Bounds): bigint {
  const named = bounds.names?.get(text.toLowerCase());
  return named === undefined ? parseInt64(text) : BigInt(named);
}

function checkRange(expression: string, bounds: Bounds): void {
  const rangeAndStep = expression.split('/');
  const lowAndHigh = rangeAndStep[0]!.split('-');
  let start: bigint;
  let end: bigint;
  // The parser ignores whatever follows "*-" or "?-".
  if (lowAndHigh[0] === '*' || lowAndHigh[0] === '?') {
    start = BigInt(bounds.min);
    end = BigInt(bounds.max);
  } else {
    if (lowAndHigh.length > 2) throw new ScheduleError(`too many hyphens in "${expression}"`);
    start = parseIntOrName(lowAndHigh[0]!, bounds);
    end = lowAndHigh.length === 2 ? parseIntOrName(lowAndHigh[1]!, bounds) : start;
  }
  let step = 1n;
  if (rangeAndStep.length > 2) throw new ScheduleError(`too many slashes in "${expression}"`);
  if (rangeAndStep.length === 2) {
    step = parseInt64(rangeAndStep[1]!);
    if (lowAndHigh.length === 1) end = BigInt(bounds.max);
  }
  if (start < bounds.min) throw new ScheduleError(`${bounds.field} ${start} is below the minimum ${bounds.min}`);
  if (end > bounds.max) throw new ScheduleError(`${bounds.field} ${end} is above the maximum ${bounds.max}`);
  if (start > end) throw new ScheduleError(`${bounds.field} range "${expression}" starts after it ends`);
  if (step === 0n) throw new ScheduleError(`${bounds.field} step in "${expression}" must be positive`);
}

function checkField(text: string, bounds: Bounds): void {
  // strings.FieldsFunc drops empty list elements, so "1,,2" and even "," parse.
  for (const expression of text.split(',')) if (expression !== '') checkRange(expression, bounds);
}

const DURATION_UNITS: Record<string, bigint> = {
  ns: 1n, us: 1_000n, 'µs': 1_000n, 'μs': 1_000n, ms: 1_000_000n, s: 1_000_000_000n, m: 60_000_000_000n, h: 3_600_000_000_000n,
};
const DURATION_PART = /^(\d*)(?:\.(\d*))?([^\d.]+)/;
const TWO_TO_63 = 2n ** 63n;

/** The digits of a fraction as Go's leadingFraction keeps them: it stops before the value would overflow. */
function leadingFraction(digits: string): { value: bigint; scale: number } {
  let value = 0n;
  let scale = 1;
  for (const digit of digits) {
    const next = value * 10n + BigInt(digit);
    if (value > INT64_MAX / 10n || next > TWO_TO_63) break;
    value = next;
    scale *= 10;
  }
  return { value, scale };
}

/** Go's time.ParseDuration: signed sequence of decimal numbers with units, total within int64 nanoseconds. */
function checkGoDuration(text: string): void {
  const invalid = new ScheduleError(`"${text}" is not a Go duration such as 1h30m`);
  const negative = text.startsWith('-');
  let rest = /^[+-]/.test(text) ? text.slice(1) : text;
  if (rest === '0') return;
  if (rest === '') throw invalid;
  let total = 0n;
  while (rest !== '') {
    const match = DURATION_PART.exec(rest);
    if (!match || (match[1] === '' && (match[2] ?? '') === '')) throw invalid;
    const [whole, integer, fraction, unitName] = match;
    const unit = DURATION_UNITS[unitName!];
    if (unit === undefined) throw invalid;
    let value = BigInt(integer || '0');
    if (value > TWO_TO_63 / unit) throw invalid;
    value *= unit;
    const { value: f, scale } = leadingFraction(fraction ?? '');
    // Go adds the fraction in float64 arithmetic, truncated.
    if (f > 0n) value += BigInt(Math.trunc(Number(f) * (Number(unit) / scale)));
    total += value;
    if (value > TWO_TO_63 || total > TWO_TO_63) throw invalid;
    rest = rest.slice(whole.length);
  }
  if (!negative && total > INT64_MAX) throw invalid;
}

function checkSchedule(schedule: string): void {
  if (schedule === '') throw new ScheduleError('must not be empty');
  if (schedule.startsWith('@')) {
    if (DESCRIPTORS.has(schedule)) return;
    if (schedule.startsWith(EVERY)) return checkGoDuration(schedule.slice(EVERY.length));
    throw new ScheduleError(`unknown descriptor "${schedule}" (use @yearly, @annually, @monthly, @weekly, @daily, @midnight, @hourly or @every <duration>)`);
  }
  const fields = schedule.split(GO_SPACE).filter((field) => field !== '');
  if (fields.length !== FIELDS.length) throw new ScheduleError(`must have exactly 5 fields (minute hour day-of-month month day-of-week), found ${fields.length}`);
  fields.forEach((field, index) => checkField(field, FIELDS[index]!));
}

/** The reasons the API server refuses `schedule` as a new CronJob's spec.schedule; empty when it accepts it. */
export function cronSchedule(schedule: string): string[] {
  if (schedule.includes('TZ')) return ['must not contain TZ or CRON_TZ: the CronJob time zone is not set from the schedule'];
  try {
    checkSchedule(schedule);
    return [];
  } catch (error) {
    if (error instanceof ScheduleError) return [error.message];
    throw error;
  }
}
