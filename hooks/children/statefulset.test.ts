import t from 'tap';
import type { IStatefulSet } from 'kubernetes-models/apps/v1/StatefulSet';
import { loadManifest, syncRequest } from '../../fixtures/requests.js';
import { sync } from '../sync.js';
import { childrenOf, fedBack, inputs } from '../../test/support.js';
import { resourceRequirements } from '../resources.js';
import { defaultConfig, parseConfig } from '../config.js';
import { initdbOptions } from '../pod/spilo-configuration.js';
import { splitParameters } from '../patroni/dynamic-config.js';
import type { KubeObject } from '../../schemas/hook.js';

type Manifest = ReturnType<typeof loadManifest>;
const withSpec = (m: Manifest, spec: Record<string, unknown>): Manifest => ({ ...m, spec: { ...m.spec, ...spec } });

function statefulSet(manifest: Manifest, config = {}, children: KubeObject[] = [], related = {}): IStatefulSet {
  return childrenOf(sync(syncRequest(manifest, children, { related }), inputs(config)), 'StatefulSet')[0] as unknown as IStatefulSet;
}
const envOf = (s: IStatefulSet) => s.spec!.template.spec!.containers[0]!.env!;
const envNames = (s: IStatefulSet) => envOf(s).map((e) => e.name);

t.test('the fixed environment comes first, in Zalando\'s order', async (t) => {
  t.same(envNames(statefulSet(loadManifest('minimal'))), [
    'SCOPE', 'PGROOT', 'POD_IP', 'POD_NAMESPACE', 'PGUSER_SUPERUSER', 'KUBERNETES_SCOPE_LABEL', 'KUBERNETES_ROLE_LABEL',
    'PGPASSWORD_SUPERUSER', 'PGUSER_STANDBY', 'PGPASSWORD_STANDBY', 'PAM_OAUTH2', 'HUMAN_ROLE', 'PGVERSION', 'KUBERNETES_LABELS',
    'SPILO_CONFIGURATION', 'DCS_ENABLE_KUBERNETES_API', 'KUBERNETES_BOOTSTRAP_LABELS', 'KUBERNETES_USE_CONFIGMAPS',
  ]);
});

t.test('manifest env cannot override fixed variables, and lower-case names pre-empt operator WAL variables', async (t) => {
  const manifest = withSpec(loadManifest('minimal'), { env: [{ name: 'KUBERNETES_SCOPE_LABEL', value: 'hijack' }, { name: 'wal_s3_bucket', value: 'mine' }, { name: 'CUSTOM', value: '1' }] });
  const env = envOf(statefulSet(manifest, { wal_s3_bucket: 'operator-bucket', log_s3_bucket: 'logs' }));
  t.same(env.filter((e) => e.name === 'KUBERNETES_SCOPE_LABEL').map((e) => e.value), ['cluster-name']);
  t.notOk(env.some((e) => e.name === 'WAL_S3_BUCKET'), 'wal_s3_bucket from the manifest wins, case-insensitively');
  t.ok(env.some((e) => e.name === 'CUSTOM'));
  t.same(env.filter((e) => e.name.startsWith('LOG_')).map((e) => [e.name, e.value ?? '']), [['LOG_S3_BUCKET', 'logs'], ['LOG_BUCKET_SCOPE_SUFFIX', `/${syncRequest(manifest).parent.metadata.uid}`], ['LOG_BUCKET_SCOPE_PREFIX', '']]);
});

t.test('Endpoints and etcd modes', async (t) => {
  t.notOk(envNames(statefulSet(loadManifest('minimal'), { kubernetes_use_configmaps: false })).includes('KUBERNETES_USE_CONFIGMAPS'));
  const etcd = envOf(statefulSet(loadManifest('minimal'), { etcd_host: 'etcd:2379' }));
  t.same(etcd.filter((e) => ['ETCD_HOST', 'DCS_ENABLE_KUBERNETES_API'].includes(e.name)).map((e) => e.value), ['etcd:2379']);
});

