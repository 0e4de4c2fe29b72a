// Manifests the hooks must answer with `Invalid`: one bad change applied to a valid manifest (wrong
// types, numbers out of range, bad names, and every input issue 10 found answered with a child the
// API server refuses), and random JSON in place of the spec. A mutation says which fields the
// status message should name.
import fc from 'fast-check';
import { MAX_CLUSTER_NAME_LENGTH } from '../../hooks/validate/names.js';
import { initContainer, resources, sidecar, type Manifest } from './manifest.js';
import { cronSchedule, dashedWords, envName } from './kube.js';

export type Path = Array<string | number>;
export interface Change { path: Path; value: unknown }
/** `fields`: the status message names at least one of these paths (or a path below it). */
export interface Mutation { kind: string; fields: string[]; changes: Change[] }

/** Sets `value` at `path`, creating objects on the way; returns a deep copy. */
export function applyChanges<T>(object: T, changes: Change[]): T {
  const copy = structuredClone(object) as Record<string | number, unknown>;
  for (const { path, value } of changes) {
    let node = copy;
    path.slice(0, -1).forEach((key) => {
      if (typeof node[key] !== 'object' || node[key] === null) node[key] = {};
      node = node[key] as Record<string | number, unknown>;
    });
    node[path[path.length - 1]!] = value;
  }
  return copy as T;
}

function mutation(kind: string, field: string | string[], changes: Change[]): Mutation {
  return { kind, fields: Array.isArray(field) ? field : [field], changes };
}

const set = (kind: string, path: Path, value: unknown) => mutation(kind, path.slice(0, 2).join('.'), [{ path, value }]);

// ---- wrong types ----

const TYPED_FIELDS: Array<[Path, 'string' | 'number' | 'boolean' | 'object' | 'array']> = [
  [['spec', 'teamId'], 'string'],
  [['spec', 'numberOfInstances'], 'number'],
  [['spec', 'volume'], 'object'],
  [['spec', 'volume', 'size'], 'string'],
  [['spec', 'postgresql', 'version'], 'string'],
  [['spec', 'postgresql', 'parameters'], 'object'],
  [['spec', 'users'], 'object'],
  [['spec', 'databases'], 'object'],
  [['spec', 'resources', 'requests', 'cpu'], 'string'],
  [['spec', 'enableConnectionPooler'], 'boolean'],
  [['spec', 'connectionPooler', 'numberOfInstances'], 'number'],
  [['spec', 'sidecars'], 'array'],
  [['spec', 'patroni', 'ttl'], 'number'],
  [['spec', 'tls'], 'object'],
  [['spec', 'additionalVolumes'], 'array'],
  [['spec', 'env'], 'array'],
  [['spec', 'podAnnotations'], 'object'],
  [['spec', 'enableLogicalBackup'], 'boolean'],
];

export function jsonType(value: unknown): string {
  if (Array.isArray(value)) return 'array';
  if (value === null) return 'null';
  return typeof value;
}

/** A JSON value of any type but `type`; numbers as strings included. */
export function notOfType(type: string): fc.Arbitrary<unknown> {
  return fc.oneof(
    fc.integer(),
    fc.integer({ min: 0, max: 100 }).map(String),
    fc.boolean(),
    fc.string({ maxLength: 8 }),
    fc.array(fc.string({ maxLength: 4 }), { maxLength: 2 }),
    fc.dictionary(fc.string({ maxLength: 4 }), fc.integer(), { maxKeys: 2 }),
  ).filter((value) => jsonType(value) !== type);
}

const wrongType = fc.constantFrom(...TYPED_FIELDS).chain(([path, type]) => notOfType(type).map((value) => set('wrong type', path, value)));

// ---- out of range ----

const INT32_MAX = 2 ** 31 - 1;
const beyondInt32 = fc.integer({ min: INT32_MAX + 1, max: Number.MAX_SAFE_INTEGER });
const badPortNumber = fc.oneof(fc.integer({ min: -100, max: 0 }), fc.integer({ min: 65536, max: 1_000_000 }));

