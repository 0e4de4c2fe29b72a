// Kubernetes resource quantities (apimachinery pkg/api/resource): one parser for the whole grammar,
// exact comparison. Grammar: an optional sign, a decimal number (`1`, `1.5`, `1.`, `.5`), then one
// suffix: binary Ki Mi Gi Ti Pi Ei, decimal n u m k M G T P E, or an exponent e/E with a signed
// integer. `K` is not a suffix. The API server reads exponents beyond int32 wrapped around, so only
// exponents of at most three digits are accepted here (schemas/patterns.ts QUANTITY says the same).

/** The exact value sign × digits × 10^exponent. */
export interface Quantity { negative: boolean; digits: bigint; exponent: number }

const DECIMAL_SUFFIXES: Record<string, number> = { n: -9, u: -6, m: -3, k: 3, M: 6, G: 9, T: 12, P: 15, E: 18 };
const BINARY_SUFFIXES: Record<string, bigint> = { Ki: 10n, Mi: 20n, Gi: 30n, Ti: 40n, Pi: 50n, Ei: 60n };
const EXPONENT = /^[eE][+-]?\d{1,3}$/;
const DIGITS = /^\d*/;
const UPPER_K = /^[+-]?(\d+\.?\d*|\.\d+)K$/;

const EXPLANATION = 'must be a Kubernetes quantity: a decimal number with an optional suffix (Ki Mi Gi Ti Pi Ei, n u m k M G T P E, or an exponent such as e3), for example 500m, 1.5Gi or 100k';

function scaled(negative: boolean, digits: bigint, exponent: number, suffix: string): Quantity | undefined {
  if (suffix === '') return { negative, digits, exponent };
  if (Object.hasOwn(DECIMAL_SUFFIXES, suffix)) return { negative, digits, exponent: exponent + DECIMAL_SUFFIXES[suffix]! };
  if (Object.hasOwn(BINARY_SUFFIXES, suffix)) return { negative, digits: digits << BINARY_SUFFIXES[suffix]!, exponent };
  if (EXPONENT.test(suffix)) return { negative, digits, exponent: exponent + Number(suffix.slice(1)) };
  return undefined;
}

/** The quantity, or `undefined` for text outside the grammar. */
export function readQuantity(text: string): Quantity | undefined {
  let rest = text;
  const negative = rest.startsWith('-');
  if (negative || rest.startsWith('+')) rest = rest.slice(1);
  const whole = DIGITS.exec(rest)![0];
  rest = rest.slice(whole.length);
  let fraction = '';
  if (rest.startsWith('.')) {
    fraction = DIGITS.exec(rest.slice(1))![0];
    rest = rest.slice(1 + fraction.length);
  }
  if (whole === '' && fraction === '') return undefined;
  return scaled(negative, BigInt(whole + fraction), -fraction.length, rest);
}

/** The reasons `text` is not a quantity; empty when it is one. */
export function quantityFormat(text: string): string[] {
  if (readQuantity(text) !== undefined) return [];
  if (UPPER_K.test(text)) return ['"K" is not a Kubernetes suffix: write k (1000) or Ki (1024)'];
  return [EXPLANATION];
}

/** Throws on text that is not a quantity. */
export function parseQuantity(text: string): Quantity {
  const quantity = readQuantity(text);
  if (quantity === undefined) throw new Error(`"${text}" is not a Kubernetes quantity`);
  return quantity;
}

function signed(quantity: Quantity, exponent: number): bigint {
  // Most pairs share their suffix, hence their exponent: no power of ten to compute.
  const magnitude = quantity.exponent === exponent ? quantity.digits : quantity.digits * 10n ** BigInt(quantity.exponent - exponent);
  return quantity.negative ? -magnitude : magnitude;
}

/** Both values as integers of the same power of ten. */
function commonScale(left: Quantity, right: Quantity): [bigint, bigint] {
  const exponent = Math.min(left.exponent, right.exponent);
  return [signed(left, exponent), signed(right, exponent)];
}

/** -1, 0 or 1, exactly (no floating point): `1Gi`, `1073741824` and `1.073741824G` are equal. */
export function compareQuantities(a: string, b: string): number {
  return compareValues(parseQuantity(a), parseQuantity(b));
}

/** compareQuantities for quantities already read. */
export function compareValues(a: Quantity, b: Quantity): number {
  const [left, right] = commonScale(a, b);
  return left === right ? 0 : left < right ? -1 : 1;
}

/** `value` is a whole multiple of `unit` (hugepages must be whole pages). */
export function isMultipleOf(value: string, unit: string): boolean {
  const [multiple, divisor] = commonScale(parseQuantity(value), parseQuantity(unit));
  return divisor !== 0n && multiple % divisor === 0n;
}

/** Zalando treats these as "no value" for CPU and memory. */
export function isEmptyQuantity(text: string | undefined): text is undefined {
  return text === undefined || text === '' || text === '0' || text === 'null';
}
