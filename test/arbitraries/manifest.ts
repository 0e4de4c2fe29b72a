// Valid `postgresql` manifests as Zalando users write them (fixtures/manifests, Zalando's
// complete-postgres-manifest.yaml, schemas/postgresql.ts). Sections are generated independently and
// joined by `assemble`, which only resolves references (owners, target containers, rotation lists)
// and drops what a careful user would not write twice; it never repairs an invalid value.
import fc from 'fast-check';
import { POSTGRES_VERSIONS, USER_FLAGS } from '../../schemas/postgresql.js';
import { MAX_CLUSTER_NAME_LENGTH } from '../../hooks/validate/names.js';
import type { KubeObject } from '../../schemas/hook.js';
import {
  containerMemory, containerPort, cpuAmount, cronSchedule, cut, dashedWords, dnsSubdomain, envName, labelValue, longDnsName,
  portName, qualifiedName, requestAndLimit, volumeSize, word,
} from './kube.js';

type Json = Record<string, unknown>;
export type Manifest = KubeObject & { metadata: KubeObject['metadata'] & { namespace: string }; spec: Json };

const optional = <T>(arbitrary: fc.Arbitrary<T>) => fc.option(arbitrary, { nil: undefined, freq: 2 });

/** Drops undefined members, so absent sections are absent keys, as in YAML. */
function defined(object: Json): Json {
  return Object.fromEntries(Object.entries(object).filter(([, value]) => value !== undefined));
}

// ---- identity ----

export const clusterName = longDnsName(MAX_CLUSTER_NAME_LENGTH);
export const namespace = fc.constantFrom('default', 'apps', 'team-acid');
export const teamId = labelValue;

// ---- roles and databases ----

/** Role names Zalando accepts; none is reserved, a pooler user or a prepared-database role. */
export const userName = fc.oneof(
  { withCrossShrink: true },
  { arbitrary: fc.constantFrom('zalando', 'foo_user', 'flow_user', 'app', 'app_user', 'robot_zmon', 'reporting'), weight: 3 },
  { arbitrary: dashedWords(3, '_'), weight: 3 },
  { arbitrary: dashedWords(2, '-'), weight: 1 },
  { arbitrary: fc.tuple(word, dashedWords(2, '_')).map(([space, user]) => `${space}.${user}`), weight: 1 },
);

const FLAG_PAIRS = USER_FLAGS.filter((flag) => !flag.startsWith('no'));

/** At most one of each flag and its NO form, in either case. */
export const userFlags = fc.tuple(fc.tuple(...FLAG_PAIRS.map((flag) => fc.constantFrom<string | undefined>(undefined, flag, `no${flag}`))), fc.boolean())
  .map(([flags, upper]) => flags.filter((f): f is string => f !== undefined).map((f) => (upper ? f.toUpperCase() : f)));

const users = fc.uniqueArray(fc.tuple(userName, fc.option(userFlags, { nil: null, freq: 6 })), {
  maxLength: 4,
  // `a_b` and `a-b` share a Secret name; a careful user does not declare both.
  selector: ([name]) => name.replaceAll('_', '-'),
});

const RESERVED_DATABASES = ['postgres', 'template0', 'template1'];
const sqlName = (maxLength: number) => dashedWords(3, '_').map((n) => cut(n, maxLength)).filter((n) => !RESERVED_DATABASES.includes(n));

const databases = fc.uniqueArray(fc.tuple(sqlName(63), fc.nat()), { maxLength: 3, selector: ([name]) => name });

const EXTENSIONS = ['pgcrypto', 'pg_partman', 'hstore', 'postgis', 'pg_trgm', 'citext', 'pg_stat_statements', 'uuid-ossp'];