const outOfRange = fc.oneof(
  fc.integer({ min: -1000, max: -1 }).map((n) => set('out of range', ['spec', 'numberOfInstances'], n)),
  beyondInt32.map((n) => set('out of range', ['spec', 'numberOfInstances'], n)),
  fc.integer({ min: -5, max: 0 }).map((n) => set('out of range', ['spec', 'connectionPooler', 'numberOfInstances'], n)),
  fc.integer({ min: 80001, max: 10 ** 6 }).map((n) => set('out of range', ['spec', 'volume', 'iops'], n)),
  fc.integer({ min: 2001, max: 10 ** 5 }).map((n) => set('out of range', ['spec', 'volume', 'throughput'], n)),
  fc.integer({ min: -1_000_000, max: -1 }).map((n) => set('out of range', ['spec', 'spiloRunAsUser'], n)),
  fc.integer({ min: -1_000_000, max: -1 }).map((n) => set('out of range', ['spec', 'patroni', 'ttl'], n)),
  fc.tuple(sidecar, badPortNumber).map(([s, containerPort]) => set('port out of range', ['spec', 'sidecars'], [{ ...s, ports: [{ containerPort }] }])),
  fc.tuple(sidecar, fc.constantFrom('postgres-metrics', 'a-very-long-port-name', 'metrics--x', '-http', 'HTTP', '1234')).map(([s, name]) => set('bad port name', ['spec', 'sidecars'], [{ ...s, ports: [{ name, containerPort: 9187 }] }])),
);

// ---- names ----

const badClusterName = fc.oneof(
  fc.constantFrom('Acid-Test', 'acid_test', '1acid', 'acid-', 'acid.test'),
  dashedWords(3).map((n) => `acid-${n}-`.padEnd(MAX_CLUSTER_NAME_LENGTH + 1, 'x')),
);

const badSqlName = fc.constantFrom('my-db', '1db', 'db name', 'Db;drop', '');
const badRoleName = fc.constantFrom('Bad Name', 'UPPER', '-lead', 'trail_', 'a..b', 'x'.repeat(240));

const badNames = fc.oneof(
  badClusterName.map((name) => mutation('bad name', 'metadata.name', [{ path: ['metadata', 'name'], value: name }])),
  badRoleName.map((user) => mutation('bad name', 'spec.users', [{ path: ['spec', 'users', user], value: [] }])),
  badSqlName.map((db) => mutation('bad name', 'spec.databases', [{ path: ['spec', 'databases', db], value: 'zalando' }, { path: ['spec', 'users', 'zalando'], value: [] }])),
  // Prepared names become Secret names: upper case and a leading `_` (→ `-`) are refused there.
  fc.constantFrom('Shop', '_shop', 'ShopDb').map((db) => mutation('bad name', 'spec.preparedDatabases', [{ path: ['spec', 'preparedDatabases', db], value: { defaultUsers: true } }])),
  // A schema's roles are `<db>_<schema>_…`: only upper case breaks their Secret names (`_data` gives `shop--data-…`, valid).
  fc.constantFrom('Data', 'DATA').map((schema) => mutation('bad name', 'spec.preparedDatabases', [{ path: ['spec', 'preparedDatabases', 'shop'], value: { schemas: { [schema]: { defaultUsers: true } } } }])),
  fc.constantFrom('team a', 't'.repeat(64), 'team/a', '-team').map((team) => set('bad team', ['spec', 'teamId'], team)),
);

// ---- the refused inputs of issue 10 ----

const K_QUANTITY = fc.integer({ min: 1, max: 999 }).map((n) => `${n}K`);

const containerClashes = fc.oneof(
  fc.tuple(sidecar, fc.constantFrom('Telegraf', 'log_shipper', 'exporter.v2', 'x'.repeat(64), '-exporter')).map(([s, name]) => set('bad container name', ['spec', 'sidecars'], [{ ...s, name }])),
  fc.tuple(initContainer, fc.constantFrom('Init', 'init_perms', 'init.perms')).map(([c, name]) => set('bad container name', ['spec', 'initContainers'], [{ ...c, name }])),
  fc.tuple(sidecar, initContainer).map(([s, c]) => mutation('duplicate container name', ['spec.sidecars', 'spec.initContainers'], [
    { path: ['spec', 'sidecars'], value: [s] },
    { path: ['spec', 'initContainers'], value: [{ ...c, name: s.name }] },
  ])),
  initContainer.map(({ name: _name, ...c }) => set('init container without name', ['spec', 'initContainers'], [c])),
  initContainer.map(({ image: _image, ...c }) => set('init container without image', ['spec', 'initContainers'], [c])),
  sidecar.map((s) => set('container named postgres', ['spec', 'sidecars'], [{ ...s, name: 'postgres' }])),
);

const badEnv = fc.tuple(envName, fc.constantFrom('=', '=x', 'A=B')).map(([name, tail]) => `${name}${tail}`);

// The API server checks annotation keys lower-cased, so `Example.com/x` is accepted there and not listed here.
const badAnnotationKey = fc.constantFrom('bad key', 'example.com/', '/name', 'a/b/c', 'exa_mple.com/x', `example.com/${'n'.repeat(64)}`, '-lead');

