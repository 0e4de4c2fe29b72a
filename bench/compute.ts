// Part 2: the sync function alone, per call, and how its cost grows with the manifest and the
// observed children.
import type { SyncRequest } from '../schemas/hook.js';
import { sync } from '../hooks/sync.js';
import { inputs } from '../test/support.js';
import { fixtureRequest, withObservedSecrets, withPreparedDatabases, withUsers } from './requests.js';
import { median, quantile } from './stats.js';

/** Wall time per call (median, p99) and CPU time per call (mean: it does not count waiting for a busy CPU). */
export interface Timing { medianUs: number; p99Us: number; cpuUs: number; calls: number }
export interface GrowthStep { size: number; medianUs: number; p99Us: number; cpuUs: number; growth?: number }
export interface ComputeFigures {
  /** Calls made before any timing, until V8 has optimised the hot code as a long-running replica has. */
  warmUpCalls: number;
  minimal: Timing;
  complete: Timing;
  growth: { users: GrowthStep[]; preparedDatabases: GrowthStep[]; observedSecrets: GrowthStep[] };
}

/** µs per call after a warm-up, for at most `calls` calls or `budgetMs` of calls, whichever ends first. */
export function timeCalls(request: SyncRequest, calls: number, budgetMs: number): Timing {
  const hookInputs = inputs();
  const warmUpEnd = Date.now() + budgetMs / 4;
  for (let i = 0; i < 200 && Date.now() < warmUpEnd; i += 1) sync(request, hookInputs);
  const times: number[] = [];
  const end = Date.now() + budgetMs;
  const cpu = process.cpuUsage();
  while (times.length < calls && (times.length < 20 || Date.now() < end)) {
    const start = process.hrtime.bigint();
    sync(request, hookInputs);
    times.push(Number(process.hrtime.bigint() - start) / 1e3);
  }
  const { user, system } = process.cpuUsage(cpu);
  return { medianUs: Math.round(median(times)), p99Us: Math.round(quantile(times, 0.99)), cpuUs: Math.round((user + system) / times.length), calls: times.length };
}

/**
 * Alternates the examples for `ms`: the first thousands of calls run in V8's baseline tiers and cost up to twice
 * as much as later ones (measured: medians fall from about 1,000 to 650 µs after some 2,000 calls of the complete
 * example), and a replica serving a fleet runs optimised code nearly all its life.
 */
function warmUp(requests: SyncRequest[], ms: number): number {
  const hookInputs = inputs();
  const end = Date.now() + ms;
  let calls = 0;
  while (Date.now() < end) for (const request of requests) { sync(request, hookInputs); calls += 1; }
  return calls;
}

function growth(sizes: number[], build: (size: number) => SyncRequest): GrowthStep[] {
  const steps: GrowthStep[] = [];
  for (const size of sizes) {
    const { medianUs, p99Us, cpuUs } = timeCalls(build(size), 500, 2_000);
    const previous = steps.at(-1);
    steps.push({ size, medianUs, p99Us, cpuUs, ...(previous ? { growth: Math.round((cpuUs / previous.cpuUs) * 10) / 10 } : {}) });
  }
  return steps;
}

export function computeFigures(): ComputeFigures {
  const minimal = fixtureRequest('minimal');
  const complete = fixtureRequest('complete');
  return {
    warmUpCalls: warmUp([minimal, complete], 5_000),
    minimal: timeCalls(minimal, 3_000, 4_000),
    complete: timeCalls(complete, 3_000, 4_000),
    growth: {
      users: growth([10, 100, 1_000], withUsers),
      preparedDatabases: growth([1, 10, 100], withPreparedDatabases),
      observedSecrets: growth([1, 10, 100], withObservedSecrets),
    },
  };
}

export function describeCompute(f: ComputeFigures): string[] {
  const steps = (list: GrowthStep[]) => list.map((s) => `${s.size}: ${s.medianUs} µs (p99 ${s.p99Us}, CPU ${s.cpuUs})${s.growth ? ` ×${s.growth}` : ''}`).join(', ');
  const timing = (t: Timing) => `${t.medianUs} µs median, p99 ${t.p99Us} µs, CPU ${t.cpuUs} µs (${t.calls} calls)`;
  return [
    `sync() per call, steady state, after ${f.warmUpCalls} warm-up calls: minimal ${timing(f.minimal)}; complete ${timing(f.complete)}`,
    `  growth (wall median, p99 and CPU per call; ×factor of CPU per step): users ${steps(f.growth.users)}`,
    `  prepared databases of 2 schemas: ${steps(f.growth.preparedDatabases)}`,
    `  observed Secrets besides the declared ones: ${steps(f.growth.observedSecrets)}`,
  ];
}