// Prepared names are at most 24 characters, so `<db>_<schema>_reader_user` stays within PostgreSQL's 63 bytes.
const preparedDatabase = fc.record({
  defaultUsers: fc.boolean(),
  schemas: fc.dictionary(sqlName(24), fc.record({ defaultRoles: fc.boolean(), defaultUsers: fc.boolean() }, { requiredKeys: [] }), { maxKeys: 3 }),
  extensions: fc.dictionary(fc.constantFrom(...EXTENSIONS), fc.nat(), { maxKeys: 2 }),
  secretNamespace: fc.constant('other-namespace'),
}, { requiredKeys: [] });

/** `{}` asks for one database named after the cluster; otherwise named prepared databases. */
const preparedDatabases = fc.oneof(
  { withCrossShrink: true },
  fc.constant('named-after-cluster' as const),
  fc.dictionary(sqlName(24), preparedDatabase, { minKeys: 1, maxKeys: 2 }),
);

const rotationLists = fc.record({
  usersWithSecretRotation: fc.array(fc.nat(), { maxLength: 2 }),
  usersWithInPlaceSecretRotation: fc.array(fc.nat(), { maxLength: 2 }),
  usersIgnoringSecretRotation: fc.array(fc.nat(), { maxLength: 2 }),
}, { requiredKeys: [] });

// ---- resources ----

export const resources = fc.tuple(requestAndLimit(cpuAmount), requestAndLimit(containerMemory)).map(([cpu, memory]) => {
  const requests = defined({ cpu: cpu.request, memory: memory.request });
  const limits = defined({ cpu: cpu.limit, memory: memory.limit });
  return defined({ requests: Object.keys(requests).length > 0 ? requests : undefined, limits: Object.keys(limits).length > 0 ? limits : undefined });
});

// ---- containers ----

const image = fc.constantFrom('busybox', 'telegraf:latest', 'quay.io/prometheuscommunity/postgres-exporter:v0.15.0', 'registry.example.com/team/log-shipper:1.4.2');

export const containerName = fc.oneof(
  fc.constantFrom('telegraf-sidecar', 'exporter', 'log-shipper', 'date', 'init-permissions', 'wait-for-dns'),
  dashedWords(3),
);

export const envVar = fc.oneof(
  fc.record({ name: envName, value: fc.string({ maxLength: 40 }) }),
  fc.record({ name: envName, valueFrom: fc.record({ secretKeyRef: fc.record({ name: dnsSubdomain, key: fc.constantFrom('password', 'secret_key', 'token.json') }) }) }),
  fc.record({ name: envName, valueFrom: fc.record({ configMapKeyRef: fc.record({ name: dashedWords(2), key: fc.constantFrom('url', 'LOG_LEVEL') }) }) }),
  fc.record({ name: envName, valueFrom: fc.constant({ fieldRef: { fieldPath: 'metadata.name' } }) }),
);
const envList = fc.uniqueArray(envVar, { maxLength: 3, selector: (e) => e.name });

const port = fc.record({ name: portName, containerPort, protocol: fc.constantFrom('TCP', 'UDP') }, { requiredKeys: ['containerPort'] });

export const sidecar = fc.record({
  name: containerName,
  image,
  resources,
  ports: fc.array(port, { minLength: 1, maxLength: 2 }),
  env: envList,
  command: fc.constantFrom(['telegraf'], ['/bin/sh', '-c', 'exec exporter']),
}, { requiredKeys: ['name', 'image'] });

export const initContainer = fc.record({
  name: containerName,
  image,
  command: fc.constantFrom(['/bin/date'], ['sh', '-c', 'echo ready']),
}, { requiredKeys: ['name', 'image'] });

// ---- volumes and TLS ----

const tls = fc.record({
  // Both name a Secret and, as Zalando does, the pod volume that mounts it: DNS-1123 labels.
  secretName: fc.oneof({ arbitrary: fc.constantFrom('pg-tls', 'postgres-tls'), weight: 3 }, { arbitrary: dashedWords(2).map((n) => `tls-${n}`), weight: 1 }),
  caSecretName: fc.constantFrom('pg-tls-ca', 'ca-example-com'),
  certificateFile: fc.constant('tls.crt'),
  privateKeyFile: fc.constant('tls.key'),
  caFile: fc.constantFrom('ca.crt', 'root/ca.pem'),
}, { requiredKeys: ['secretName'] });

