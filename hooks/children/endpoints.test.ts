// Endpoints mode: the master and replica Endpoints Patroni fills, and the pooler Services' Endpoints answered as
// the Endpoints controller keeps them (same name and labels as the Service, no subsets).
import t from 'tap';
import { loadManifest, syncRequest } from '../../fixtures/requests.js';
import type { KubeObject, SyncResponse } from '../../schemas/hook.js';
import { childrenOf, fedBack, inputs, validateKube } from '../../test/support.js';
import { sync } from '../sync.js';

const base = loadManifest('minimal');
const pooled = { ...base, spec: { ...base.spec, enableConnectionPooler: true, enableReplicaConnectionPooler: true } };
const endpointsMode = { kubernetes_use_configmaps: false };

function named(response: SyncResponse, kind: string, name: string): KubeObject | undefined {
  return childrenOf(response, kind).find((c) => c.metadata.name === name);
}

t.test('in Endpoints mode each pooler Service has its Endpoints answered with the Service\'s labels and no addresses', async (t) => {
  const request = syncRequest(pooled);
  const response = sync(request, inputs(endpointsMode));
  t.same(childrenOf(response, 'Endpoints').map((e) => e.metadata.name).sort(), [
    'acid-minimal-cluster', 'acid-minimal-cluster-pooler', 'acid-minimal-cluster-pooler-repl', 'acid-minimal-cluster-repl',
  ]);
  for (const name of ['acid-minimal-cluster-pooler', 'acid-minimal-cluster-pooler-repl']) {
    const endpoints = named(response, 'Endpoints', name)!;
    const service = named(response, 'Service', name)!;
    t.same(endpoints.metadata.labels, service.metadata.labels, `${name}: the labels the Endpoints controller copies from the Service`);
    t.equal((endpoints as { subsets?: unknown }).subsets, undefined, `${name}: the controller's addresses are never declared`);
    validateKube(endpoints);
  }
  t.same(sync(fedBack(request, response), inputs(endpointsMode)).children, response.children, 'fed back, the same answer');
});

t.test('without a pooler, or with Patroni in ConfigMaps, no pooler Endpoints', async (t) => {
  t.same(childrenOf(sync(syncRequest(base), inputs(endpointsMode)), 'Endpoints').map((e) => e.metadata.name).sort(), ['acid-minimal-cluster', 'acid-minimal-cluster-repl']);
  t.same(childrenOf(sync(syncRequest(pooled), inputs()), 'Endpoints'), []);
});
