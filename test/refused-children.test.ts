// The last guard of /sync: when the answer would hold a child the API server refuses, nothing is
// changed and the status names the object, the field and the rule.
import t from 'tap';
import { loadManifest, syncRequest } from '../fixtures/requests.js';
import { keepAsDeclared } from '../hooks/passthrough.js';
import { sync } from '../hooks/sync.js';
import { fedBack, inputs } from './support.js';

t.test('a configuration that makes a refused pod template keeps every observed child and says why', async (t) => {
  const request = syncRequest(loadManifest('minimal'));
  const running = fedBack(request, sync(request, inputs()));
  // An annotation key with a space is no qualified name: the API server refuses the StatefulSet.
  const response = sync(running, inputs({ custom_pod_annotations: { 'team owner': 'db' } }));

  t.equal(response.status.PostgresClusterStatus, 'SyncFailed');
  const condition = response.status.conditions?.find((c) => c.type === 'ChildrenAccepted');
  t.equal(condition?.status, 'False');
  t.equal(condition?.reason, 'WouldBeRefused');
  t.match(condition?.message, /StatefulSet acid-minimal-cluster: spec\.template\.metadata\.annotations\[team owner\]: name part must consist of/);
  const observed = Object.values(running.children).flatMap((byName) => Object.values(byName));
  t.same(response.children, observed.map(keepAsDeclared), 'every observed child comes back as last declared');
  t.ok(response.resyncAfterSeconds, 'the hook asks to be called again');
});

t.test('the same configuration without the bad key is answered normally', async (t) => {
  const request = syncRequest(loadManifest('minimal'));
  const response = sync(request, inputs({ custom_pod_annotations: { 'example.com/team-owner': 'db' } }));
  t.equal(response.status.PostgresClusterStatus, 'Creating');
  t.notOk(response.status.conditions?.some((c) => c.type === 'ChildrenAccepted'));
});