const volumeSource = fc.oneof(
  fc.constant({ emptyDir: {} }),
  fc.constant({ emptyDir: { medium: 'Memory', sizeLimit: '64Mi' } }),
  dashedWords(2).map((name) => ({ configMap: { name } })),
  dnsSubdomain.map((secretName) => ({ secret: { secretName } })),
  fc.tuple(dashedWords(3), fc.boolean()).map(([claimName, readOnly]) => ({ persistentVolumeClaim: { claimName, readOnly } })),
);

/** `targets` is resolved against the sidecars by `assemble`: absent, all, postgres, or sidecar positions. */
const additionalVolume = fc.record({
  name: fc.tuple(fc.constantFrom('empty', 'data', 'conf', 'scratch', 'certs', 'cache'), fc.option(word, { nil: undefined })).map(([n, w]) => (w ? `${n}-${w}` : n)),
  mountPath: fc.constantFrom('/opt/empty', '/etc/telegraf', '/home/postgres/pgdata/partitions', '/scratch', '/var/cache/app', '/etc/ssl/extra'),
  subPath: optional(fc.constantFrom('telegraf.conf', 'sub/dir', 'data')),
  targets: fc.oneof(fc.constantFrom('absent', 'null', 'all', 'postgres'), fc.array(fc.nat(), { minLength: 1, maxLength: 2 })),
  volumeSource,
});

export const volume = fc.record({
  size: volumeSize,
  storageClass: fc.constantFrom('standard', 'gp3', 'fast-ssd'),
  subPath: fc.constantFrom('pgroot', 'data/pg'),
  iops: fc.integer({ min: 3000, max: 80000 }),
  throughput: fc.integer({ min: 125, max: 2000 }),
  type: fc.constant('gp3'),
  selector: fc.record({ matchLabels: fc.dictionary(fc.constantFrom('environment', 'flavour', 'service'), dashedWords(1), { minKeys: 1, maxKeys: 2 }) }),
}, { requiredKeys: ['size'] });

// ---- Postgres, Patroni ----

const postgresql = fc.record({
  version: fc.constantFrom(...POSTGRES_VERSIONS),
  parameters: fc.record({
    shared_buffers: fc.constantFrom('32MB', '128MB', '1GB'),
    max_connections: fc.integer({ min: 25, max: 500 }).map(String),
    log_statement: fc.constantFrom('all', 'ddl', 'none'),
    work_mem: fc.constantFrom('4MB', '64MB'),
    password_encryption: fc.constantFrom('scram-sha-256', 'md5'),
    wal_level: fc.constantFrom('replica', 'logical'),
    timezone: fc.constantFrom('UTC', 'Europe/Berlin'),
  }, { requiredKeys: [] }),
}, { requiredKeys: ['version'] });

const PG_HBA = [
  ['hostssl all all 0.0.0.0/0 md5', 'host    all all 0.0.0.0/0 md5'],
  ['local all all trust', 'hostssl all +zalandos 127.0.0.1/32 pam', 'host all all 127.0.0.1/32 md5', 'hostssl replication standby all md5', 'hostssl all all all md5'],
];

const patroni = fc.record({
  initdb: fc.constantFrom({ encoding: 'UTF8', locale: 'en_US.UTF-8', 'data-checksums': 'true' }, { encoding: 'UTF8' }),
  pg_hba: fc.constantFrom(...PG_HBA),
  ttl: fc.integer({ min: 10, max: 60 }),
  loop_wait: fc.integer({ min: 1, max: 10 }),
  retry_timeout: fc.integer({ min: 1, max: 10 }),
  maximum_lag_on_failover: fc.integer({ min: 1 << 20, max: 1 << 26 }),
  synchronous_mode: fc.boolean(),
  synchronous_mode_strict: fc.boolean(),
  synchronous_node_count: fc.integer({ min: 1, max: 2 }),
  failsafe_mode: fc.boolean(),
  slots: fc.constantFrom({ permanent_physical_1: { type: 'physical' } }, { permanent_logical_1: { type: 'logical', database: 'foo', plugin: 'pgoutput' } }),
}, { requiredKeys: [] });

