import t from 'tap';
import { loadManifest, syncRequest } from '../../fixtures/requests.js';
import type { KubeObject, SyncResponse } from '../../schemas/hook.js';
import type { PostgresSpec } from '../../schemas/postgresql.js';
import { childrenOf, decodeSecret, fedBack, inputs, validateKube, withSpecChange } from '../../test/support.js';
import { defaultConfig } from '../config.js';
import { sync } from '../sync.js';
import { poolSizes, poolerSettings } from '../pooler-settings.js';
import { clusterOf } from '../cluster.js';

const base = loadManifest('minimal');

function withSpec(extra: Partial<PostgresSpec>) {
  return { ...base, spec: { ...base.spec, ...extra } };
}

type Any = KubeObject & { spec: any; data?: Record<string, string> };

function named(response: SyncResponse, kind: string, name: string): Any | undefined {
  return childrenOf(response, kind).find((c) => c.metadata.name === name) as Any | undefined;
}

function env(deployment: Any): Record<string, unknown> {
  return Object.fromEntries(deployment.spec.template.spec.containers[0].env.map((e: any) => [e.name, e.value ?? e.valueFrom]));
}

t.test('pool sizes follow Zalando\'s integer arithmetic', async (t) => {
  const sizes = (max: number, instances: number) => poolSizes({ maxDbConnections: max, instances, mode: '', schema: '', user: '', image: '' });
  t.same(sizes(60, 2), { maxDbConnections: 30, defaultSize: 15, minSize: 7, reserveSize: 7 });
  t.same(sizes(60, 1), { maxDbConnections: 60, defaultSize: 30, minSize: 15, reserveSize: 15 });
  t.same(sizes(60, 3), { maxDbConnections: 20, defaultSize: 10, minSize: 5, reserveSize: 5 });
  const manifest = withSpec({ connectionPooler: { user: 'postgres' } });
  t.equal(poolerSettings(clusterOf(manifest as never, manifest.spec as PostgresSpec), defaultConfig()).user, 'pooler', 'a reserved user name falls back to the configured one');
});

t.test('which poolers exist', async (t) => {
  const kinds = (spec: Partial<PostgresSpec>) => sync(syncRequest(withSpec(spec)), inputs()).children
    .filter((c) => c.metadata.name.includes('-pooler')).map((c) => `${c.kind} ${c.metadata.name}`).sort();
  t.same(kinds({}), [], 'off by default');
  t.same(kinds({ connectionPooler: {} }), [
    'Deployment acid-minimal-cluster-pooler', 'PodDisruptionBudget acid-minimal-cluster-pooler-pdb',
    'Secret acid-minimal-cluster-pooler-u', 'Service acid-minimal-cluster-pooler',
  ], 'a present section enables the master pooler');
  t.same(kinds({ connectionPooler: {}, enableConnectionPooler: false }), [], 'the flag wins over the section');
  t.same(kinds({ enableReplicaConnectionPooler: true, connectionPooler: { numberOfInstances: 1 }, enableConnectionPooler: false }), [
    'Deployment acid-minimal-cluster-pooler-repl', 'Secret acid-minimal-cluster-pooler-repl-u', 'Service acid-minimal-cluster-pooler-repl',
  ], 'replica only; one instance gets no PodDisruptionBudget');
});

t.test('Deployment, Service and auth file of both roles', async (t) => {
  const response = sync(syncRequest(loadManifest('pooler')), inputs());
  for (const child of response.children) validateKube(child);
  const master = named(response, 'Deployment', 'acid-pooled-pooler')!;
  const replica = named(response, 'Deployment', 'acid-pooled-pooler-repl')!;
  t.equal(env(master).PGHOST, 'acid-pooled');
  t.equal(env(replica).PGHOST, 'acid-pooled-repl');
  t.equal(replica.metadata.labels?.['spilo-role'], 'replica');
  t.same(replica.spec.selector.matchLabels, { application: 'db-connection-pooler', 'cluster-name': 'acid-pooled', 'connection-pooler': 'acid-pooled-pooler-repl' });
  t.same(named(response, 'Service', 'acid-pooled-pooler-repl')!.spec.selector, { 'connection-pooler': 'acid-pooled-pooler-repl' });
  const poolerSecret = decodeSecret(named(response, 'Secret', 'pooler.acid-pooled.credentials.postgresql.acid.zalan.do')!);
  for (const role of ['acid-pooled-pooler-u', 'acid-pooled-pooler-repl-u']) {
    t.equal(decodeSecret(named(response, 'Secret', role)!)['userlist.txt'], `"pooler" "${poolerSecret.password}"\n`);
  }
  t.same(named(response, 'PodDisruptionBudget', 'acid-pooled-pooler-pdb')!.spec, {
    maxUnavailable: 1, selector: { matchLabels: { application: 'db-connection-pooler', 'cluster-name': 'acid-pooled', 'connection-pooler': 'acid-pooled-pooler' } },
  });
  const apps = decodeSecret(named(response, 'Secret', 'app-owner.acid-pooled.credentials.postgresql.acid.zalan.do')!);
  t.equal(apps['pooler-host'], 'acid-pooled-pooler.apps.svc.cluster.local', 'credential Secrets point at the pooler too');
});

