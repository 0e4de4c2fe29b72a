// `status` on status objects the sync hook really writes: a fixture synced, fed back with ready pods.
import t from 'tap';
import { loadManifest, syncRequest } from '../fixtures/requests.js';
import { annotationKeys, RelatedKind } from '../hooks/names.js';
import { sync } from '../hooks/sync.js';
import type { KubeObject, SyncRequest } from '../schemas/hook.js';
import { databasePod, inputs, withReadyInstances, withRelated } from '../test/support.js';
import { statusScreen } from './status.js';

function objects(request: SyncRequest): KubeObject[] {
  return Object.values(request.children).flatMap((byName) => Object.values(byName)) as KubeObject[];
}

function running() {
  const first = syncRequest(loadManifest('minimal'));
  const ready = withReadyInstances(first, sync(first, inputs()), 2);
  const response = sync(ready, inputs());
  const hash = (response.children.find((c) => c.kind === 'StatefulSet')?.spec as { template: { metadata: { annotations: Record<string, string> } } }).template.metadata.annotations[annotationKeys.podTemplateHash];
  const pods = [
    { ...databasePod('acid-minimal-cluster', 0, { role: 'master', templateHash: hash }), status: { phase: 'Running', conditions: [{ type: 'Ready', status: 'True' }], containerStatuses: [{ restartCount: 0 }] } },
    { ...databasePod('acid-minimal-cluster', 1, { role: 'replica', templateHash: '0123456789abcdef' }), status: { phase: 'Running', conditions: [{ type: 'Ready', status: 'False' }], containerStatuses: [{ restartCount: 3 }] } },
  ] as KubeObject[];
  const next = withRelated(withReadyInstances(ready, response, 2), RelatedKind.Pod, pods);
  const children = objects(next);
  return { parent: { ...next.parent, status: sync(next, inputs()).status }, children, pods };
}

t.test('one screen: phase, instances, primary, pods and their template, conditions, warnings, Jobs', async (t) => {
  const { parent, children, pods } = running();
  const screen = statusScreen({ parent, children, pods, roleLabel: 'spilo-role' });
  t.match(screen, /^Cluster: +default\/acid-minimal-cluster$/m);
  t.match(screen, /^Phase: +Running +\(generation 1, observed 1\)$/m);
  t.match(screen, /^Instances: +2 of 2 ready$/m);
  t.match(screen, /^Primary: +acid-minimal-cluster-0$/m);
  t.match(screen, /^ {2}acid-minimal-cluster-0 +master +yes +0 +Running +current$/m);
  t.match(screen, /^ {2}acid-minimal-cluster-1 +replica +no +3 +Running +outdated$/m);
  t.match(screen, /^ {2}Valid +True +SpecValid +2026-11-20T12:00:00Z +the spec is valid$/m);
  t.match(screen, /^ {2}Ready +True +AllInstancesReady /m);
  t.match(screen, /^Jobs:\n {2}acid-minimal-cluster-setup-[0-9a-f]{10} +Pending$/m);
  t.match(screen, /^ {2}StatefulSet\/acid-minimal-cluster$/m);
});

t.test('failed conditions and pending requests are shown', async (t) => {
  const { parent, children, pods } = running();
  const status = parent.status as { conditions: Array<{ type: string; status: string; reason: string; message: string }> };
  const failing = {
    ...parent,
    metadata: { ...parent.metadata, annotations: { ...parent.metadata.annotations, [annotationKeys.restart]: 'r-2' } },
    status: { ...status, operations: { restart: { requestId: 'r-1', outcome: 'Succeeded' } }, conditions: [...status.conditions, { type: 'InputsAvailable', status: 'False', reason: 'MissingObjects', message: 'waiting for ConfigMap default/env', lastTransitionTime: '2026-11-20T12:00:00Z' }] },
  };
  const screen = statusScreen({ parent: failing, children, pods: [], roleLabel: 'spilo-role' });
  t.match(screen, /^Last errors and warnings:\n(.*\n)* {2}InputsAvailable: waiting for ConfigMap default\/env$/m);
  t.match(screen, /^Requests:\n {2}restart: r-1 Succeeded \(requested r-2, not handled yet\)$/m);
  t.match(screen, /^Primary: +\(none\)$/m);
  t.ok(pods.length > 0);
});

t.test('a cluster the hook has not answered yet', async (t) => {
  const parent = syncRequest(loadManifest('minimal')).parent;
  const screen = statusScreen({ parent: { ...parent, status: undefined }, children: [], pods: [], roleLabel: 'spilo-role' });
  t.match(screen, /^Phase: +\(none yet\) +\(generation 1, observed never\)$/m);
  t.match(screen, /^Instances: +0 of 2 ready$/m);
});