// ---- pooler, backup ----

export const POOLER_USERS = ['pooler', 'pgbouncer', 'pooler_app'];

const connectionPooler = fc.record({
  numberOfInstances: fc.integer({ min: 1, max: 5 }),
  mode: fc.constantFrom('session', 'transaction'),
  schema: fc.constantFrom('pooler', 'pgbouncer_auth'),
  user: fc.constantFrom(...POOLER_USERS),
  maxDBConnections: fc.integer({ min: 10, max: 300 }),
  resources,
  dockerImage: fc.constant('ghcr.io/zalando/postgres-operator/pgbouncer:v2.0.1'),
}, { requiredKeys: [] });

/** Flag only, section only (which enables it), flag false beside a section, replica only … */
const pooler = fc.record({
  enableConnectionPooler: fc.boolean(),
  enableReplicaConnectionPooler: fc.boolean(),
  connectionPooler,
  enableMasterPoolerLoadBalancer: fc.boolean(),
  enableReplicaPoolerLoadBalancer: fc.boolean(),
}, { requiredKeys: [] });

const logicalBackup = fc.record({
  enableLogicalBackup: fc.boolean(),
  logicalBackupSchedule: cronSchedule,
  logicalBackupRetention: fc.constantFrom('3 months', '1 week', '30 days'),
}, { requiredKeys: ['enableLogicalBackup'] });

// ---- clone, standby ----

const rfc3339WithOffset = fc.tuple(
  fc.date({ min: new Date('2020-01-01T00:00:00Z'), max: new Date('2026-11-01T00:00:00Z'), noInvalidDate: true }),
  fc.constantFrom('+00:00', '+01:00', '-05:00'),
).map(([date, offset]) => `${date.toISOString().slice(0, 19)}${offset}`);

const sourceCluster = fc.constantFrom('acid-minimal-cluster', 'acid-batman');

const clone = fc.oneof(
  sourceCluster.map((cluster) => ({ cluster })),
  fc.record({
    cluster: sourceCluster,
    uid: fc.uuid(),
    timestamp: rfc3339WithOffset,
    s3_wal_path: fc.constant('s3://custom/path/to/bucket'),
    s3_endpoint: fc.constant('https://s3.example.com'),
    s3_force_path_style: fc.boolean(),
  }, { requiredKeys: ['cluster', 'uid', 'timestamp'] }),
);

const standby = fc.oneof(
  fc.constant({ s3_wal_path: 's3://mybucket/spilo/acid-minimal-cluster/abcd1234/wal/16/' }),
  fc.constant({ gs_wal_path: 'gs://mybucket/spilo/acid-minimal-cluster/wal/17/' }),
  fc.record({
    standby_host: fc.constantFrom('acid-minimal-cluster.default', '10.0.0.12'),
    standby_port: fc.constantFrom('5432', '5433'),
    standby_primary_slot_name: fc.constant('standby_slot'),
    gs_wal_path: fc.constant('gs://mybucket/spilo/acid-minimal-cluster/wal/17/'),
  }, { requiredKeys: ['standby_host'] }),
);

const annotations = fc.dictionary(qualifiedName, fc.string({ maxLength: 30 }), { maxKeys: 3 });