t.test('load balancer, node port and DNS names for pooler Services', async (t) => {
  const response = sync(syncRequest(withSpec({
    enableConnectionPooler: true, enableReplicaConnectionPooler: true,
    enableMasterPoolerLoadBalancer: true, enableReplicaPoolerNodePort: true, replicaPoolerNodePort: 30432,
  })), inputs());
  const master = named(response, 'Service', 'acid-minimal-cluster-pooler')!;
  t.equal(master.spec.type, 'LoadBalancer');
  t.equal(master.metadata.annotations?.['external-dns.alpha.kubernetes.io/hostname'], 'acid-minimal-cluster-pooler.default.db.example.com');
  t.same(master.spec.loadBalancerSourceRanges, ['127.0.0.1/32']);
  const replica = named(response, 'Service', 'acid-minimal-cluster-pooler-repl')!;
  t.equal(replica.spec.type, 'NodePort');
  t.equal(replica.spec.ports[0].nodePort, 30432);
  const viaConfig = sync(syncRequest(withSpec({ enableReplicaConnectionPooler: true })), inputs({ enable_replica_pooler_load_balancer: true }));
  t.equal(named(viaConfig, 'Service', 'acid-minimal-cluster-pooler-repl')!.metadata.annotations?.['external-dns.alpha.kubernetes.io/hostname'],
    'acid-minimal-cluster-pooler-repl.default.db.example.com');
});

t.test('TLS, infrastructure roles, anti-affinity and tolerations reach the pooler pods', async (t) => {
  const b64 = (s: string) => Buffer.from(s).toString('base64');
  const related = { 'Secret.v1': { 'default/infra': { apiVersion: 'v1', kind: 'Secret', metadata: { name: 'infra', namespace: 'default' }, data: { user1: b64('robot_zmon'), password1: b64('zmon-pw') } } } };
  const manifest = withSpec({ connectionPooler: {}, tls: { secretName: 'pg-tls', caSecretName: 'pg-ca', caFile: 'ca.crt' }, tolerations: [{ key: 'db', operator: 'Exists', effect: 'NoSchedule' }] });
  const response = sync(syncRequest(manifest, [], { related }), inputs({ infrastructure_roles_secret_name: 'infra', enable_pod_antiaffinity: true }));
  const deployment = named(response, 'Deployment', 'acid-minimal-cluster-pooler')!;
  validateKube(deployment);
  const vars = env(deployment);
  t.equal(vars.INFRASTRUCTURE_ROLES, 'robot_zmon');
  t.equal(vars.CONNECTION_POOLER_CLIENT_TLS_CRT, '/tls/tls.crt');
  t.equal(vars.CONNECTION_POOLER_CLIENT_TLS_KEY, '/tls/tls.key');
  t.equal(vars.CONNECTION_POOLER_CLIENT_CA_FILE, '/tlsca/ca.crt');
  const pod = deployment.spec.template.spec;
  t.same(pod.volumes.map((v: any) => v.name), ['acid-minimal-cluster-pooler-u', 'pg-tls', 'pg-ca']);
  t.same(pod.tolerations, [{ key: 'db', operator: 'Exists', effect: 'NoSchedule' }]);
  t.same(pod.affinity.podAntiAffinity.requiredDuringSchedulingIgnoredDuringExecution[0].labelSelector.matchLabels['connection-pooler'], 'acid-minimal-cluster-pooler');
  t.match(decodeSecret(named(response, 'Secret', 'acid-minimal-cluster-pooler-u')!)['userlist.txt'], /^"pooler" "[A-Za-z0-9]{64}"\n"robot_zmon" "zmon-pw"\n$/);
});

t.test('pooler pods restart when the pooler password changes, and only then', async (t) => {
  const manifest = withSpec({ connectionPooler: {}, usersWithInPlaceSecretRotation: ['pooler'] });
  const request = syncRequest(manifest);
  const first = sync(request, inputs());
  const annotation = (r: SyncResponse) => named(r, 'Deployment', 'acid-minimal-cluster-pooler')!.spec.template.metadata.annotations['postgres-metacontroller.io/pooler-credentials'];
  const again = sync(fedBack(request, first), inputs({}, 2));
  t.equal(annotation(again), annotation(first), 'stable while the password is');
  const rotated = sync(fedBack(request, first), { ...inputs({}, 3), now: new Date('2027-06-01T00:00:00Z') });
  t.not(annotation(rotated), annotation(first), 'an in-place rotation rolls the pooler pods');
});

