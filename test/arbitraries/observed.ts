// Malformed observed objects: a field of a child (or of the parent's status) given a value of the
// wrong JSON type, as a broken controller, a manual edit or an older version of this operator could
// leave it. Metacontroller's envelope (kind, name, labels) stays intact: that is a contract error,
// tested in test/contract.test.ts.
import fc from 'fast-check';
import { annotationKeys } from '../../hooks/names.js';
import type { KubeObject } from '../../schemas/hook.js';
import { applyChanges, jsonType, type Path } from './invalid.js';

type JsonType = 'string' | 'number' | 'object' | 'array' | 'int-or-string';

/** Fields the hooks read from observed objects, with the type Kubernetes gives them. */
const FIELDS: Record<string, Array<[Path, JsonType]>> = {
  Secret: [[['data'], 'object'], [['data', 'password'], 'string'], [['data', 'username'], 'string'], [['data', 'nextRotation'], 'string'], [['type'], 'string']],
  StatefulSet: [
    [['spec'], 'object'], [['spec', 'replicas'], 'number'], [['spec', 'selector'], 'object'], [['spec', 'selector', 'matchLabels'], 'object'],
    [['spec', 'serviceName'], 'string'], [['spec', 'podManagementPolicy'], 'string'], [['spec', 'volumeClaimTemplates'], 'array'],
    [['spec', 'template'], 'object'], [['spec', 'template', 'spec', 'containers'], 'array'],
    [['status'], 'object'], [['status', 'readyReplicas'], 'number'], [['status', 'replicas'], 'number'], [['status', 'conditions'], 'array'],
    [['status', 'observedGeneration'], 'number'], [['status', 'currentRevision'], 'string'],
  ],
  Service: [[['spec'], 'object'], [['spec', 'ports'], 'array'], [['spec', 'ports', 0, 'port'], 'number'], [['spec', 'selector'], 'object'], [['spec', 'type'], 'string']],
  Deployment: [[['spec', 'selector'], 'object'], [['spec', 'replicas'], 'number'], [['spec', 'template'], 'object'], [['status'], 'object'], [['status', 'readyReplicas'], 'number']],
  ConfigMap: [[['data'], 'object'], [['data', 'state.json'], 'string']],
  Job: [[['status'], 'object'], [['status', 'succeeded'], 'number'], [['status', 'conditions'], 'array'], [['spec', 'template'], 'object']],
  CronJob: [[['spec'], 'object'], [['spec', 'schedule'], 'string'], [['spec', 'jobTemplate'], 'object']],
  PodDisruptionBudget: [[['spec', 'selector'], 'object'], [['spec', 'maxUnavailable'], 'int-or-string']],
  Endpoints: [[['subsets'], 'array']],
};

/** The parent's status as a previous answer (or someone else) left it. */
const PARENT_FIELDS: Array<[Path, JsonType]> = [
  [['status'], 'object'], [['status', 'conditions'], 'array'], [['status', 'conditions', 0], 'object'],
  [['status', 'conditions', 0, 'lastTransitionTime'], 'string'], [['status', 'conditions', 0, 'status'], 'string'],
  [['status', 'PostgresClusterStatus'], 'string'], [['status', 'observedGeneration'], 'number'],
];

export interface Damage {
  /** Picks the parent or a kind among those observed, an object of it and one of its fields. */
  target: number;
  object: number;
  field: number;
  /** Picks one of the wrong-type values; some wrap the current value (a Secret value echoed into a message). */
  junk: number;
  number: number;
  /** Without Metacontroller's last-applied annotation the object is kept as observed. */
  lastApplied: boolean;
}

export const damage: fc.Arbitrary<Damage> = fc.record({
  target: fc.nat({ max: 15 }), object: fc.nat({ max: 15 }), field: fc.nat({ max: 15 }), junk: fc.nat({ max: 7 }), number: fc.integer({ min: -5, max: 1000 }), lastApplied: fc.boolean(),
});

function wrongValue(expected: JsonType, current: unknown, d: Damage): unknown {
  const candidates: unknown[] = [d.number, String(d.number), 'junk', true, [], {}, [current], { value: current }];
  const wrong = candidates.filter((value) => {
    const type = jsonType(value);
    return expected === 'int-or-string' ? type !== 'number' && type !== 'string' : type !== expected;
  });
  return wrong[d.junk % wrong.length];
}

function valueAt(object: unknown, path: Path): unknown {
  return path.reduce<unknown>((node, key) => (node && typeof node === 'object' ? (node as Record<string | number, unknown>)[key] : undefined), object);
}

export function describeHit(hit: Damaged['hit']): string {
  return `${hit.kind} ${hit.name}: ${hit.path.join('.')} = ${JSON.stringify(hit.value)}${hit.lastApplied ? '' : ' (no last-applied annotation)'}`;
}

export interface Damaged {
  children: KubeObject[];
  parentStatus: unknown;
  /** What was damaged: `kind` is "parent" for the parent's status. */
  hit: { kind: string; name: string; path: Path; value: unknown; lastApplied: boolean };
}

/** Applies `d` to the observed children (as Metacontroller sends them) or to the parent's status. */
export function applyDamage(children: KubeObject[], parentStatus: unknown, d: Damage): Damaged {
  const kinds = ['parent', ...[...new Set(children.map((c) => c.kind))].filter((k) => FIELDS[k]).sort()];
  const kind = kinds[d.target % kinds.length]!;
  if (kind === 'parent') {
    const [path, type] = PARENT_FIELDS[d.field % PARENT_FIELDS.length]!;
    const holder = { status: parentStatus };
    const value = wrongValue(type, valueAt(holder, path), d);
    return { children, parentStatus: applyChanges(holder, [{ path, value }]).status, hit: { kind, name: 'parent', path, value, lastApplied: true } };
  }
  const ofKind = children.filter((c) => c.kind === kind);
  const victim = ofKind[d.object % ofKind.length]!;
  const [path, type] = FIELDS[kind]![d.field % FIELDS[kind]!.length]!;
  const value = wrongValue(type, valueAt(victim, path), d);
  let broken = applyChanges(victim, [{ path, value }]);
  if (!d.lastApplied) {
    const { [annotationKeys.lastApplied]: _dropped, ...annotations } = broken.metadata.annotations ?? {};
    broken = { ...broken, metadata: { ...broken.metadata, annotations } };
  }
  return {
    children: children.map((c) => (c === victim ? broken : c)),
    parentStatus,
    hit: { kind, name: victim.metadata.name, path, value, lastApplied: d.lastApplied },
  };
}
