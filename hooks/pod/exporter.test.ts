import t from 'tap';
import type { IStatefulSet } from 'kubernetes-models/apps/v1/StatefulSet';
import { loadManifest, syncRequest } from '../../fixtures/requests.js';
import { childrenOf, decodeSecret, fedBack, inputs, withReadyInstances } from '../../test/support.js';
import { sync } from '../sync.js';

const EXPORTER = { enable_postgres_exporter: true };
const manifest = loadManifest('minimal');
const podSpec = (response: ReturnType<typeof sync>) => (childrenOf(response, 'StatefulSet')[0] as unknown as IStatefulSet).spec!.template.spec!;
const secretOf = (response: ReturnType<typeof sync>, user: string) =>
  childrenOf(response, 'Secret').find((s) => s.metadata.name === `${user.replaceAll('_', '-')}.${manifest.metadata.name}.credentials.postgresql.acid.zalan.do`);

t.test('off by default: no exporter container, no monitoring role, no PodMonitor', async (t) => {
  const response = sync(syncRequest(manifest), inputs());
  t.same(podSpec(response).containers.map((c) => c.name), ['postgres']);
  t.notOk(secretOf(response, 'postgres_exporter'));
  t.same(childrenOf(response, 'PodMonitor'), []);
});

t.test('the exporter logs in over loopback as the monitoring role, its password from that role\'s Secret', async (t) => {
  const response = sync(syncRequest(manifest), inputs(EXPORTER));
  const exporter = podSpec(response).containers.find((c) => c.name === 'postgres-exporter')!;
  t.ok(exporter, 'the sidecar is there');
  t.same(exporter.ports, [{ name: 'exporter', containerPort: 9187, protocol: 'TCP' }]);
  const secretName = secretOf(response, 'postgres_exporter')!.metadata.name;
  t.same(exporter.env, [
    { name: 'DATA_SOURCE_URI', value: '127.0.0.1:5432/postgres?sslmode=disable' },
    { name: 'DATA_SOURCE_USER', valueFrom: { secretKeyRef: { name: secretName, key: 'username' } } },
    { name: 'DATA_SOURCE_PASS', valueFrom: { secretKeyRef: { name: secretName, key: 'password' } } },
  ]);
  t.notOk(JSON.stringify(exporter).includes('PGPASSWORD_SUPERUSER') || JSON.stringify(exporter).includes('POSTGRES_PASSWORD'), 'never the superuser\'s password');
  t.same(exporter.resources, { requests: { cpu: '10m', memory: '32Mi' }, limits: { cpu: '200m', memory: '128Mi' } });
  t.equal(exporter.image, 'quay.io/prometheuscommunity/postgres-exporter:v0.18.1');
  t.notOk(exporter.readinessProbe, 'no probe: an exporter that is down must not take the database pod out of its Services');
});

t.test('the monitoring role\'s Secret is generated once and then carried byte for byte', async (t) => {
  const request = syncRequest(manifest);
  const first = sync(request, inputs(EXPORTER, 1));
  const secret = decodeSecret(secretOf(first, 'postgres_exporter')!);
  t.equal(secret.username, 'postgres_exporter');
  t.ok(secret.password!.length >= 20);
  const again = sync(fedBack(request, first), inputs(EXPORTER, 2));
  t.same(secretOf(again, 'postgres_exporter')!.data, secretOf(first, 'postgres_exporter')!.data, 'another random source changes nothing');
});

t.test('the setup Job creates the role: LOGIN, member of pg_monitor, nothing else, password from its Secret', async (t) => {
  const request = syncRequest(manifest);
  const first = sync(request, inputs(EXPORTER));
  const response = sync(withReadyInstances(request, first), inputs(EXPORTER));
  const configMap = childrenOf(response, 'ConfigMap').find((c) => /-setup-/.test(c.metadata.name)) as unknown as { data: Record<string, string> };
  const state = JSON.parse(configMap.data['state.json']!);
  const role = state.roles.find((r: { name: string }) => r.name === 'postgres_exporter');
  t.match(role, { flags: ['LOGIN'], memberOf: ['pg_monitor'], parameters: {} });
  t.notOk(role.adminRole);
  const job = childrenOf(response, 'Job').find((c) => /-setup-/.test(c.metadata.name)) as unknown as { spec: { template: { spec: { containers: Array<{ env: Array<{ name: string; valueFrom?: { secretKeyRef: { name: string } } }> }> } } } };
  const env = job.spec.template.spec.containers[0]!.env.find((e) => e.name === role.passwordEnv);
  t.equal(env?.valueFrom?.secretKeyRef.name, secretOf(first, 'postgres_exporter')!.metadata.name);
});

t.test('a manifest user cannot take the monitoring role\'s name', async (t) => {
  const taken = { ...manifest, spec: { ...manifest.spec, users: { postgres_exporter: ['superuser'] } } };
  const response = sync(syncRequest(taken), inputs(EXPORTER));
  const warnings = response.status.conditions?.find((c) => c.type === 'Warnings');
  t.match(warnings?.message, /spec\.users\.postgres_exporter is ignored/);
});

t.test('a sidecar already named postgres-exporter is someone\'s own: it stays, ours is not added', async (t) => {
  const own = { ...manifest, spec: { ...manifest.spec, sidecars: [{ name: 'postgres-exporter', image: 'example/own-exporter:1' }] } };
  const containers = podSpec(sync(syncRequest(own), inputs(EXPORTER))).containers.filter((c) => c.name === 'postgres-exporter');
  t.same(containers.map((c) => c.image), ['example/own-exporter:1']);
});

t.test('the PodMonitor is answered only with enable_pod_monitor and the exporter on, and selects the database pods\' exporter port', async (t) => {
  t.same(childrenOf(sync(syncRequest(manifest), inputs({ enable_pod_monitor: true })), 'PodMonitor'), [], 'no exporter, nothing to scrape');
  t.same(childrenOf(sync(syncRequest(manifest), inputs(EXPORTER)), 'PodMonitor'), []);
  const response = sync(syncRequest(manifest), inputs({ ...EXPORTER, enable_pod_monitor: true }));
  const [monitor] = childrenOf(response, 'PodMonitor') as unknown as Array<{ apiVersion: string; metadata: { name: string }; spec: Record<string, unknown> }>;
  const statefulSet = childrenOf(response, 'StatefulSet')[0] as unknown as IStatefulSet;
  t.equal(monitor!.apiVersion, 'monitoring.coreos.com/v1');
  t.equal(monitor!.metadata.name, manifest.metadata.name);
  t.same(monitor!.spec.selector, statefulSet.spec!.selector, 'the StatefulSet\'s own selector');
  t.same(monitor!.spec.podMetricsEndpoints, [{ port: 'exporter', path: '/metrics' }]);
  t.same(monitor!.spec.podTargetLabels, ['cluster-name', 'spilo-role', 'team']);
  t.equal(response.status.PostgresClusterStatus, 'Creating', 'the API rules accept it');
});