t.test('a pooler Deployment taken over from Zalando keeps its pods until the credentials change', async (t) => {
  const manifest = withSpec({ connectionPooler: {}, usersWithInPlaceSecretRotation: ['pooler'] });
  const request = syncRequest(manifest);
  const ours = sync(request, inputs());
  const key = 'postgres-metacontroller.io/pooler-credentials';
  const hash = named(ours, 'Deployment', 'acid-minimal-cluster-pooler')!.metadata.annotations![key];
  // Zalando's Deployment: the same objects without either annotation (no last-applied record of ours either).
  const zalando = fedBack(request, ours);
  const deployments = zalando.children['Deployment.apps/v1']!;
  for (const deployment of Object.values(deployments) as Any[]) {
    delete deployment.metadata.annotations![key];
    delete deployment.metadata.annotations!['metacontroller.k8s.io/last-applied-configuration'];
    delete deployment.spec.template.metadata.annotations[key];
  }
  const taken = sync(zalando, inputs());
  const pooler = named(taken, 'Deployment', 'acid-minimal-cluster-pooler')!;
  t.equal(pooler.spec.template.metadata.annotations?.[key], undefined, 'the pod template stays as it runs: no pooler pod restarts');
  t.equal(pooler.metadata.annotations![key], hash, 'the Deployment records the credentials it was taken over with');
  const settled = sync(fedBack(zalando, taken), inputs());
  t.same(named(settled, 'Deployment', 'acid-minimal-cluster-pooler'), pooler, 'and stays so');
  const rotated = sync(fedBack(zalando, taken), { ...inputs({}, 3), now: new Date('2027-06-01T00:00:00Z') });
  const after = named(rotated, 'Deployment', 'acid-minimal-cluster-pooler')!;
  t.not(after.metadata.annotations![key], hash);
  t.equal(after.spec.template.metadata.annotations[key], after.metadata.annotations![key], 'new credentials roll the pods, as for a Deployment of ours');
  const next = sync(fedBack(zalando, rotated), { ...inputs({}, 3), now: new Date('2027-06-01T00:00:00Z') });
  t.equal(named(next, 'Deployment', 'acid-minimal-cluster-pooler')!.spec.template.metadata.annotations[key], after.spec.template.metadata.annotations[key], 'the template keeps the hash from then on');
});

t.test('switching the pooler off removes its objects and the pooler user\'s Secret, nothing else', async (t) => {
  const on = sync(syncRequest(withSpec({ connectionPooler: {} })), inputs());
  const off = sync(fedBack(syncRequest(withSpec({ connectionPooler: {} })), on), inputs());
  const request = fedBack(syncRequest(withSpec({ connectionPooler: {} })), off);
  const disabled = sync(withSpecChange(request, { enableConnectionPooler: false }), inputs());
  const gone = off.children.filter((c) => !disabled.children.some((d) => d.kind === c.kind && d.metadata.name === c.metadata.name)).map((c) => `${c.kind} ${c.metadata.name}`).sort();
  t.same(gone, [
    'Deployment acid-minimal-cluster-pooler', 'PodDisruptionBudget acid-minimal-cluster-pooler-pdb', 'Secret acid-minimal-cluster-pooler-u',
    'Secret pooler.acid-minimal-cluster.credentials.postgresql.acid.zalan.do', 'Service acid-minimal-cluster-pooler',
  ].concat(off.children.filter((c) => c.kind === 'ConfigMap').map((c) => `ConfigMap ${c.metadata.name}`)).sort(), 'the setup state also changes: it no longer installs the lookup function');
});

t.test('a changed pooler selector is not applied: the observed one stays and the pods keep matching it', async (t) => {
  const request = syncRequest(withSpec({ connectionPooler: {} }));
  const first = sync(request, inputs());
  const next = sync(fedBack(request, first), inputs({ cluster_name_label: 'cluster' }));
  const before = named(first, 'Deployment', 'acid-minimal-cluster-pooler')!;
  const after = named(next, 'Deployment', 'acid-minimal-cluster-pooler')!;
  t.same(after.spec.selector, before.spec.selector);
  t.match(after.spec.template.metadata.labels, { ...before.spec.selector.matchLabels, cluster: 'acid-minimal-cluster' });
  t.match(next.status.conditions?.find((c) => c.type === 'SpecApplied')?.message, /selector of Deployment acid-minimal-cluster-pooler changed and is not applied/);
});
