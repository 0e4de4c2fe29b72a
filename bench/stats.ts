// Order statistics of a list of measurements.

export function quantile(values: number[], q: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
}

export function median(values: number[]): number {
  return quantile(values, 0.5);
}