const scheduling = fc.record({
  enableMasterLoadBalancer: fc.boolean(),
  enableReplicaLoadBalancer: fc.boolean(),
  enableMasterNodePort: fc.boolean(),
  allowedSourceRanges: fc.constantFrom(['127.0.0.1/32'], ['10.0.0.0/8', '192.168.0.0/16'], ['fd00::/8']),
  maintenanceWindows: fc.constantFrom(['Sat:01:00-06:00'], ['01:00-06:00', 'Sun:22:00-23:59']),
  spiloRunAsUser: fc.constant(101),
  spiloRunAsGroup: fc.constant(103),
  spiloFSGroup: fc.constant(103),
  enableShmVolume: fc.boolean(),
  podPriorityClassName: fc.constant('postgres-pod-priority'),
  schedulerName: fc.constant('default-scheduler'),
  dockerImage: fc.constant('ghcr.io/zalando/spilo-18:4.1-p2'),
  tolerations: fc.constant([{ key: 'postgres', operator: 'Exists', effect: 'NoSchedule' }]),
}, { requiredKeys: [] });

// ---- assembly ----

function manifestParts(name: fc.Arbitrary<string>, ns: fc.Arbitrary<string>) {
  return fc.record({
    name,
    namespace: ns,
    teamId,
    numberOfInstances: fc.integer({ min: 0, max: 5 }),
    postgresql,
    volume,
    resources: optional(resources),
    patroni: optional(patroni),
    users,
    databases,
    rotation: optional(rotationLists),
    prepared: optional(preparedDatabases),
    pooler: optional(pooler),
    backup: optional(logicalBackup),
    sidecars: fc.uniqueArray(sidecar, { maxLength: 2, selector: (s) => s.name }),
    initContainers: fc.uniqueArray(initContainer, { maxLength: 2, selector: (c) => c.name }),
    tls: optional(tls),
    additionalVolumes: fc.uniqueArray(additionalVolume, { maxLength: 3, selector: (v) => v.name }),
    podAnnotations: optional(annotations),
    serviceAnnotations: optional(annotations),
    masterServiceAnnotations: optional(annotations),
    env: optional(envList),
    source: fc.oneof({ withCrossShrink: true }, fc.constant(undefined), clone.map((c) => ({ clone: c })), standby.map((s) => ({ standby: s }))),
    scheduling: optional(scheduling),
  });
}
type Parts = ReturnType<typeof manifestParts> extends fc.Arbitrary<infer T> ? T : never;

function nonEmpty<T extends object>(value: T | undefined): T | undefined {
  return value && Object.keys(value).length > 0 ? value : undefined;
}

/** Port names and numbers are unique within a pod; a later duplicate is dropped. */
function uniquePorts(sidecars: Parts['sidecars']): Parts['sidecars'] {
  const names = new Set<string>();
  const numbers = new Set<string>();
  return sidecars.map((s) => {
    if (!s.ports) return s;
    const ports = s.ports.filter((p) => {
      const key = `${p.containerPort}/${p.protocol ?? 'TCP'}`;
      if (numbers.has(key) || (p.name !== undefined && names.has(p.name))) return false;
      numbers.add(key);
      if (p.name !== undefined) names.add(p.name);
      return true;
    });
    return { ...s, ports };
  });
}

function preparedSection(parts: Parts): Json | undefined {
  if (parts.prepared === undefined) return undefined;
  // The database named after the cluster gets roles `<name>_data_writer`; keep them within 63 bytes.
  if (parts.prepared === 'named-after-cluster') return parts.name.length <= 63 - '_data_writer'.length ? {} : { [cut(parts.name.replaceAll('-', '_'), 24)]: {} };
  return Object.fromEntries(Object.entries(parts.prepared).map(([db, section]) => {
    const schemas = Object.keys(section.schemas ?? {});
    const targets = ['public', ...(schemas.length > 0 ? schemas : ['data'])];
    const extensions = section.extensions ? Object.fromEntries(Object.entries(section.extensions).map(([ext, i]) => [ext, targets[i % targets.length]!])) : undefined;
    return [db, defined({ ...section, extensions })];
  }));
}