t.test('pod environment ConfigMap and Secret arrive sorted, Secret first, and a missing one blocks', async (t) => {
  const related = {
    'ConfigMap.v1': { 'default/pod-env': { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'pod-env', namespace: 'default' }, data: { ZETA: 'z', ALPHA: 'a', shared: 'from-configmap' } } },
    'Secret.v1': { 'default/pod-secret': { apiVersion: 'v1', kind: 'Secret', metadata: { name: 'pod-secret', namespace: 'default' }, data: { shared: 'eA==', TOKEN: 'eA==' } } },
  };
  const env = envOf(statefulSet(loadManifest('minimal'), { pod_environment_configmap: 'pod-env', pod_environment_secret: 'pod-secret' }, [], related));
  const tail = env.slice(-4);
  t.same(tail.map((e) => e.name), ['TOKEN', 'shared', 'ALPHA', 'ZETA']);
  t.same(tail[1]?.valueFrom, { secretKeyRef: { name: 'pod-secret', key: 'shared' } });
  const blocked = sync(syncRequest(loadManifest('minimal')), inputs({ pod_environment_configmap: 'pod-env' }));
  t.equal(blocked.status.PostgresClusterStatus, 'SyncFailed');
  t.same(blocked.children, [], 'nothing observed, nothing returned, nothing created half-configured');
});

t.test('clone and standby variables', async (t) => {
  const base = envOf(statefulSet(loadManifest('clone-basebackup')));
  t.same(base.filter((e) => e.name.startsWith('CLONE_')).map((e) => e.name), ['CLONE_SCOPE', 'CLONE_METHOD', 'CLONE_HOST', 'CLONE_PORT', 'CLONE_USER', 'CLONE_PASSWORD']);
  t.same(base.find((e) => e.name === 'CLONE_PASSWORD')?.valueFrom, { secretKeyRef: { name: 'standby.acid-minimal-cluster.credentials.postgresql.acid.zalan.do', key: 'password' } });
  const pitr = envOf(statefulSet(loadManifest('clone-point-in-time')));
  t.same(pitr.filter((e) => e.name.startsWith('CLONE_')).map((e) => `${e.name}=${e.value ?? ''}`), [
    'CLONE_SCOPE=acid-minimal-cluster', 'CLONE_WALE_S3_PREFIX=s3://custom/path/to/bucket', 'CLONE_METHOD=CLONE_WITH_WALE',
    'CLONE_TARGET_TIME=2024-01-31T12:00:00+00:00', 'CLONE_WAL_BUCKET_SCOPE_PREFIX=', 'CLONE_AWS_ENDPOINT=https://s3.example.com',
    'CLONE_WALE_S3_ENDPOINT=https://s3.example.com', 'CLONE_AWS_ACCESS_KEY_ID=AKIAEXAMPLE', 'CLONE_AWS_SECRET_ACCESS_KEY=not-a-real-key',
    'CLONE_AWS_S3_FORCE_PATH_STYLE=1',
  ]);
  const standby = envOf(statefulSet(loadManifest('standby-host')));
  t.same(standby.filter((e) => e.name.startsWith('STANDBY_')).map((e) => e.name), ['STANDBY_HOST', 'STANDBY_PORT', 'STANDBY_PRIMARY_SLOT_NAME', 'STANDBY_WALE_GS_PREFIX', 'STANDBY_METHOD', 'STANDBY_WAL_BUCKET_SCOPE_PREFIX']);
});

t.test('TLS files, mounts and variables', async (t) => {
  const sts = statefulSet(loadManifest('complete'));
  const env = envOf(sts);
  t.same(env.filter((e) => e.name.startsWith('SSL_')).map((e) => [e.name, e.value]), [['SSL_CERTIFICATE_FILE', '/tls/tls.crt'], ['SSL_PRIVATE_KEY_FILE', '/tls/tls.key'], ['SSL_CA_FILE', '/tlsca/ca.crt']]);
  const volume = sts.spec!.template.spec!.volumes!.find((v) => v.name === 'pg-tls');
  t.same(volume?.secret, { secretName: 'pg-tls', defaultMode: 0o640 });
});

t.test('SPILO_CONFIGURATION splits parameters and orders initdb options', async (t) => {
  t.same(splitParameters({ shared_buffers: '1GB', max_connections: '100', ssl: 'on' }), { local: { shared_buffers: '1GB', ssl: 'on' }, dcs: { max_connections: '100' } });
  t.same(initdbOptions({ 'auth-host': 'md5', 'data-checksums': 'true', encoding: 'UTF8', debug: 'false' }), [{ 'auth-host': 'md5' }, { 'auth-local': 'trust' }, 'data-checksums', { debug: 'false' }, { encoding: 'UTF8' }]);
  const value = envOf(statefulSet(loadManifest('minimal'), { enable_pgversion_env_var: false })).find((e) => e.name === 'SPILO_CONFIGURATION')?.value;
  t.equal(value, '{"postgresql":{"bin_dir":"/usr/lib/postgresql/18/bin"},"bootstrap":{"initdb":[{"auth-host":"scram-sha-256"},{"auth-local":"trust"}],"dcs":{"failsafe_mode":false}}}');
});

