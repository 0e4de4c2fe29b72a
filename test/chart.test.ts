// The Helm chart renders the kustomize base's objects for the same choices, every object passes the Kubernetes
// schema, and each value does what values.yaml says. Helm itself renders the chart (test/deploy-render.ts).
import t, { type Test } from 'tap';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { parseConfig } from '../hooks/config.js';
import { byIdentity, chartDir, helm, helmTemplate, identity, kubectlAvailable, kustomize, type Manifest, RELEASE_NAMESPACE, validateManifest } from './deploy-render.js';

const HELM_LABELS = ['app.kubernetes.io/managed-by', 'app.kubernetes.io/instance', 'helm.sh/chart'];
const CLUSTER_SCOPED = new Set(['CustomResourceDefinition', 'ClusterRole', 'CompositeController']);

function withoutKeys(map: Record<string, string> | undefined, keys: string[]): Record<string, string> | undefined {
  if (!map) return undefined;
  const kept = Object.fromEntries(Object.entries(map).filter(([key]) => !keys.includes(key)));
  return Object.keys(kept).length > 0 ? kept : undefined;
}

/**
 * What may differ between the two renderings, taken out: Helm's own labels, the chart's annotations (CRDs kept on
 * uninstall, the configuration checksum), the namespace kustomize writes on cluster-scoped objects (the API server
 * drops it), and the configuration's wording (the configuration the hooks load from it is compared).
 */
function comparable(object: Manifest): Manifest {
  const copy = structuredClone(object);
  const { labels, annotations, ...metadata } = copy.metadata;
  copy.metadata = { ...metadata };
  const keptLabels = withoutKeys(labels, HELM_LABELS);
  const keptAnnotations = withoutKeys(annotations, ['helm.sh/resource-policy']);
  if (keptLabels) copy.metadata.labels = keptLabels;
  if (keptAnnotations) copy.metadata.annotations = keptAnnotations;
  if (CLUSTER_SCOPED.has(copy.kind)) delete copy.metadata.namespace;
  if (copy.kind === 'Deployment') {
    const template = copy.spec.template.metadata;
    const podAnnotations = withoutKeys(template.annotations, ['checksum/config']);
    if (podAnnotations) template.annotations = podAnnotations;
    else delete template.annotations;
  }
  if (copy.kind === 'ConfigMap' && copy.data?.['config.yaml'] !== undefined) copy.data['config.yaml'] = parseConfig(parse(copy.data['config.yaml']) ?? {}).config;
  return copy;
}

const sameObjects = (t: Test, chart: Manifest[], base: Manifest[], message: string) => {
  t.same(chart.map(comparable).map(identity).sort(), base.map(comparable).map(identity).sort(), `${message}: the same objects`);
  t.same(chart.map(comparable).sort(byIdentity), base.map(comparable).sort(byIdentity), `${message}: with the same content`);
};

const baseWithoutNamespace = (objects: Manifest[]) => objects.filter((o) => o.kind !== 'Namespace');
const kustomizeSkip = kubectlAvailable ? false : 'kubectl is not installed';

t.test('the chart passes helm lint --strict', async (t) => {
  const output = execFileSync(helm(), ['lint', '--strict', chartDir], { encoding: 'utf8' });
  t.match(output, /1 chart\(s\) linted, 0 chart\(s\) failed/);
});

t.test('with its defaults the chart renders the kustomize base (but the Namespace, which helm --create-namespace makes)', { skip: kustomizeSkip }, async (t) => {
  const base = kustomize({ resources: ['deploy'] });
  t.ok(base.some((o) => o.kind === 'Namespace' && o.metadata.name === RELEASE_NAMESPACE), 'the base makes its namespace');
  sameObjects(t, helmTemplate(), baseWithoutNamespace(base), 'defaults');
});

t.test('endpointsMode renders the base with the endpoints-mode component', { skip: kustomizeSkip }, async (t) => {
  const base = kustomize({ resources: ['deploy'], components: ['deploy/components/endpoints-mode'] });
  const chart = helmTemplate({ endpointsMode: true });
  sameObjects(t, chart, baseWithoutNamespace(base), 'endpointsMode');
  const rules = chart.find((o) => o.kind === 'CompositeController')!.spec.childResources as Array<{ resource: string }>;
  t.equal(rules.at(-1)!.resource, 'endpoints');
});

