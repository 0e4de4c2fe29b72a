// How Patroni 4.0.4 (the version Spilo's Dockerfile installs, PATRONIVERSION) reads numbers and
// booleans in its configuration: patroni/utils.py `strtol`, `strtod`, `parse_int`,
// `convert_to_base_unit` and `parse_bool`. The lint rules compare manifest values the way Patroni will.

const HEX = /^[-+]?0x[0-9a-fA-F]+/;
const OCTAL = /^[-+]?0[0-7]*/;
const DECIMAL = /^[-+]?(0|[1-9][0-9]*)/;
const REAL = /^[-+]?[0-9]*\.?[0-9]+([eE][-+]?[0-9]+)?/;

/** Memory units Patroni converts between, largest first (the order its rounding follows). */
const MEMORY_UNITS: Array<[string, number]> = [['TB', 1024 ** 4], ['GB', 1024 ** 3], ['MB', 1024 ** 2], ['kB', 1024], ['B', 1]];

export type MemoryBaseUnit = 'B' | 'kB' | 'MB';

/** Python's round(): halves go to the even neighbour. */
function roundHalfEven(value: number): number {
  const floor = Math.floor(value);
  const fraction = value - floor;
  if (fraction !== 0.5) return Math.round(value);
  return floor % 2 === 0 ? floor : floor + 1;
}

function parseSignedInteger(text: string, radix: number): number {
  const negative = text.startsWith('-');
  const digits = text.replace(/^[-+]/, '').replace(/^0x/, '');
  const magnitude = digits === '' ? 0 : parseInt(digits, radix);
  return negative ? -magnitude : magnitude;
}

/** strtol(3) with base 0: the integer at the start of `text` and the rest, or undefined. */
function leadingInteger(text: string): { value: number | undefined; rest: string } {
  for (const [pattern, radix] of [[HEX, 16], [OCTAL, 8], [DECIMAL, 10]] as const) {
    const match = pattern.exec(text);
    if (match) return { value: parseSignedInteger(match[0], radix), rest: text.slice(match[0].length) };
  }
  return { value: undefined, rest: text };
}

function leadingReal(text: string): { value: number | undefined; rest: string } {
  const match = REAL.exec(text);
  return match ? { value: Number(match[0]), rest: text.slice(match[0].length) } : { value: undefined, rest: text };
}

/** `convert_to_base_unit` for memory units: rounded to the next smaller unit, as Patroni does. */
function toBaseUnit(value: number, unit: string, baseUnit: MemoryBaseUnit): number | undefined {
  const index = MEMORY_UNITS.findIndex(([name]) => name === unit);
  const base = MEMORY_UNITS.find(([name]) => name === baseUnit);
  if (index < 0 || !base) return undefined;
  const converted = (value * (MEMORY_UNITS[index]![1])) / base[1];
  const smaller = MEMORY_UNITS[index + 1];
  if (!smaller) return converted;
  const multiplier = smaller[1] / base[1];
  return roundHalfEven(converted / multiplier) * multiplier;
}

/** Patroni's `parse_int`: an integer, optionally with a memory unit when `baseUnit` is given. */
export function patroniInteger(raw: string, baseUnit?: MemoryBaseUnit): number | undefined {
  const text = raw.trim();
  let { value, rest } = leadingInteger(text);
  if ((value === undefined && rest.startsWith('.')) || ['.', 'e', 'E'].includes(rest[0] ?? '')) ({ value, rest } = leadingReal(text));
  if (value === undefined) return undefined;
  const unit = rest.trim();
  if (unit === '') return roundHalfEven(value);
  if (!baseUnit) return undefined;
  const converted = toBaseUnit(value, unit, baseUnit);
  return converted === undefined ? undefined : roundHalfEven(converted);
}

/** Patroni's `parse_bool`: true, false, or undefined for anything else. */
export function patroniBoolean(raw: string): boolean | undefined {
  const text = raw.toLowerCase();
  if (['on', 'true', 'yes', '1'].includes(text)) return true;
  if (['off', 'false', 'no', '0'].includes(text)) return false;
  return undefined;
}