function targetContainers(targets: Parts['additionalVolumes'][number]['targets'], sidecars: string[]): string[] | null | undefined {
  if (targets === 'absent') return undefined;
  if (targets === 'null') return null;
  if (targets === 'all' || targets === 'postgres') return [targets];
  if (sidecars.length === 0) return ['postgres'];
  return [...new Set(targets.map((i) => sidecars[i % sidecars.length]!))];
}

/** The replica pooler's auth Secret is mounted as volume `<name>-pooler-repl-u`, a DNS label of at most 63. */
function poolerSection(parts: Parts): Parts['pooler'] {
  const fits = parts.name.length <= 63 - '-pooler-repl-u'.length;
  return parts.pooler?.enableReplicaConnectionPooler && !fits ? { ...parts.pooler, enableReplicaConnectionPooler: false } : parts.pooler;
}

function assemble(parts: Parts): Manifest {
  const userNames = parts.users.map(([name]) => name);
  const prepared = preparedSection(parts);
  const sidecars = uniquePorts(parts.sidecars);
  const sidecarNames = sidecars.map((s) => s.name);
  const initContainers = parts.initContainers.filter((c) => !sidecarNames.includes(c.name));
  const mountPaths = new Set<string>();
  const additionalVolumes = parts.additionalVolumes
    .filter((v) => !mountPaths.has(v.mountPath) && mountPaths.add(v.mountPath))
    .map(({ targets, ...v }) => defined({ ...v, targetContainers: targetContainers(targets, sidecarNames) }));
  const databases = userNames.length === 0 ? [] : parts.databases.filter(([db]) => !(prepared && db in prepared));
  const pick = (indices: number[] | undefined) => (indices && userNames.length > 0 ? [...new Set(indices.map((i) => userNames[i % userNames.length]!))] : undefined);
  const spec = defined({
    teamId: parts.teamId,
    numberOfInstances: parts.numberOfInstances,
    postgresql: parts.postgresql,
    volume: parts.volume,
    resources: nonEmpty(parts.resources),
    patroni: parts.patroni,
    users: nonEmpty(Object.fromEntries(parts.users)),
    databases: nonEmpty(Object.fromEntries(databases.map(([db, owner]) => [db, userNames[owner % userNames.length]!]))),
    usersWithSecretRotation: pick(parts.rotation?.usersWithSecretRotation),
    usersWithInPlaceSecretRotation: pick(parts.rotation?.usersWithInPlaceSecretRotation),
    usersIgnoringSecretRotation: pick(parts.rotation?.usersIgnoringSecretRotation),
    preparedDatabases: prepared,
    ...poolerSection(parts),
    ...parts.backup,
    sidecars: sidecars.length > 0 ? sidecars : undefined,
    initContainers: initContainers.length > 0 ? initContainers : undefined,
    tls: parts.tls && parts.tls.caSecretName === parts.tls.secretName ? { ...parts.tls, caSecretName: undefined } : parts.tls,
    additionalVolumes: additionalVolumes.length > 0 ? additionalVolumes : undefined,
    podAnnotations: nonEmpty(parts.podAnnotations),
    serviceAnnotations: nonEmpty(parts.serviceAnnotations),
    masterServiceAnnotations: nonEmpty(parts.masterServiceAnnotations),
    env: parts.env && parts.env.length > 0 ? parts.env : undefined,
    ...parts.source,
    ...parts.scheduling,
  });
  return JSON.parse(JSON.stringify({
    apiVersion: 'acid.zalan.do/v1',
    kind: 'postgresql',
    metadata: { name: parts.name, namespace: parts.namespace },
    spec,
  })) as Manifest;
}

/** A manifest a careful Zalando user would consider valid, for the given name and namespace. */
export function manifestNamed(name: fc.Arbitrary<string> = clusterName, ns: fc.Arbitrary<string> = namespace): fc.Arbitrary<Manifest> {
  return manifestParts(name, ns).map(assemble);
}

export const validManifest = manifestNamed();