const unsafeSubPath = fc.constantFrom('../etc', '/absolute', 'a/../../b', '..');

const volumeClashes = fc.oneof(
  fc.constantFrom('dshm', 'pgdata').map((name) => set('volume clashes', ['spec', 'additionalVolumes'], [{ name, mountPath: '/opt/extra', volumeSource: { emptyDir: {} } }])),
  fc.constant(set('volume clashes', ['spec', 'additionalVolumes'], [{ name: 'shm', mountPath: '/dev/shm', volumeSource: { emptyDir: {} } }])),
  fc.constant(mutation('volume clashes', ['spec.additionalVolumes', 'spec.tls'], [
    { path: ['spec', 'tls'], value: { secretName: 'pg-tls' } },
    { path: ['spec', 'additionalVolumes'], value: [{ name: 'pg-tls', mountPath: '/opt/certs', volumeSource: { emptyDir: {} } }] },
  ])),
  fc.constant(set('volume clashes', ['spec', 'additionalVolumes'], [
    { name: 'extra', mountPath: '/opt/a', volumeSource: { emptyDir: {} } },
    { name: 'extra', mountPath: '/opt/b', volumeSource: { emptyDir: {} } },
  ])),
);

const issue10 = fc.oneof(
  fc.tuple(K_QUANTITY, fc.constantFrom<Path[]>(
    ['spec', 'resources', 'requests', 'memory'], ['spec', 'resources', 'limits', 'memory'], ['spec', 'volume', 'size'],
    ['spec', 'connectionPooler', 'resources', 'limits', 'memory'],
  )).map(([quantity, path]) => set('decimal K quantity', path, quantity)),
  fc.tuple(sidecar, resources, K_QUANTITY).map(([s, r, quantity]) => set('decimal K quantity', ['spec', 'sidecars'], [{ ...s, resources: { ...r, requests: { memory: quantity } } }])),
  fc.tuple(cronSchedule, fc.constantFrom('60', '*/0', '99')).map(([valid, minute]) => set('bad schedule', ['spec', 'logicalBackupSchedule'], [minute, ...valid.split(' ').slice(1)].join(' '))),
  fc.constantFrom('* 24 * * *', '* * 0 * *', '* * 32 * *', '* * * 13 *', '* * * * 7').map((schedule) => set('bad schedule', ['spec', 'logicalBackupSchedule'], schedule)),
  containerClashes,
  badEnv.map((name) => set('bad env name', ['spec', 'env'], [{ name, value: 'x' }])),
  fc.tuple(sidecar, badEnv).map(([s, name]) => set('bad env name', ['spec', 'sidecars'], [{ ...s, env: [{ name, value: 'x' }] }])),
  beyondInt32.map((n) => set('out of range', ['spec', 'numberOfInstances'], n)),
  fc.tuple(fc.constantFrom('podAnnotations', 'serviceAnnotations', 'masterServiceAnnotations', 'replicaServiceAnnotations'), badAnnotationKey)
    .map(([field, key]) => set('bad annotation key', ['spec', field], { [key]: 'x' })),
  unsafeSubPath.map((subPath) => set('unsafe subPath', ['spec', 'volume', 'subPath'], subPath)),
  unsafeSubPath.map((subPath) => set('unsafe subPath', ['spec', 'additionalVolumes'], [{ name: 'extra', mountPath: '/opt/extra', subPath, volumeSource: { emptyDir: {} } }])),
  volumeClashes,
);

/** One invalid change; the rest of the manifest stays valid. */
export const manifestMutation: fc.Arbitrary<Mutation> = fc.oneof(wrongType, outOfRange, badNames, { arbitrary: issue10, weight: 3 });

export function mutate(manifest: Manifest, change: Mutation): Manifest {
  return applyChanges(manifest, change.changes);
}

// ---- garbage ----

const SPEC_KEYS = ['teamId', 'numberOfInstances', 'postgresql', 'volume', 'users', 'databases', 'resources', 'connectionPooler', 'sidecars', 'patroni'];

/** Random JSON in place of the spec, some of it shaped like one; never all of the required fields. */
export const garbageSpec: fc.Arbitrary<unknown> = fc.oneof(
  fc.jsonValue({ maxDepth: 3 }),
  fc.dictionary(fc.constantFrom(...SPEC_KEYS), fc.jsonValue({ maxDepth: 2 }), { maxKeys: 6 }),
).filter((spec) => !(typeof spec === 'object' && spec !== null && ['teamId', 'numberOfInstances', 'postgresql', 'volume'].every((k) => k in spec)));
