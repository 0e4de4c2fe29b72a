import t from 'tap';
import type { IService } from 'kubernetes-models/v1/Service';
import type { IPodDisruptionBudget } from 'kubernetes-models/policy/v1/PodDisruptionBudget';
import { loadManifest, syncRequest } from '../../fixtures/requests.js';
import { sync } from '../sync.js';
import { childrenOf, inputs } from '../../test/support.js';

type Manifest = ReturnType<typeof loadManifest>;
const services = (m: Manifest, config = {}) => childrenOf(sync(syncRequest(m), inputs(config)), 'Service') as unknown as IService[];
const pdbs = (m: Manifest, config = {}) => childrenOf(sync(syncRequest(m), inputs(config)), 'PodDisruptionBudget') as unknown as IPodDisruptionBudget[];
const withSpec = (m: Manifest, spec: Record<string, unknown>): Manifest => ({ ...m, spec: { ...m.spec, ...spec } });

t.test('ConfigMap mode: both Services select by role', async (t) => {
  const [master, replica] = services(loadManifest('minimal'));
  t.same(master?.spec?.selector, { application: 'spilo', 'cluster-name': 'acid-minimal-cluster', 'spilo-role': 'master' });
  t.same(replica?.spec?.selector, { application: 'spilo', 'cluster-name': 'acid-minimal-cluster', 'spilo-role': 'replica' });
  t.same(master?.spec?.ports, [{ name: 'postgresql', port: 5432, targetPort: 5432 }]);
  t.equal(master?.spec?.type, 'ClusterIP');
  t.same(master?.metadata?.labels, { application: 'spilo', 'cluster-name': 'acid-minimal-cluster', 'spilo-role': 'master', team: 'acid' });
});

t.test('Endpoints mode: a selector-less master Service plus Endpoints without subsets', async (t) => {
  const response = sync(syncRequest(loadManifest('minimal')), inputs({ kubernetes_use_configmaps: false }));
  const [master] = childrenOf(response, 'Service') as unknown as IService[];
  t.notOk(master?.spec?.selector);
  const endpoints = childrenOf(response, 'Endpoints');
  t.same(endpoints.map((e) => e.metadata.name), ['acid-minimal-cluster', 'acid-minimal-cluster-repl']);
  t.notOk(endpoints.some((e) => 'subsets' in e), 'Patroni owns the addresses');
  t.same(childrenOf(sync(syncRequest(loadManifest('minimal')), inputs()), 'Endpoints'), [], 'none in ConfigMap mode');
});

t.test('load balancer and NodePort: manifest over config, NodePort first, closed by default', async (t) => {
  const [master, replica] = services(loadManifest('load-balancer'));
  t.equal(master?.spec?.type, 'LoadBalancer');
  t.same(master?.spec?.loadBalancerSourceRanges, ['10.0.0.0/8', '2001:db8::/32']);
  t.equal(master?.spec?.externalTrafficPolicy, 'Cluster');
  t.equal(master?.metadata?.annotations?.['external-dns.alpha.kubernetes.io/hostname'], 'acid-exposed.prod.db.example.com,exposed.acid.db.example.com');
  t.equal(master?.metadata?.annotations?.['service.beta.kubernetes.io/aws-load-balancer-internal'], 'true');
  t.equal(replica?.spec?.type, 'NodePort');
  t.equal(replica?.spec?.ports?.[0]?.nodePort, 30432);
  t.notOk(replica?.metadata?.annotations?.['external-dns.alpha.kubernetes.io/hostname'], 'no DNS name for a NodePort');
  const [closed] = services(withSpec(loadManifest('minimal'), { enableMasterLoadBalancer: true }));
  t.same(closed?.spec?.loadBalancerSourceRanges, ['127.0.0.1/32'], 'without ranges a load balancer admits localhost only');
  const [configured] = services(loadManifest('minimal'), { enable_master_load_balancer: true });
  t.equal(configured?.spec?.type, 'LoadBalancer');
  const [off] = services(withSpec(loadManifest('minimal'), { enableMasterLoadBalancer: false }), { enable_master_load_balancer: true });
  t.equal(off?.spec?.type, 'ClusterIP', 'the manifest switch wins');
});

t.test('service annotations merge configuration, manifest and role maps', async (t) => {
  const [master, replica] = services(loadManifest('complete'), { custom_service_annotations: { 'example.com/lb-tier': 'public', 'example.com/cost': 'db' } });
  t.same(master?.metadata?.annotations, { 'example.com/cost': 'db', 'example.com/lb-tier': 'internal', 'example.com/role': 'primary' });
  t.equal(replica?.metadata?.annotations?.['example.com/role'], 'standby-reads');
});

t.test('PodDisruptionBudgets', async (t) => {
  const [primary, critical] = pdbs(loadManifest('minimal'));
  t.equal(primary?.metadata?.name, 'postgres-acid-minimal-cluster-pdb');
  t.same(primary?.spec, { minAvailable: 1, selector: { matchLabels: { application: 'spilo', 'cluster-name': 'acid-minimal-cluster', 'spilo-role': 'master' } } });
  t.same(critical?.spec, { maxUnavailable: 0, selector: { matchLabels: { application: 'spilo', 'cluster-name': 'acid-minimal-cluster', 'critical-operation': 'true' } } });
  const [off, offCritical] = pdbs(loadManifest('minimal'), { enable_pod_disruption_budget: false });
  t.equal(off?.spec?.minAvailable, 0);
  t.equal(offCritical?.spec?.maxUnavailable, '100%');
  const [stopped] = pdbs(withSpec(loadManifest('minimal'), { numberOfInstances: 0 }));
  t.equal(stopped?.spec?.minAvailable, 0);
  const [strict] = pdbs(withSpec(loadManifest('minimal'), { patroni: { synchronous_mode_strict: true, synchronous_node_count: 2 } }), { pdb_master_label_selector: false });
  t.equal(strict?.spec?.minAvailable, 3);
  t.same(strict?.spec?.selector?.matchLabels, { application: 'spilo', 'cluster-name': 'acid-minimal-cluster' });
  t.equal(pdbs(loadManifest('minimal'), { pdb_name_format: 'pdb-{cluster}' })[0]?.metadata?.name, 'pdb-acid-minimal-cluster');
});

t.test('cluster name rules', async (t) => {
  const long = { ...loadManifest('minimal'), metadata: { name: 'a'.repeat(53), namespace: 'default' } };
  t.match(sync(syncRequest(long), inputs()).status.conditions?.[0]?.message, /metadata.name: must be at most 52 characters/);
  const prefixed = sync(syncRequest(loadManifest('minimal')), inputs({ enable_team_id_clustername_prefix: true }));
  t.equal(prefixed.status.PostgresClusterStatus, 'Creating', 'acid-minimal-cluster starts with the team id');
  const other = withSpec(loadManifest('minimal'), { teamId: 'ops' });
  t.match(sync(syncRequest(other), inputs({ enable_team_id_clustername_prefix: true })).status.conditions?.[0]?.message, /must start with the team id/);
});
