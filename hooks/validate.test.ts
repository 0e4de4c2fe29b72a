// Inputs that would make a child the API server refuses are Invalid up front, with the field path.
import t from 'tap';
import { loadManifest, parentOf, syncRequest } from '../fixtures/requests.js';
import type { OperatorConfig } from '../schemas/config.js';
import type { KubeObject, ParentEnvelope } from '../schemas/hook.js';
import { inputs } from '../test/support.js';
import { defaultConfig } from './config.js';
import { sync } from './sync.js';
import { validateParent, type Violation } from './validate.js';

interface Options { name?: string; config?: Partial<OperatorConfig> }

function check(spec: Record<string, unknown>, options: Options = {}): Violation[] {
  const manifest = loadManifest('minimal');
  const changed = { ...manifest, metadata: { ...manifest.metadata, name: options.name ?? manifest.metadata.name }, spec: { ...manifest.spec, ...spec } };
  return validateParent(parentOf(changed) as ParentEnvelope, { ...defaultConfig(), ...options.config });
}

/** The messages at exactly `path`, one per line. */
function at(violations: Violation[], path: string): string {
  return violations.filter((v) => v.path === path).map((v) => v.message).join('\n');
}

const sidecar = (extra: Record<string, unknown> = {}) => ({ name: 'exporter', image: 'exporter:1', ...extra });
const initContainer = (extra: Record<string, unknown> = {}) => ({ name: 'prepare', image: 'busybox', ...extra });

t.test('the shipped example manifests are valid', async (t) => {
  for (const name of ['minimal', 'complete', 'pooler', 'logical-backup', 'prepared-databases', 'clone-basebackup', 'standby']) {
    const manifest = loadManifest(name);
    t.same(validateParent(parentOf(manifest) as ParentEnvelope, defaultConfig()), [], name);
  }
});

t.test('a memory quantity with the decimal K suffix is Invalid wherever it appears', async (t) => {
  const violations = check({
    resources: { limits: { memory: '100K' } },
    sidecars: [sidecar({ resources: { requests: { memory: '100K' } } })],
    connectionPooler: { resources: { limits: { memory: '100K' } } },
    volume: { size: '100K' },
  });
  for (const path of ['spec.resources.limits.memory', 'spec.sidecars.0.resources.requests.memory', 'spec.connectionPooler.resources.limits.memory', 'spec.volume.size']) {
    t.match(at(violations, path), /"K" is not a suffix/, path);
  }
});

t.test('with K in the manifest the sync hook answers Invalid, keeps every child, and no 500', async (t) => {
  const manifest = loadManifest('minimal');
  const statefulSet = { apiVersion: 'apps/v1', kind: 'StatefulSet', metadata: { name: 'acid-minimal-cluster', namespace: 'default' }, spec: {} } as KubeObject;
  const request = syncRequest({ ...manifest, spec: { ...manifest.spec, volume: { size: '100K' } } }, [statefulSet]);
  const response = sync(request, inputs());
  t.equal(response.status.PostgresClusterStatus, 'Invalid');
  t.same(response.children.map((c) => c.metadata.name), ['acid-minimal-cluster']);
});

t.test('a volume of zero bytes is refused by the claim', async (t) => {
  t.match(at(check({ volume: { size: '0' } }), 'spec.volume.size'), /greater than zero/);
});

t.test('a logical backup schedule out of range', async (t) => {
  t.match(at(check({ logicalBackupSchedule: '60 * * * *' }), 'spec.logicalBackupSchedule'), /minute 0-59/);
  t.match(at(check({ logicalBackupSchedule: '0 0 * * 7' }), 'spec.logicalBackupSchedule'), /weekday 0-6/);
  t.same(check({ logicalBackupSchedule: '*/15 3 1 12 6' }), []);
});

t.test('teamId becomes the team label value', async (t) => {
  t.match(at(check({ teamId: 'a team' }), 'spec.teamId'), /label value/);
  t.match(at(check({ teamId: 'x'.repeat(64) }), 'spec.teamId'), /63/);
  t.same(check({ teamId: 'ACID_team.1' }), []);
});