t.test('resources: defaults, minimum limits, limit >= request, memory request = limit, maximum requests', async (t) => {
  const config = { ...defaultConfig(), min_cpu_limit: '250m', min_memory_limit: '250Mi', max_cpu_request: '2', max_memory_request: '1Gi' };
  t.same(resourceRequirements(undefined, { cpuRequest: '100m', memoryRequest: '100Mi', cpuLimit: '1', memoryLimit: '500Mi' }, config, { enforceBounds: true }),
    { requests: { cpu: '100m', memory: '100Mi' }, limits: { cpu: '1', memory: '500Mi' } });
  t.same(resourceRequirements({ limits: { cpu: '100m', memory: '100Mi' } }, {}, config, { enforceBounds: true }), { limits: { cpu: '250m', memory: '250Mi' } }, 'minimum limits apply');
  t.same(resourceRequirements({}, {}, config, { enforceBounds: true }), { limits: { cpu: '250m', memory: '250Mi' } }, 'an absent limit counts as zero');
  t.same(resourceRequirements({}, {}, config, { enforceBounds: false }), undefined, 'sidecars get no minimum');
  t.same(resourceRequirements({ requests: { cpu: '3', memory: '2Gi' }, limits: { cpu: '1', memory: '1Gi' } }, {}, config, { enforceBounds: true }),
    { requests: { cpu: '2', memory: '1Gi' }, limits: { cpu: '3', memory: '2Gi' } }, 'limits rise to requests, then requests are capped');
  t.same(resourceRequirements({ requests: { memory: '100Mi' }, limits: { memory: '1Gi' } }, {}, { ...config, set_memory_request_to_limit: true }, { enforceBounds: false }),
    { requests: { memory: '1Gi' }, limits: { memory: '1Gi' } });
  t.same(resourceRequirements({ requests: { cpu: '0', memory: '' } }, { cpuRequest: '10m', memoryRequest: '20Mi' }, config, { enforceBounds: false }),
    { requests: { cpu: '10m', memory: '20Mi' } }, '"0" and "" count as unset');
  const annotated = { ...loadManifest('minimal'), metadata: { ...loadManifest('minimal').metadata, annotations: { 'no-limits': 'true' } } };
  const resources = statefulSet(annotated, { min_cpu_limit: '4', ignore_resources_limits_annotation_key: 'no-limits' }).spec!.template.spec!.containers[0]!.resources;
  t.equal(resources?.limits?.cpu, '1', 'the parent can opt out of the bounds');
});

t.test('instance limits and the standby exception', async (t) => {
  t.equal(statefulSet(loadManifest('minimal'), { max_instances: 1 }).spec?.replicas, 1);
  t.equal(statefulSet(loadManifest('minimal'), { min_instances: 3 }).spec?.replicas, 3);
  t.equal(statefulSet(loadManifest('standby'), { min_instances: 3 }).spec?.replicas, 1);
});

t.test('update strategy and pod management', async (t) => {
  t.same(statefulSet(loadManifest('minimal')).spec?.updateStrategy, { type: 'OnDelete' }, 'Zalando\'s: the operations Job rolls pods');
  t.same(statefulSet(loadManifest('minimal'), { statefulset_update_strategy: 'RollingUpdate' }).spec?.updateStrategy, { type: 'RollingUpdate' });
  t.equal(statefulSet(loadManifest('minimal'), { pod_management_policy: 'parallel' }).spec?.podManagementPolicy, 'Parallel');
});

