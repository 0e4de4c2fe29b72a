// `diff`: declared against live, grouped by what applying does, on a Zalando-made cluster and on a
// cluster our hooks made (fed back as Metacontroller and the API server leave it).
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import t from 'tap';
import { loadManifest, syncRequest } from '../fixtures/requests.js';
import { sync } from '../hooks/sync.js';
import type { KubeObject } from '../schemas/hook.js';
import { fedBack, inputs } from '../test/support.js';
import { declaredDifferences } from './compare.js';
import { diffChildren, formatDiff } from './diff.js';
import { main } from './main.js';
import { memoryIo } from './testdata/io.js';
import { zalandoCluster } from './testdata/zalando.js';

function file(name: string, content: string): string {
  const path = join(mkdtempSync(join(tmpdir(), 'pgmc-diff-')), name);
  writeFileSync(path, content);
  return path;
}
const listFile = (items: KubeObject[]) => file('live.json', JSON.stringify({ apiVersion: 'v1', kind: 'List', items }));
const STS = 'acid-minimal-cluster';

t.test('only what we declare is compared: server defaults and extra fields are not differences; quantities compare by value', async (t) => {
  t.same(declaredDifferences({ a: 1, b: { c: '2' } }, { a: 1, b: { c: '2', d: 3 }, e: 4 }), []);
  t.same(declaredDifferences({ spec: { resources: { limits: { cpu: '1', memory: '512Mi' } } } }, { spec: { resources: { limits: { cpu: '1000m', memory: '0.5Gi' } } } }), []);
  t.same(declaredDifferences({ containers: [{ name: 'postgres', image: 'a' }] }, { containers: [{ name: 'postgres', image: 'b' }] }), [{ path: 'containers[postgres].image', declared: 'a', live: 'b' }]);
  t.same(declaredDifferences({ ports: [1, 2] }, { ports: [1] }), [{ path: 'ports', declared: [1, 2], live: [1] }]);
  t.same(declaredDifferences({ x: 'y' }, {}), [{ path: 'x', declared: 'y', live: undefined }]);
});

t.test('a Zalando-made cluster: the StatefulSet changes in place (our template annotation), Secrets gain connection keys, no password is printed', async (t) => {
  const items = zalandoCluster().items;
  const io = memoryIo();
  t.equal(await main(['diff', STS, '--live', listFile(items)], io), 1, 'differences exit 1');
  t.notMatch(io.out, /would restart pods/);
  t.match(io.out, /would change in place:\n {2}StatefulSet\/acid-minimal-cluster\n {4}spec\.template\.metadata\.annotations: \(absent\) -> \{"postgres-metacontroller\.io\/pod-template-hash":"[0-9a-f]{16}"\}\n/);
  t.match(io.out, /unchanged:\n {2}Service\/acid-minimal-cluster\n {2}Service\/acid-minimal-cluster-repl\n {2}PodDisruptionBudget\/postgres-acid-minimal-cluster-pdb\n/);
  t.match(io.out, /data\.uri: absent live/);
  for (const secret of items.filter((o) => o.kind === 'Secret')) {
    const password = (secret.data as Record<string, string>).password ?? '';
    t.notOk(io.out.includes(password) || io.out.includes(Buffer.from(password, 'base64').toString()), `no password of ${secret.metadata.name}`);
  }
});

t.test('a template change that replaces pods is grouped as a restart, with its path', async (t) => {
  const items = structuredClone(zalandoCluster().items);
  const sts = items.find((o) => o.kind === 'StatefulSet') as KubeObject & { spec: { template: { spec: { containers: Array<{ resources: { limits: { memory: string } } }> } } } };
  sts.spec.template.spec.containers[0]!.resources.limits.memory = '1Gi';
  const io = memoryIo();
  t.equal(await main(['diff', STS, '--live', listFile(items)], io), 1);
  t.match(io.out, /^would restart pods:\n {2}StatefulSet\/acid-minimal-cluster\n(.*\n)* {4}spec\.template\.spec\.containers\[postgres\]\.resources\.limits\.memory \(restarts pods\): "1Gi" -> "500Mi"\n/);
});

t.test('with statefulset_update_strategy RollingUpdate any template change restarts pods, the annotation included', async (t) => {
  const io = memoryIo();
  const config = file('config.yaml', 'statefulset_update_strategy: RollingUpdate\n');
  t.equal(await main(['diff', STS, '--live', listFile(zalandoCluster().items), '--config', config], io), 1);
  t.match(io.out, /^would restart pods:\n {2}StatefulSet\/acid-minimal-cluster\n/);
  t.match(io.out, /spec\.template\.metadata\.annotations \(restarts pods\)/);
  t.match(io.out, /spec\.updateStrategy\.type: "OnDelete" -> "RollingUpdate"/);
});

t.test('a cluster our hooks made, as Metacontroller and the API server leave it, has no difference: exit 0', async (t) => {
  const request = syncRequest(loadManifest('minimal'));
  const next = fedBack(request, sync(request, inputs()));
  const live = Object.values(next.children).flatMap((byName) => Object.values(byName)) as KubeObject[];
  t.ok(diffChildren(sync(next, inputs()).children, live).every((d) => d.outcome === 'unchanged'));
  const io = memoryIo();
  t.equal(await main(['diff', next.parent.metadata.name, '--live', listFile([next.parent as KubeObject, ...live])], io), 0);
  t.match(io.out, /^unchanged:\n/);
  t.notMatch(io.out, /would/);
  t.equal(formatDiff([]), '');
});

t.test('diff errors exit 2', async (t) => {
  const io = memoryIo();
  t.equal(await main(['diff', 'no-such-cluster', '--live', listFile(zalandoCluster().items)], io), 2);
  t.match(io.err, /no postgresql no-such-cluster among the objects given/);
  const twoNames = memoryIo();
  t.equal(await main(['diff', 'a', 'b'], twoNames), 2);
  t.match(twoNames.err, /expected one cluster name, got 2/);
});
