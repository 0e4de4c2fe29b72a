// Runs the sync hook for the properties: as a function, or through the real HTTP app with its log
// captured, and checks children against the API server's rules. fast-check drives everything with a
// fixed seed; PROPS_SEED and PROPS_RUNS run it longer or differently.
import { objectProblems } from '../../hooks/api-rules/objects.js';
import { Writable } from 'node:stream';
import fc from 'fast-check';
import { pino } from 'pino';
import type { Test } from 'tap';
import { buildApp, type App } from '../../hooks/app.js';
import { seededRandom } from '../../hooks/random.js';
import { sync } from '../../hooks/sync.js';
import type { OperatorConfig } from '../../schemas/config.js';
import type { KubeObject, SyncRequest, SyncResponse } from '../../schemas/hook.js';
import { inputs, NOW, validateKube } from '../support.js';

export const SEED = Number(process.env.PROPS_SEED ?? 20261120);
export const RUNS = Number(process.env.PROPS_RUNS ?? 60);
/** Bounds generation plus shrinking of one property, so a failing property cannot stall CI. */
const TIME_LIMIT_MS = Number(process.env.PROPS_TIME_LIMIT_MS ?? 20_000);

/** A failed expectation inside a property: fast-check shrinks the input and reports this message. */
export function expect(condition: unknown, message: string | (() => string)): asserts condition {
  if (!condition) throw new Error(typeof message === 'string' ? message : message());
}

/** Runs a property as one tap test; a failure is reported with the shrunk counterexample, and the file goes on. */
export function property<T>(t: Test, name: string, arbitrary: fc.Arbitrary<T>, predicate: (value: T) => Promise<void> | void, runs = RUNS): void {
  t.test(name, async (t) => {
    const details = await fc.check(fc.asyncProperty(arbitrary, async (value) => { await predicate(value); }), {
      seed: SEED, numRuns: runs, interruptAfterTimeLimit: TIME_LIMIT_MS,
    });
    if (details.failed) {
      t.fail(name, {
        diagnostic: true,
        error: (details.errorInstance as Error | undefined)?.message ?? String(details.errorInstance),
        counterexample: fc.stringify(details.counterexample?.[0]),
        replay: { seed: details.seed, path: details.counterexamplePath, shrinks: details.numShrinks },
      });
    }
    else t.pass(`${name}: ${details.numRuns} runs${details.interrupted ? ' (time limit reached)' : ''}`);
  });
}

export interface Answer {
  statusCode: number;
  body?: SyncResponse;
  /** The message of an exception or of a non-200 answer. */
  error?: string;
  /** Log lines written while answering (HTTP only). */
  logs: string[];
}

/** The sync hook called as a function; an exception is what the HTTP layer turns into a 500. */
export function answerDirectly(request: SyncRequest, config: Partial<OperatorConfig>, seed = 1): Answer {
  try {
    return { statusCode: 200, body: sync(request, inputs(config, seed)), logs: [] };
  } catch (error) {
    return { statusCode: 500, error: (error as Error).message, logs: [] };
  }
}

interface LoggedApp { built: App; lines: string[] }
const apps = new Map<string, LoggedApp>();

function appFor(config: Partial<OperatorConfig>): LoggedApp {
  const key = JSON.stringify(config);
  let entry = apps.get(key);
  if (!entry) {
    const lines: string[] = [];
    const stream = new Writable({ write(chunk, _encoding, done) { lines.push(String(chunk)); done(); } });
    const built = buildApp({ config: inputs(config).config, logger: pino({ level: 'debug' }, stream), clock: () => NOW, random: seededRandom(1) });
    entry = { built, lines };
    apps.set(key, entry);
  }
  return entry;
}

/** The sync hook through Fastify (`app.inject`), with the log lines of this call. */
export async function answerOverHttp(request: SyncRequest, config: Partial<OperatorConfig>): Promise<Answer> {
  const { built, lines } = appFor(config);
  const before = lines.length;
  const response = await built.app.inject({ method: 'POST', url: '/sync', payload: request });
  const logs = lines.slice(before);
  if (response.statusCode !== 200) return { statusCode: response.statusCode, error: response.body, logs };
  return { statusCode: 200, body: response.json() as SyncResponse, logs };
}

export function answer(request: SyncRequest, config: Partial<OperatorConfig>, viaHttp: boolean): Promise<Answer> | Answer {
  return viaHttp ? answerOverHttp(request, config) : answerDirectly(request, config);
}

export async function closeApps(): Promise<void> {
  await Promise.all([...apps.values()].map(({ built }) => built.app.close()));
  apps.clear();
}

/** A third of the runs go through HTTP. */
export const viaHttp = fc.oneof({ arbitrary: fc.constant(false), weight: 2 }, { arbitrary: fc.constant(true), weight: 1 });

// ---- the API server's rules ----

/** Every reason the API server would refuse `object`: its OpenAPI schema and the API-level rules. */
export function apiProblems(object: KubeObject): string[] {
  const problems: string[] = [];
  try {
    validateKube(object);
  } catch (error) {
    problems.push((error as Error).message);
  }
  for (const problem of objectProblems(object)) problems.push(`${problem.path}: ${problem.message}`);
  return problems;
}

// ---- children ----

export function childKey(child: KubeObject): string {
  return `${child.kind}/${child.metadata.name}`;
}

/** JSON as it travels (no undefined members), sorted by kind and name. */
export function canonical(children: KubeObject[]): KubeObject[] {
  return (JSON.parse(JSON.stringify(children)) as KubeObject[]).sort((a, b) => childKey(a).localeCompare(childKey(b)));
}

export function phaseOf(response: SyncResponse): string {
  return response.status.PostgresClusterStatus;
}

export function statusMessages(response: SyncResponse): string {
  return (response.status.conditions ?? []).map((c) => `${c.type}=${c.status} ${c.reason}: ${c.message}`).join(' | ');
}

export const FROZEN_PHASES = ['Invalid', 'SyncFailed'];
