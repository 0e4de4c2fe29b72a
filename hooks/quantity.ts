// Kubernetes resource quantities, parsed just far enough to compare them.

const SUFFIX: Record<string, number> = {
  '': 1, n: 1e-9, u: 1e-6, m: 1e-3, k: 1e3, M: 1e6, G: 1e9, T: 1e12, P: 1e15, E: 1e18,
  Ki: 2 ** 10, Mi: 2 ** 20, Gi: 2 ** 30, Ti: 2 ** 40, Pi: 2 ** 50, Ei: 2 ** 60,
};
const QUANTITY = /^([+-]?(?:\d+(?:\.\d*)?|\.\d+))(?:[eE]([+-]?\d+))?(Ki|Mi|Gi|Ti|Pi|Ei|[numkMGTPE])?$/;

/** The value in base units (cores, bytes); throws on text that is not a quantity. */
export function parseQuantity(text: string): number {
  const match = QUANTITY.exec(text.trim());
  if (!match) throw new Error(`"${text}" is not a Kubernetes quantity`);
  const [, mantissa, exponent, suffix] = match;
  return Number(mantissa) * 10 ** Number(exponent ?? 0) * (SUFFIX[suffix ?? ''] ?? 1);
}

export function compareQuantities(a: string, b: string): number {
  return Math.sign(parseQuantity(a) - parseQuantity(b));
}

/** Zalando treats these as "no value" for CPU and memory. */
export function isEmptyQuantity(text: string | undefined): text is undefined {
  return text === undefined || text === '' || text === '0' || text === 'null';
}