t.test('monitoring.podMonitors renders the base with the pod-monitor component', { skip: kustomizeSkip }, async (t) => {
  const base = kustomize({ resources: ['deploy'], components: ['deploy/components/pod-monitor'] });
  const chart = helmTemplate({ monitoring: { podMonitors: true } });
  sameObjects(t, chart, baseWithoutNamespace(base), 'podMonitors');
  const rules = chart.find((o) => o.kind === 'CompositeController')!.spec.childResources as Array<{ apiVersion: string; resource: string }>;
  t.same(rules.at(-1), { apiVersion: 'monitoring.coreos.com/v1', resource: 'podmonitors', updateStrategy: { method: 'InPlace' } });
  const plain = helmTemplate().find((o) => o.kind === 'CompositeController')!.spec.childResources as Array<{ resource: string }>;
  t.notOk(plain.some((r) => r.resource === 'podmonitors'), 'not claimed unless asked: Metacontroller cannot watch a resource that is not served');
});

t.test('each namespace granted gets the objects of the namespace-access component in it', { skip: kustomizeSkip }, async (t) => {
  const namespaces = ['team-a', 'team-b'];
  const base = [
    ...baseWithoutNamespace(kustomize({ resources: ['deploy'] })),
    ...namespaces.flatMap((namespace) => kustomize({ resources: ['deploy/components/namespace-access'], namespace })),
  ];
  sameObjects(t, helmTemplate({ namespaces }), base, 'namespaces');
});

t.test('every object the chart renders with every option on passes the Kubernetes schema', async (t) => {
  const objects = helmTemplate({ namespaces: ['team-a'], endpointsMode: true, monitoring: { podMonitors: true, serviceMonitor: { enabled: true } } });
  const custom: string[] = [];
  for (const object of objects) {
    t.doesNotThrow(() => { if (!validateManifest(object)) custom.push(object.kind); }, identity(object));
  }
  t.same(custom.sort(), ['CompositeController', 'ServiceMonitor'], 'only the custom resources have no Kubernetes schema');
});

const deployment = (objects: Manifest[]) => objects.find((o) => o.kind === 'Deployment')!;
const container = (objects: Manifest[]) => deployment(objects).spec.template.spec.containers[0];
const configOf = (objects: Manifest[]) => parse(objects.find((o) => o.kind === 'ConfigMap')!.data['config.yaml']);
const checksum = (objects: Manifest[]) => deployment(objects).spec.template.metadata.annotations['checksum/config'];

t.test('image, replicas, resources, scheduling and the disruption budget', async (t) => {
  const chartVersion = parse(readFileSync(join(chartDir, 'Chart.yaml'), 'utf8')).appVersion;
  t.equal(container(helmTemplate()).image, `ghcr.io/postgres-metacontroller/postgres-metacontroller:${chartVersion}`, 'the tag defaults to appVersion');
  const resources = { requests: { cpu: '1', memory: '1Gi' }, limits: { memory: '2Gi' } };
  const objects = helmTemplate({
    image: { repository: 'registry.example/pgmc', tag: 'v9', pullPolicy: 'Always' },
    imagePullSecrets: [{ name: 'pull' }],
    replicas: 3,
    resources,
    nodeSelector: { pool: 'system' },
    tolerations: [{ key: 'system', operator: 'Exists' }],
    podDisruptionBudget: { minAvailable: null, maxUnavailable: 1 },
    logLevel: 'debug',
  });
  t.match(container(objects), { image: 'registry.example/pgmc:v9', imagePullPolicy: 'Always', resources });
  t.same(container(objects).env.find((e: { name: string }) => e.name === 'LOG_LEVEL'), { name: 'LOG_LEVEL', value: 'debug' });
  t.equal(deployment(objects).spec.replicas, 3);
  t.match(deployment(objects).spec.template.spec, { imagePullSecrets: [{ name: 'pull' }], nodeSelector: { pool: 'system' }, tolerations: [{ key: 'system' }] });
  t.same(objects.find((o) => o.kind === 'PodDisruptionBudget')!.spec, { maxUnavailable: 1, selector: { matchLabels: { 'app.kubernetes.io/name': 'postgres-metacontroller-hooks' } } });
  t.notOk(helmTemplate({ podDisruptionBudget: { enabled: false } }).some((o) => o.kind === 'PodDisruptionBudget'), 'disabled: no budget');
  t.throws(() => helmTemplate({ podDisruptionBudget: { maxUnavailable: 1 } }), /not both/, 'both bounds: refused, as the API server would');
  for (const object of objects) validateManifest(object);
});

