import fc from 'fast-check';
import t from 'tap';
import { backoffDelays, type BackoffPolicy } from './backoff.js';

t.test('grows by the factor to the ceiling, the last wait cut to meet the total', async (t) => {
  t.same(backoffDelays({ firstMs: 1_000, factor: 2, maxMs: 5_000, totalMs: 20_000 }), [1_000, 2_000, 4_000, 5_000, 5_000, 3_000]);
  t.same(backoffDelays({ firstMs: 500, factor: 1, maxMs: 500, totalMs: 1_500 }), [500, 500, 500]);
  t.same(backoffDelays({ firstMs: 1_000, factor: 2, maxMs: 5_000, totalMs: 300 }), [300], 'a total shorter than the first wait');
  t.same(backoffDelays({ firstMs: 1_000, factor: 2, maxMs: 5_000, totalMs: 0 }), [], 'no time: no wait, one poll only');
});

t.test('refuses a policy that never ends or shrinks', async (t) => {
  for (const policy of [
    { firstMs: 0, factor: 2, maxMs: 10, totalMs: 100 },
    { firstMs: 10, factor: 0.5, maxMs: 10, totalMs: 100 },
    { firstMs: 10, factor: 2, maxMs: 5, totalMs: 100 },
    { firstMs: 10, factor: 2, maxMs: 50, totalMs: Number.NaN },
  ]) t.throws(() => backoffDelays(policy), RangeError, JSON.stringify(policy));
});

t.test('property: positive waits, never above the ceiling, non-decreasing but for the last, summing to the total', async (t) => {
  const policies = fc.record({
    firstMs: fc.integer({ min: 100, max: 5_000 }),
    factor: fc.double({ min: 1, max: 4, noNaN: true }),
    extraMs: fc.integer({ min: 0, max: 60_000 }),
    totalMs: fc.integer({ min: 0, max: 3_600_000 }),
  }).map(({ extraMs, ...rest }): BackoffPolicy => ({ ...rest, maxMs: rest.firstMs + extraMs }));
  fc.assert(fc.property(policies, (policy) => {
    const delays = backoffDelays(policy);
    const sum = delays.reduce((a, b) => a + b, 0);
    if (Math.abs(sum - policy.totalMs) > 1e-6) return false;
    if (delays.some((d) => !(d > 0) || d > policy.maxMs)) return false;
    if (delays.length > 0 && delays[0] !== Math.min(policy.firstMs, policy.totalMs)) return false;
    return delays.slice(0, -1).every((d, i) => i === 0 || d >= delays[i - 1]!);
  }), { seed: 20261122, numRuns: 500 });
  t.pass('held for 500 policies');
});