t.test('data volumes survive the deletion of the cluster unless claim deletion is asked for', async (t) => {
  const policy = (config = {}) => statefulSet(loadManifest('minimal'), config).spec?.persistentVolumeClaimRetentionPolicy;
  t.same(policy(), { whenDeleted: 'Retain', whenScaled: 'Retain' }, 'the default: kept (Zalando deletes them by default)');
  t.same(policy({ enable_persistent_volume_claim_deletion: true }), { whenDeleted: 'Delete', whenScaled: 'Retain' });
  t.same(policy({ persistent_volume_claim_retention_policy: { when_deleted: 'delete', when_scaled: 'retain' } }), { whenDeleted: 'Delete', whenScaled: 'Retain' });
  t.same(policy({ persistent_volume_claim_retention_policy: { when_deleted: 'retain', when_scaled: 'delete' } }), { whenDeleted: 'Retain', whenScaled: 'Delete' });
  t.same(parseConfig({ enable_persistent_volume_claim_deletion: 'true' }).config.enable_persistent_volume_claim_deletion, true, 'an option now, no longer accepted without effect');
  t.same(parseConfig({ enable_persistent_volume_claim_deletion: 'true' }).withoutEffect, []);
});

t.test('immutable fields are carried from the observed StatefulSet and the change is reported', async (t) => {
  const request = syncRequest(loadManifest('minimal'));
  const first = sync(request, inputs());
  const grown = { ...request, parent: { ...request.parent, spec: { ...(request.parent.spec as object), volume: { size: '5Gi', storageClass: 'fast' } } } };
  const next = sync({ ...fedBack(request, first), parent: grown.parent }, inputs({ pod_management_policy: 'parallel', cluster_labels: { application: 'db' } }));
  const sts = childrenOf(next, 'StatefulSet')[0] as unknown as IStatefulSet;
  const before = childrenOf(first, 'StatefulSet')[0] as unknown as IStatefulSet;
  t.same(sts.spec?.volumeClaimTemplates?.[0]?.spec?.resources, before.spec?.volumeClaimTemplates?.[0]?.spec?.resources);
  t.same(sts.spec?.selector, before.spec?.selector);
  t.match(sts.spec?.template.metadata?.labels, before.spec?.selector?.matchLabels, 'the pods still match the kept selector');
  t.equal(sts.spec?.podManagementPolicy, 'OrderedReady');
  const applied = next.status.conditions?.find((c) => c.type === 'SpecApplied');
  t.equal(applied?.status, 'False');
  t.match(applied?.message, /spec\.volume\.size 1Gi → 5Gi is not applied/);
  t.match(applied?.message, /storageClass \(default\) → fast/);
  t.match(applied?.message, /pod selector/);
  t.match(applied?.message, /pod_management_policy OrderedReady → Parallel/);
});

t.test('sidecars get the four connection variables and the data volume', async (t) => {
  const sidecar = statefulSet(loadManifest('complete')).spec!.template.spec!.containers[1]!;
  t.equal(sidecar.name, 'telegraf-sidecar');
  t.same(sidecar.env!.map((e) => e.name), ['POD_NAME', 'POD_NAMESPACE', 'POSTGRES_USER', 'POSTGRES_PASSWORD', 'USEFUL_VAR']);
  t.same(sidecar.volumeMounts!.map((m) => m.mountPath), ['/home/postgres/pgdata', '/opt/empty', '/etc/telegraf']);
});

t.test('scheduling: config toleration, node readiness label, anti-affinity', async (t) => {
  const spec = statefulSet(loadManifest('minimal'), {
    toleration: { key: 'db', operator: 'Exists', effect: 'NoSchedule' }, node_readiness_label: { zone: 'a', ready: 'yes' },
    enable_pod_antiaffinity: true, pod_antiaffinity_preferred_during_scheduling: true,
  }).spec!.template.spec!;
  t.same(spec.tolerations, [{ key: 'db', operator: 'Exists', effect: 'NoSchedule' }]);
  t.same(spec.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution?.nodeSelectorTerms, [{ matchExpressions: [{ key: 'ready', operator: 'In', values: ['yes'] }, { key: 'zone', operator: 'In', values: ['a'] }] }]);
  t.equal(spec.affinity?.podAntiAffinity?.preferredDuringSchedulingIgnoredDuringExecution?.[0]?.podAffinityTerm.topologyKey, 'kubernetes.io/hostname');
  const merged = statefulSet(loadManifest('complete'), { node_readiness_label: { ready: 'yes' }, node_readiness_label_merge: 'AND' }).spec!.template.spec!;
  t.same(merged.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution?.nodeSelectorTerms, [{ matchExpressions: [{ key: 'environment', operator: 'In', values: ['pci'] }, { key: 'ready', operator: 'In', values: ['yes'] }] }]);
});
