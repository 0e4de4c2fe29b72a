// How long to wait between polls of something that takes a while (a pod being replaced): short waits
// first, growing to a ceiling, and a total that bounds the whole wait.

export interface BackoffPolicy {
  /** The first wait. */
  firstMs: number;
  /** Each wait is this many times the one before (≥ 1). */
  factor: number;
  /** No single wait is longer. */
  maxMs: number;
  /** The waits add up to exactly this: the last poll happens at the deadline. */
  totalMs: number;
}

/** The waits between polls, in order; the last one is shortened so that they add up to `totalMs`. */
export function backoffDelays(policy: BackoffPolicy): number[] {
  const { firstMs, factor, maxMs, totalMs } = policy;
  if (!(firstMs > 0) || !(factor >= 1) || !(maxMs >= firstMs) || !(totalMs >= 0)) {
    throw new RangeError(`invalid backoff policy ${JSON.stringify(policy)}`);
  }
  const delays: number[] = [];
  let next = firstMs;
  let elapsed = 0;
  while (elapsed < totalMs) {
    const wait = Math.min(next, maxMs, totalMs - elapsed);
    delays.push(wait);
    elapsed += wait;
    next = Math.min(next * factor, maxMs);
  }
  return delays;
}
