// `diff`: the children we would answer for a live cluster against the live objects, grouped by what
// applying them does. A pod template change of the StatefulSet (what its pod-template hash covers: the
// pod spec without SPILO_CONFIGURATION's bootstrap.dcs, which Patroni takes through its REST API) or of
// a pooler Deployment restarts pods; with `statefulset_update_strategy: RollingUpdate` any change of the
// StatefulSet's template does (Kubernetes rolls on every template revision, metadata included).
import { podRelevantSpec } from '../hooks/pod/template-hash.js';
import { ChildKind, childKindOf } from '../hooks/names.js';
import type { KubeObject } from '../schemas/hook.js';
import { declaredDifferences, type Difference } from './compare.js';

export type Outcome = 'restart' | 'inPlace' | 'unchanged' | 'create';

export interface ObjectDiff {
  kind: string;
  name: string;
  outcome: Outcome;
  /** Every difference; for `restart`, `restartPaths` names those that replace pods. */
  differences: Difference[];
  restartPaths: string[];
}

type Template = { metadata?: object; spec?: object };

function templateOf(object: KubeObject | undefined): Template | undefined {
  return (object?.spec as { template?: Template } | undefined)?.template;
}

/** Differences of a pod template that replace pods, with full paths. */
export function restartDifferences(desired: KubeObject, live: KubeObject): Difference[] {
  const kind = childKindOf(desired);
  const want = templateOf(desired);
  const have = templateOf(live);
  if (!want) return [];
  if (kind === ChildKind.Deployment) return declaredDifferences(want, have, 'spec.template');
  if (kind !== ChildKind.StatefulSet) return [];
  const strategy = (desired.spec as { updateStrategy?: { type?: string } } | undefined)?.updateStrategy?.type;
  if (strategy === 'RollingUpdate') return declaredDifferences(want, have, 'spec.template');
  return declaredDifferences(podRelevantSpec(want.spec), podRelevantSpec(have?.spec), 'spec.template.spec');
}

export function diffObject(desired: KubeObject, live: KubeObject | undefined): ObjectDiff {
  const identity = { kind: desired.kind, name: desired.metadata.name };
  if (!live) return { ...identity, outcome: 'create', differences: [], restartPaths: [] };
  const differences = declaredDifferences(desired, live);
  const restartPaths = restartDifferences(desired, live).map((d) => d.path);
  const outcome: Outcome = restartPaths.length > 0 ? 'restart' : differences.length > 0 ? 'inPlace' : 'unchanged';
  return { ...identity, outcome, differences, restartPaths };
}

export function findLive(desired: KubeObject, live: KubeObject[]): KubeObject | undefined {
  return live.find((object) => childKindOf(object) === childKindOf(desired) && object.metadata.name === desired.metadata.name);
}

export function diffChildren(desired: KubeObject[], live: KubeObject[]): ObjectDiff[] {
  return desired.map((child) => diffObject(child, findLive(child, live)));
}

const HEADINGS: Record<Outcome, string> = {
  restart: 'would restart pods',
  inPlace: 'would change in place',
  create: 'would create',
  unchanged: 'unchanged',
};

function shown(value: unknown): string {
  if (value === undefined) return '(absent)';
  const text = JSON.stringify(value);
  return text.length > 120 ? `${text.slice(0, 117)}...` : text;
}

/** One line per difference; Secret values are never printed, only their paths. */
function differenceLine(kind: string, difference: Difference, restarts: boolean): string {
  const marker = restarts ? ' (restarts pods)' : '';
  if (kind === 'Secret') return `    ${difference.path}${marker}: ${difference.live === undefined ? 'absent live' : 'differs'}`;
  return `    ${difference.path}${marker}: ${shown(difference.live)} -> ${shown(difference.declared)}`;
}

export function formatDiff(diffs: ObjectDiff[]): string {
  const lines: string[] = [];
  for (const outcome of ['restart', 'inPlace', 'create', 'unchanged'] as const) {
    const group = diffs.filter((d) => d.outcome === outcome);
    if (group.length === 0) continue;
    lines.push(`${HEADINGS[outcome]}:`);
    for (const diff of group) {
      lines.push(`  ${diff.kind}/${diff.name}`);
      const restarting = new Set(diff.restartPaths);
      for (const d of diff.differences) lines.push(differenceLine(diff.kind, d, restarting.has(d.path)));
    }
  }
  return lines.join('\n');
}
