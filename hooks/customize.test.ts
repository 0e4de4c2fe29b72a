// The customize hook's rules for the cluster's own objects: the claims and the Jobs' pods, never the
// database pods (Patroni rewrites their annotations every loop_wait: each change would call /sync).
import t from 'tap';
import { loadManifest, syncRequest } from '../fixtures/requests.js';
import { inputs } from '../test/support.js';
import { customize } from './customize.js';

t.test('customize selects the data volume claims and the Jobs\' pods, never the database pods', async (t) => {
  for (const version of ['v1', 'v2'] as const) {
    const request = syncRequest(loadManifest('minimal'), [], { version });
    const rules = customize({ controller: request.controller, parent: request.parent }, inputs().config).relatedResources;
    const database = { application: 'spilo', 'cluster-name': 'acid-minimal-cluster' };
    const pods = rules.filter((r) => r.resource === 'pods');
    t.same(pods.map((r) => r.labelSelector), [
      { matchLabels: { ...database, application: 'db-setup' } },
      { matchLabels: { ...database, application: 'db-operations' } },
      { matchLabels: { ...database, application: 'db-restore' } },
    ], `${version}: only the setup, operations and restore Jobs' pods`);
    t.same(rules.filter((r) => r.resource === 'persistentvolumeclaims').map((r) => r.labelSelector), [{ matchLabels: database }], `${version}: the claims`);
  }
});
