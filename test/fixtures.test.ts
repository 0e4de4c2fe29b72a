// Every example manifest through the sync hook: the JSON is snapshotted, every child validates
// against the Kubernetes OpenAPI schema, the answer is byte-identical when asked twice, and feeding
// the answer back as observed children gives the same answer (no flapping).
import t from 'tap';
import { loadManifest, manifestNames, syncRequest } from '../fixtures/requests.js';
import { objectProblems } from '../hooks/api-rules/objects.js';
import { sync } from '../hooks/sync.js';
import { fedBack, inputs, validateKube, withReadyInstances } from './support.js';

for (const name of manifestNames()) {
  t.test(name, async (t) => {
    const request = syncRequest(loadManifest(name));
    const first = sync(request, inputs());
    t.equal(first.status.PostgresClusterStatus, 'Creating', 'a valid manifest is accepted');
    t.matchSnapshot(first, 'sync response');

    for (const child of first.children) {
      t.doesNotThrow(() => validateKube(child), `${child.kind} ${child.metadata.name} validates against the Kubernetes schema`);
      t.notOk(child.metadata.labels?.['controller-uid'], `${child.kind} ${child.metadata.name} leaves controller-uid to Metacontroller`);
      t.notOk('ownerReferences' in child.metadata, `${child.kind} ${child.metadata.name} has no ownerReferences`);
      t.notOk('status' in child, `${child.kind} ${child.metadata.name} has no status`);
    }

    // The setup Job comes once a pod is ready; Endpoints only when Patroni keeps its state in them.
    const running = sync(withReadyInstances(request, first), inputs()).children;
    const endpointsMode = sync(request, inputs({ kubernetes_use_configmaps: false })).children;
    for (const child of [...first.children, ...running, ...endpointsMode]) {
      t.same(objectProblems(child), [], `${child.kind} ${child.metadata.name} passes the API server's rules`);
    }

    t.equal(JSON.stringify(sync(request, inputs())), JSON.stringify(first), 'the same request gives the same bytes');

    const second = sync(fedBack(request, first), inputs({}, 99));
    t.same(second.children, first.children, 'feeding the answer back changes no child (a different password source is never used)');
    const third = sync(fedBack(fedBack(request, first), second), inputs({}, 7));
    t.same(third, second, 'a third round changes nothing either');

    for (const version of ['v1', 'v2'] as const) {
      const keyed = sync(fedBack(syncRequest(loadManifest(name), [], { version }), first), inputs({}, 3));
      t.same(keyed.children, first.children, `children keyed as hook version ${version} are recognised`);
    }
  });
}

t.test('fixtures/requests holds the current request of every manifest (run `npm run fixtures` after a change)', async (t) => {
  const { readFileSync } = await import('node:fs');
  for (const name of manifestNames()) {
    const stored = readFileSync(new URL(`../fixtures/requests/${name}.sync.json`, import.meta.url), 'utf8');
    t.equal(stored, `${JSON.stringify(syncRequest(loadManifest(name)), null, 2)}\n`, name);
  }
});
