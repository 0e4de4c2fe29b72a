// Part 4: a minute of a fleet of 1,000 clusters as one hook replica sees it. Every cluster is resynced
// once (the CompositeController's 60 s resync) and some change: a pod restarts (the StatefulSet's status
// changes) or the manifest is edited (a sync for the edit, another once the children are applied).
import fc from 'fast-check';
import { loadManifest, manifestNames } from '../fixtures/requests.js';
import { sync } from '../hooks/sync.js';
import type { SyncRequest } from '../schemas/hook.js';
import { validManifest, type Manifest } from '../test/arbitraries/manifest.js';
import { cut } from '../test/arbitraries/kube.js';
import { fedBack, inputs, withSpecChange } from '../test/support.js';
import { imageCommand, rssMiB, runScript, servingProcess, startServer } from './processes.js';
import { steadyRequest } from './requests.js';

export const FLEET_SIZE = 1_000;
const FLEET_SEED = 14;
/** Per minute: clusters whose StatefulSet status changes, and clusters whose manifest is edited. */
const STATUS_CHANGES = 100;
const SPEC_CHANGES = 20;

export interface FleetEvent { atSeconds: number; body: string; kind: 'resync' | 'status' | 'spec' | 'applied' }

/** Every tenth cluster an example manifest, the others generated ones; each name used once per namespace. */
function fleetManifests(): Manifest[] {
  const examples = manifestNames().map((name) => loadManifest(name) as Manifest);
  const generated = fc.sample(validManifest, { seed: FLEET_SEED, numRuns: FLEET_SIZE });
  const used = new Set<string>();
  return Array.from({ length: FLEET_SIZE }, (_, i) => {
    const manifest = i % 10 === 0 ? examples[(i / 10) % examples.length]! : generated[i]!;
    const original = manifest.metadata.name;
    const namespace = manifest.metadata.namespace ?? 'default';
    // A renamed cluster is no longer than its original, so every name derived from it still fits.
    const suffix = `-${i}`;
    const name = used.has(`${namespace}/${original}`) ? `${cut(original, Math.max(1, original.length - suffix.length)) || 'c'}${suffix}` : original;
    used.add(`${namespace}/${name}`);
    return { ...manifest, metadata: { ...manifest.metadata, name, namespace } };
  });
}

/** A pod of the cluster restarted: one instance fewer ready. */
function withPodRestart(request: SyncRequest): SyncRequest {
  const statefulSets = Object.fromEntries(Object.entries(request.children['StatefulSet.apps/v1'] ?? {}).map(([key, set]) => {
    const status = (set as { status?: { readyReplicas?: number } }).status;
    return [key, { ...set, status: { ...status, readyReplicas: Math.max(0, (status?.readyReplicas ?? 1) - 1) } }];
  }));
  return { ...request, children: { ...request.children, 'StatefulSet.apps/v1': statefulSets } };
}

/** The events of one minute, in the order they happen (a seeded generator, so every run replays the same minute). */
export function fleetMinute(): { events: FleetEvent[]; clusters: number } {
  const random = fc.sample(fc.double({ min: 0, max: 60, noNaN: true }), { seed: FLEET_SEED, numRuns: FLEET_SIZE + STATUS_CHANGES + SPEC_CHANGES });
  const steady = fleetManifests().map(steadyRequest);
  const events: FleetEvent[] = steady.map((request, i) => ({ atSeconds: random[i]!, body: JSON.stringify(request), kind: 'resync' as const }));
  for (let i = 0; i < STATUS_CHANGES; i += 1) {
    events.push({ atSeconds: random[FLEET_SIZE + i]!, body: JSON.stringify(withPodRestart(steady[(i * 7) % FLEET_SIZE]!)), kind: 'status' });
  }
  for (let i = 0; i < SPEC_CHANGES; i += 1) {
    const before = steady[(i * 13 + 5) % FLEET_SIZE]!;
    const spec = before.parent.spec as { users?: Record<string, string[]> };
    const edited = withSpecChange(before, { users: { ...spec.users, bench_new_user: [] } });
    const at = random[FLEET_SIZE + STATUS_CHANGES + i]!;
    events.push({ atSeconds: at, body: JSON.stringify(edited), kind: 'spec' });
    events.push({ atSeconds: Math.min(60, at + 1), body: JSON.stringify(fedBack(edited, sync(edited, inputs()))), kind: 'applied' });
  }
  return { events: events.sort((a, b) => a.atSeconds - b.atSeconds), clusters: steady.length };
}

export interface FleetFigures {
  clusters: number;
  requestsPerMinute: number;
  replaySpeedUp: number;
  cpuSecondsPerMinute: number;
  percentOfOneCore: number;
  latencyMs: { p50: number; p99: number; max: number };
  answers: Record<string, number>;
  /** RSS of the serving process after the replay: what 1,000 clusters' kept answers and results hold. */
  rssMiB: number;
}

export interface ReplayResult { requests: number; speedUp: number; cpuSeconds: number; p50: number; p99: number; max: number; answers: Record<string, number> }

/** Replays the minute against the image's command in its own process; the client runs in another. */
export async function fleetFigures(): Promise<FleetFigures> {
  const image = imageCommand();
  const server = await startServer(image.label, image.command, image.args, { NODE_ENV: 'production' });
  try {
    const replay = await runScript<ReplayResult>('bench/fleet-client.ts', [server.url, String(server.pid)]);
    return {
      clusters: FLEET_SIZE,
      requestsPerMinute: replay.requests,
      replaySpeedUp: replay.speedUp,
      cpuSecondsPerMinute: Math.round(replay.cpuSeconds * 100) / 100,
      percentOfOneCore: Math.round((replay.cpuSeconds / 60) * 1000) / 10,
      latencyMs: { p50: replay.p50, p99: replay.p99, max: replay.max },
      answers: replay.answers,
      rssMiB: Math.round(rssMiB(servingProcess(server.pid))),
    };
  } finally {
    await server.stop();
  }
}

export function describeFleet(f: FleetFigures): string[] {
  return [
    `fleet of ${f.clusters} clusters, one minute (${f.requestsPerMinute} syncs: a 60 s resync of each, pod restarts, manifest edits) replayed ${f.replaySpeedUp}× faster against the image's command:`,
    `  ${f.cpuSecondsPerMinute} CPU seconds per minute (${f.percentOfOneCore} % of one core); latency p50 ${f.latencyMs.p50} ms, p99 ${f.latencyMs.p99} ms, max ${f.latencyMs.max} ms; answers ${Object.entries(f.answers).map(([k, v]) => `${k} ${v}`).join(', ')}; RSS afterwards ${f.rssMiB} MiB`,
  ];
}