t.test('the operator configuration in each of its three shapes reaches the hooks and rolls their pods', async (t) => {
  const shapes = {
    OperatorConfiguration: { kind: 'OperatorConfiguration', configuration: { kubernetes: { pod_service_account_name: 'db-pod' }, workers: 8 } },
    ConfigMap: { kind: 'ConfigMap', data: { pod_service_account_name: 'db-pod', cluster_labels: 'application:spilo,team:db' } },
    'plain map': { pod_service_account_name: 'db-pod', enable_master_load_balancer: true },
  };
  const defaults = helmTemplate();
  t.same(parseConfig(configOf(defaults)).config, parseConfig({}).config, 'the default: the built-in defaults');
  for (const [shape, config] of Object.entries(shapes)) {
    const objects = helmTemplate({ config });
    t.same(configOf(objects), config, `${shape}: written as given`);
    t.equal(parseConfig(configOf(objects)).config.pod_service_account_name, 'db-pod', `${shape}: the hooks read it`);
    t.not(checksum(objects), checksum(defaults), `${shape}: a new checksum restarts the hook pods`);
  }
});

t.test('the hooks are reached in the release namespace, with the configured timeout and resync', async (t) => {
  const controller = helmTemplate({ compositeController: { resyncPeriodSeconds: 120, hookTimeout: '20s' } }, 'databases')
    .find((o) => o.kind === 'CompositeController')!;
  t.equal(controller.spec.resyncPeriodSeconds, 120);
  for (const hook of ['sync', 'finalize', 'customize']) {
    t.same(controller.spec.hooks[hook], { version: 'v2', webhook: { url: `http://postgres-metacontroller-hooks.databases/${hook}`, timeout: '20s' } }, hook);
  }
});

t.test('what running database pods use is kept by helm uninstall: the Patroni ClusterRole and each namespace\'s access', async (t) => {
  const objects = helmTemplate({ namespaces: ['team-a'] });
  const kept = objects.filter((o) => o.metadata.annotations?.['helm.sh/resource-policy'] === 'keep').map(identity).sort();
  t.same(kept, [
    'ClusterRole//postgres-pod', 'CustomResourceDefinition//postgresqls.acid.zalan.do', 'CustomResourceDefinition//postgresteams.acid.zalan.do',
    'Role/team-a/postgres-metacontroller-operations', 'Role/team-a/postgres-metacontroller-setup',
    'RoleBinding/team-a/postgres-metacontroller-operations', 'RoleBinding/team-a/postgres-metacontroller-setup', 'RoleBinding/team-a/postgres-pod',
    'ServiceAccount/team-a/postgres-metacontroller-operations', 'ServiceAccount/team-a/postgres-metacontroller-setup', 'ServiceAccount/team-a/postgres-pod',
  ]);
});

t.test('CRDs: kept on uninstall, or left out', async (t) => {
  const crds = helmTemplate().filter((o) => o.kind === 'CustomResourceDefinition');
  t.same(crds.map((o) => o.metadata.name).sort(), ['postgresqls.acid.zalan.do', 'postgresteams.acid.zalan.do']);
  for (const crd of crds) t.equal(crd.metadata.annotations?.['helm.sh/resource-policy'], 'keep', `${crd.metadata.name}: helm uninstall keeps it and every cluster`);
  t.notOk(helmTemplate({ crds: { install: false } }).some((o) => o.kind === 'CustomResourceDefinition'));
});

t.test('a ServiceMonitor scrapes the hooks\' /metrics only when asked', async (t) => {
  t.notOk(helmTemplate().some((o) => o.kind === 'ServiceMonitor'));
  const objects = helmTemplate({ monitoring: { serviceMonitor: { enabled: true, interval: '15s', labels: { release: 'prometheus' } } } });
  const monitor = objects.find((o) => o.kind === 'ServiceMonitor')!;
  t.equal(monitor.apiVersion, 'monitoring.coreos.com/v1');
  t.equal(monitor.metadata.labels?.release, 'prometheus');
  t.same(monitor.spec.endpoints, [{ port: 'http', path: '/metrics', interval: '15s', scrapeTimeout: '10s' }]);
  t.same(monitor.spec.namespaceSelector, { matchNames: [RELEASE_NAMESPACE] });
  const service = objects.find((o) => o.kind === 'Service')!;
  t.match(service.metadata.labels, monitor.spec.selector.matchLabels, 'it selects the hook Service');
  t.ok(service.spec.ports.some((p: { name: string }) => p.name === monitor.spec.endpoints[0].port), 'by a port the Service has');
});