t.test('role names whose Secret name the API server refuses', async (t) => {
  const upper = check({ preparedDatabases: { Shop: { defaultUsers: true } } });
  t.match(at(upper, 'spec.preparedDatabases.Shop'), /gives role Shop_owner_user the Secret name "Shop-owner-user\.acid-minimal-cluster\..*", which must consist of lower-case/);
  const leadingDash = check({ preparedDatabases: { _shop: { defaultUsers: true } } });
  t.match(at(leadingDash, 'spec.preparedDatabases._shop'), /"-shop-owner-user\./);
  const long = `u${'x'.repeat(249)}`;
  t.match(at(check({ users: { [long]: [] } }), `spec.users.${long}`), /no more than 253 characters/);
  t.match(at(check({ users: { app: [] } }, { config: { secret_name_template: '{username}.{cluster}.Credentials' } }), 'spec.users.app'), /lower-case/);
  const pooler = check({ connectionPooler: { user: 'pool_' + 'x'.repeat(240) } });
  t.match(at(pooler, 'spec.connectionPooler.user'), /253/);
  t.same(check({ preparedDatabases: { shop: { defaultUsers: true, schemas: { data: { defaultUsers: true } } } } }), [], 'lower-case names are fine');
});

t.test('extension names may contain "-" (uuid-ossp); anything else outside identifiers is refused', async (t) => {
  t.same(check({ preparedDatabases: { shop: { extensions: { 'uuid-ossp': 'public', pg_trgm: 'public' } } } }), []);
  t.match(at(check({ preparedDatabases: { shop: { extensions: { 'uuid ossp': 'public' } } } }), 'spec.preparedDatabases.shop.extensions.uuid ossp'), /extension name must start with a letter/);
  t.match(at(check({ preparedDatabases: { shop: { extensions: { pgcrypto: 'my-schema' } } } }), 'spec.preparedDatabases.shop.extensions.pgcrypto'), /schema name must start/);
});

t.test('TLS Secret names are volume names', async (t) => {
  t.match(at(check({ tls: { secretName: 'my.tls' } }), 'spec.tls.secretName'), /DNS-1123 label/);
  t.match(at(check({ tls: { secretName: 'tls', caSecretName: 'ca.bundle' } }), 'spec.tls.caSecretName'), /DNS-1123 label/);
  t.match(at(check({ tls: { secretName: 'tls', caSecretName: 'tls' } }), 'spec.tls.caSecretName'), /another volume of the pod has that name/);
  t.same(check({ tls: { secretName: 'tls', caSecretName: 'tls-ca' } }), []);
});

t.test('container names: DNS labels, unique across postgres, sidecars and init containers', async (t) => {
  t.match(at(check({ sidecars: [sidecar({ name: 'My_Sidecar' })] }), 'spec.sidecars.0.name'), /DNS-1123 label/);
  t.match(at(check({ sidecars: [sidecar(), sidecar()] }), 'spec.sidecars.1.name'), /another sidecar/);
  t.match(at(check({ sidecars: [sidecar({ name: 'postgres' })] }), 'spec.sidecars.0.name'), /database container/);
  t.match(at(check({ sidecars: [sidecar()], initContainers: [initContainer({ name: 'exporter' })] }), 'spec.initContainers.0.name'), /already the name of a container/);
  t.match(at(check({ initContainers: [initContainer({ name: 'postgres' })] }), 'spec.initContainers.0.name'), /already the name/);
  t.match(at(check({ initContainers: [initContainer(), initContainer()] }), 'spec.initContainers.1.name'), /already the name/);
  t.match(at(check({ initContainers: [initContainer({ name: '' })] }), 'spec.initContainers.0.name'), /RFC 1123 label/);
  t.match(at(check({ initContainers: [initContainer({ image: undefined })] }), 'spec.initContainers.0.image'), /must not be empty/);
  t.match(at(check({ dockerImage: 'spilo:1 ' }), 'spec.dockerImage'), /whitespace/);
  t.match(at(check({ sidecars: [sidecar({ name: '' }), sidecar({ name: 'sidecar-0' })] }), 'spec.sidecars.1.name'), /another sidecar/, 'the default name counts');
});

t.test('environment variable names and sources', async (t) => {
  t.match(at(check({ env: [{ name: 'A=B', value: 'x' }] }), 'spec.env.0.name'), /environment variable name/);
  t.match(at(check({ sidecars: [sidecar({ env: [{ name: 'X=1' }] })] }), 'spec.sidecars.0.env.0.name'), /environment variable name/);
  t.match(at(check({ initContainers: [initContainer({ env: [{ name: 'A=B' }] })] }), 'spec.initContainers.0.env.0.name'), /printable ASCII/);
  t.match(at(check({ env: [{ name: 'X', value: 'v', valueFrom: { secretKeyRef: { name: 's', key: 'k' } } }] }), 'spec.env.0.valueFrom'), /non-empty value/);
  t.match(at(check({ env: [{ name: 'X', valueFrom: { secretKeyRef: { name: 'Bad_Name', key: 'k' } } }] }), 'spec.env.0.valueFrom.secretKeyRef.name'), /RFC 1123 subdomain/);
  t.match(at(check({ env: [{ name: 'X', valueFrom: { fieldRef: { fieldPath: 'spec.nothing' } } }] }), 'spec.env.0.valueFrom.fieldRef.fieldPath'), /must be one of/);
  t.match(at(check({ envFrom: [{ configMapRef: { name: 'a' }, secretRef: { name: 'b' } }] }), 'spec.envFrom.0'), /exactly one/);
  t.same(check({ env: [{ name: 'my.env-name', value: 'x' }, { name: 'LABEL', valueFrom: { fieldRef: { fieldPath: "metadata.labels['team']" } } }] }), []);
});

t.test('container ports', async (t) => {
  const violations = check({ sidecars: [sidecar({ ports: [{ containerPort: 70000 }, { containerPort: 80, name: 'a-name-over-fifteen' }, { containerPort: 81, name: 'x--y' }, { containerPort: 82, name: 'web' }, { containerPort: 83, name: 'web' }] })] });
  t.match(at(violations, 'spec.sidecars.0.ports.0.containerPort'), /1 and 65535/);
  t.match(at(violations, 'spec.sidecars.0.ports.1.name'), /no more than 15 characters/);
  t.match(at(violations, 'spec.sidecars.0.ports.2.name'), /consecutive hyphens/);
  t.match(at(violations, 'spec.sidecars.0.ports.4.name'), /another port/);
  t.equal(at(violations, 'spec.sidecars.0.ports.3.name'), '');
});

t.test('int32 and user or group ids', async (t) => {
  t.match(at(check({ numberOfInstances: 2147483648 }), 'spec.numberOfInstances'), /2147483647/);
  t.match(at(check({ connectionPooler: { numberOfInstances: 2147483648 } }), 'spec.connectionPooler.numberOfInstances'), /2147483647/);
  for (const field of ['spiloRunAsUser', 'spiloRunAsGroup', 'spiloFSGroup']) {
    t.match(at(check({ [field]: -1 }), `spec.${field}`), />= 0/, field);
  }
});

t.test('annotation keys are qualified names', async (t) => {
  t.match(at(check({ podAnnotations: { 'bad key': 'x' } }), 'spec.podAnnotations'), /key "bad key"/);
  t.match(at(check({ serviceAnnotations: { 'a/b/c': 'x' } }), 'spec.serviceAnnotations'), /one "\/"/);
  t.match(at(check({ masterServiceAnnotations: { '-x': 'x' } }), 'spec.masterServiceAnnotations'), /start and end/);
  t.match(at(check({ replicaServiceAnnotations: { 'Bad_Prefix/x': 'x' } }), 'spec.replicaServiceAnnotations'), /prefix part/);
  t.match(at(check({ podAnnotations: { 'controller.kubernetes.io/pod-deletion-cost': 'high' } }), 'spec.podAnnotations.controller.kubernetes.io/pod-deletion-cost'), /32-bit/);
  t.same(check({ podAnnotations: { 'Example.COM/Owner': 'x', 'prometheus.io/scrape': 'true' } }), []);
});

t.test('subPaths stay inside their volume', async (t) => {
  t.match(at(check({ volume: { size: '1Gi', subPath: '../other' } }), 'spec.volume.subPath'), /relative path without ".."/);
  t.match(at(check({ volume: { size: '1Gi', subPath: '/abs' } }), 'spec.volume.subPath'), /relative path/);
  const extra = { name: 'extra', mountPath: '/extra', volumeSource: { emptyDir: {} } };
  t.match(at(check({ additionalVolumes: [{ ...extra, subPath: 'a/../../b' }] }), 'spec.additionalVolumes.0.subPath'), /relative path/);
  t.same(check({ volume: { size: '1Gi', subPath: 'pg..data/x' }, additionalVolumes: [{ ...extra, subPath: 'ok/.hidden' }] }), []);
});

t.test('additional volumes must not clash with the operator\'s volumes or each other', async (t) => {
  const volume = (name: string, mountPath: string) => ({ name, mountPath, volumeSource: { emptyDir: {} } });
  t.match(at(check({ additionalVolumes: [volume('dshm', '/x')] }, { config: { enable_shm_volume: true } }), 'spec.additionalVolumes.0.name'), /the operator mounts a volume of that name/);
  t.match(at(check({ additionalVolumes: [volume('pgdata', '/x')] }), 'spec.additionalVolumes.0.name'), /operator mounts/);
  t.match(at(check({ additionalVolumes: [volume('postgresql-run', '/x')] }, { config: { share_pgsocket_with_sidecars: true } }), 'spec.additionalVolumes.0.name'), /operator mounts/);
  t.match(at(check({ additionalVolumes: [volume('creds', '/x')] }, { config: { additional_secret_mount: 'creds', additional_secret_mount_path: '/creds' } }), 'spec.additionalVolumes.0.name'), /operator mounts/);
  t.match(at(check({ additionalVolumes: [volume('a', '/a'), volume('a', '/b')] }), 'spec.additionalVolumes.1.name'), /another volume/);
  t.match(at(check({ additionalVolumes: [volume('tls', '/x')], tls: { secretName: 'tls' } }), 'spec.tls.secretName'), /another volume/);
  t.match(at(check({ additionalVolumes: [volume('shm', '/dev/shm')] }, { config: { enable_shm_volume: true } }), 'spec.additionalVolumes.0.mountPath'), /"\/dev\/shm" is mounted twice in container postgres \(dshm and shm\)/);
  t.same(check({ additionalVolumes: [volume('shm', '/dev/shm')] }, { config: { enable_shm_volume: false } }), [], 'without the shm volume /dev/shm is free');
  t.match(at(check({ additionalVolumes: [{ name: 'two', mountPath: '/two', volumeSource: { emptyDir: {}, secret: { secretName: 's' } } }] }), 'spec.additionalVolumes.0.volumeSource'), /exactly one volume type/);
});

t.test('long cluster names break the names derived from them only when the feature is on', async (t) => {
  const name = `a${'b'.repeat(50)}`;
  t.same(check({}, { name }), [], '51 characters without a pooler');
  const replica = check({ enableReplicaConnectionPooler: true }, { name });
  t.match(at(replica, 'metadata.name'), new RegExp(`pooler auth Secret volume the name "${name}-pooler-repl-u", which must be no more than 63 characters`));
  const longer = `${name}x`;
  t.match(at(check({ enableReplicaConnectionPooler: true }, { name: longer }), 'metadata.name'), new RegExp(`pooler Service \\(also a label value\\) the name "${longer}-pooler-repl"`));
  t.same(check({ enableConnectionPooler: true }, { name: longer }), [], 'the master pooler still fits');
});

t.test('resources as the containers get them', async (t) => {
  t.match(at(check({ resources: { requests: { 'hugepages-2Mi': '4Mi' } } }), 'spec.resources.limits.hugepages-2Mi'), /must be set/);
  t.match(at(check({ resources: { requests: { 'hugepages-2Mi': '4Mi' }, limits: { 'hugepages-2Mi': '6Mi' } } }), 'spec.resources.requests.hugepages-2Mi'), /must equal the hugepages-2Mi limit 6Mi/);
  t.match(at(check({ resources: { limits: { 'hugepages-2Mi': '3Mi' } } }), 'spec.resources.limits.hugepages-2Mi'), /whole number of 2Mi pages/);
  t.match(at(check({ initContainers: [initContainer({ resources: { limits: { cpu: '1Y' } } })] }), 'spec.initContainers.0.resources.limits.cpu'), /Kubernetes quantity/);
  t.match(at(check({ initContainers: [initContainer({ resources: { requests: { cpu: '2' }, limits: { cpu: '1' } } })] }), 'spec.initContainers.0.resources.requests.cpu'), /must not exceed the cpu limit 1/);
  t.same(check({ resources: { requests: { cpu: '2', 'hugepages-2Mi': '4Mi' }, limits: { cpu: '1', 'hugepages-2Mi': '4Mi' } } }), [], 'the operator raises the cpu limit to the request');
});

t.test('init container mounts name volumes of the pod', async (t) => {
  const mounts = (volumeMounts: unknown[]) => check({ initContainers: [initContainer({ volumeMounts })] });
  t.same(mounts([{ name: 'pgdata', mountPath: '/home/postgres/pgdata' }]), []);
  t.match(at(mounts([{ name: 'nothing', mountPath: '/x' }]), 'spec.initContainers.0.volumeMounts.0.name'), /not a volume of the pod/);
  t.match(at(mounts([{ name: 'pgdata', mountPath: '/x', subPath: '/abs' }]), 'spec.initContainers.0.volumeMounts.0.subPath'), /relative path/);
  t.match(at(mounts([{ name: 'pgdata', mountPath: '/x' }, { name: 'pgdata', mountPath: '/x' }]), 'spec.initContainers.0.volumeMounts.1.mountPath'), /mounted twice/);
});

t.test('scheduling fields the pods receive unchanged', async (t) => {
  t.match(at(check({ tolerations: [{ operator: 'Equal', value: 'x' }] }), 'spec.tolerations.0.operator'), /must be Exists when the key is empty/);
  t.match(at(check({ tolerations: [{ key: 'k', operator: 'Exists', value: 'x' }] }), 'spec.tolerations.0.value'), /must be empty/);
  t.match(at(check({ tolerations: [{ key: 'k', tolerationSeconds: 5, effect: 'NoSchedule' }] }), 'spec.tolerations.0.effect'), /NoExecute/);
  const term = (matchExpressions: unknown[]) => ({ requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchExpressions }] } });
  t.match(at(check({ nodeAffinity: term([{ key: 'zone', operator: 'In', values: [] }]) }), 'spec.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms.0.matchExpressions.0.values'), /must not be empty/);
  t.match(at(check({ nodeAffinity: term([{ key: 'cpus', operator: 'Gt', values: ['many'] }]) }), 'spec.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms.0.matchExpressions.0.values'), /one integer/);
  const spread = { maxSkew: 1, topologyKey: 'zone', whenUnsatisfiable: 'DoNotSchedule' };
  t.match(at(check({ topologySpreadConstraints: [spread, spread] }), 'spec.topologySpreadConstraints.1'), /repeats/);
  t.match(at(check({ topologySpreadConstraints: [{ ...spread, maxSkew: 0 }] }), 'spec.topologySpreadConstraints.0.maxSkew'), /greater than zero/);
  t.match(at(check({ livenessProbe: { httpGet: { port: 8008 }, successThreshold: 2 } }), 'spec.livenessProbe.successThreshold'), /must be 1/);
  t.match(at(check({ livenessProbe: { httpGet: { port: 'a-very-long-port-name' } } }), 'spec.livenessProbe.httpGet.port'), /15 characters/);
  t.match(at(check({ volume: { size: '1Gi', selector: { matchLabels: { 'bad key': 'v' } } } }), 'spec.volume.selector.matchLabels'), /key|"bad key"/);
  t.match(at(check({ schedulerName: 'My_Scheduler' }), 'spec.schedulerName'), /DNS-1123 subdomain/);
  t.match(at(check({ podPriorityClassName: 'High' }), 'spec.podPriorityClassName'), /DNS-1123 subdomain/);
  t.match(at(check({ volume: { size: '1Gi', storageClass: 'Fast_SSD' } }), 'spec.volume.storageClass'), /DNS-1123 subdomain/);
});

t.test('maintenance windows the CRD pattern lets through and Zalando\'s parser refuses are Invalid at their index', async (t) => {
  const violations = check({ maintenanceWindows: ['Sat:01:00-06:00', 'Sat:1:5-2:00', ' 01:00-02:00', '23:00-01:00'] });
  t.same(violations.map((v) => v.path), ['spec.maintenanceWindows[1]', 'spec.maintenanceWindows[2]', 'spec.maintenanceWindows[3]']);
  t.match(at(violations, 'spec.maintenanceWindows[1]'), /"Sat:1:5-2:00": the start "1:5" is not a time/);
  t.match(at(violations, 'spec.maintenanceWindows[3]'), /the end is before the start/);
  t.same(check({ maintenanceWindows: ['Sun:22:00-23:59', '1:00-6:00'] }), []);
});
