// Adoption of a cluster Zalando's operator made (cli/testdata/zalando.ts), each refusal path, forced
// adoption and the undo, as plans and through `kubectl pg adopt --live … --dry-run`.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import t from 'tap';
import { defaultConfig } from '../hooks/config.js';
import { annotationKeys } from '../hooks/names.js';
import type { KubeObject, SyncRequest } from '../schemas/hook.js';
import { NOW } from '../test/support.js';
import { planAdoption, planUndo, METACONTROLLER_FINALIZER } from './adopt.js';
import { desiredForLive } from './desired.js';
import { main } from './main.js';
import { placeholderRandom } from './render.js';
import { childKinds } from './resources.js';
import { jsonLines, memoryIo } from './testdata/io.js';
import { ZALANDO_PARENT_UID, zalandoCluster } from './testdata/zalando.js';

type Parent = SyncRequest['parent'];
const config = defaultConfig();
const hookInputs = { config, now: NOW, random: placeholderRandom };
const kinds = childKinds(config);

function split(items: KubeObject[]): { parent: Parent; live: KubeObject[] } {
  const parent = items.find((o) => o.kind === 'postgresql') as Parent;
  return { parent, live: items.filter((o) => o !== parent) };
}

function plan(items: KubeObject[], force = false) {
  const { parent, live } = split(items);
  return planAdoption(parent, desiredForLive(parent, hookInputs, live).response.children, live, { childKinds: kinds, force });
}

function edited(edit: (items: KubeObject[]) => KubeObject[]): KubeObject[] {
  return edit(structuredClone(zalandoCluster().items));
}

function liveFile(items: KubeObject[]): string {
  const path = join(mkdtempSync(join(tmpdir(), 'pgmc-adopt-')), 'live.json');
  writeFileSync(path, JSON.stringify({ apiVersion: 'v1', kind: 'List', items }));
  return path;
}

const named = (kind: string, name: string) => (o: KubeObject) => o.kind === kind && o.metadata.name === name;
const STS = 'acid-minimal-cluster';

t.test('a Zalando-made cluster is adopted with nothing restarted and no password changed', async (t) => {
  const { parent, live } = split(zalandoCluster().items);
  const desired = desiredForLive(parent, hookInputs, live).response.children;
  const result = planAdoption(parent, desired, live, { childKinds: kinds });
  t.same(result.refusals, [], 'no refusal: the pod template equals Zalando\'s in everything that restarts pods');

  const hash = (desired.find(named('StatefulSet', STS))?.spec as { template: { metadata: { annotations: Record<string, string> } } }).template.metadata.annotations[annotationKeys.podTemplateHash];
  t.match(hash, /^[0-9a-f]{16}$/);
  t.same(result.actions.map((a) => `${a.action} ${a.object}`), [
    `pause postgresql/${STS}`,
    `stamp-pod Pod/${STS}-0`,
    `stamp-pod Pod/${STS}-1`,
    'label Secret/foo-user.acid-minimal-cluster.credentials.postgresql.acid.zalan.do',
    'label Secret/zalando.acid-minimal-cluster.credentials.postgresql.acid.zalan.do',
    'label Secret/postgres.acid-minimal-cluster.credentials.postgresql.acid.zalan.do',
    'label Secret/standby.acid-minimal-cluster.credentials.postgresql.acid.zalan.do',
    `label Service/${STS}`,
    `label Service/${STS}-repl`,
    `label PodDisruptionBudget/postgres-${STS}-pdb`,
    `label PodDisruptionBudget/postgres-${STS}-critical-op-pdb`,
    `label StatefulSet/${STS}`,
    `resume postgresql/${STS}`,
  ], 'pods stamped first, Secrets labelled before everything else, the StatefulSet last, inside a pause');
  for (const stamp of result.actions.filter((a) => a.action === 'stamp-pod')) t.same(stamp.patch, { metadata: { annotations: { [annotationKeys.podTemplateHash]: hash } } });
  for (const label of result.actions.filter((a) => a.action === 'label')) t.same(label.patch, { metadata: { labels: { 'controller-uid': ZALANDO_PARENT_UID } } });
  t.same(result.leftAlone, [`Endpoints/${STS}`, `Endpoints/${STS}-repl`, `ConfigMap/${STS}-leader`, `ConfigMap/${STS}-config`, `ConfigMap/${STS}-failover`], 'Patroni\'s and Kubernetes\' objects are not touched');

  // Every password we would declare is Zalando's, byte for byte.
  for (const secret of desired.filter((c) => c.kind === 'Secret')) {
    const current = live.find(named('Secret', secret.metadata.name)) as KubeObject & { data: Record<string, string> };
    t.equal((secret.data as Record<string, string>).password, current.data.password, `${secret.metadata.name} keeps its password`);
  }
});

t.test('kubectl pg adopt --dry-run on the Zalando cluster: the plan as JSON lines, exit 0', async (t) => {
  const io = memoryIo();
  t.equal(await main(['adopt', STS, '--live', liveFile(zalandoCluster().items), '--dry-run'], io), 0);
  const lines = jsonLines(io.out);
  t.ok(lines.slice(0, -1).every((l) => l.status === 'planned'));
  t.match(lines.at(-1), { summary: { cluster: `default/${STS}`, dryRun: true, restarts: 'none', labelled: 9, podsStamped: 2, ownersDropped: 0 } });
  t.equal(io.err, '');
  const withoutDryRun = memoryIo();
  t.equal(await main(['adopt', STS, '--live', liveFile(zalandoCluster().items)], withoutDryRun), 2);
  t.match(withoutDryRun.err, /--live reads objects from a file: only with --dry-run/);
});

t.test('refused: the live pod template differs in a field that restarts pods', async (t) => {
  const items = edited((all) => {
    const sts = all.find(named('StatefulSet', STS)) as { spec: { template: { spec: { containers: Array<{ image: string }> } } } } & KubeObject;
    sts.spec.template.spec.containers[0]!.image = 'ghcr.io/zalando/spilo-17:4.0-p2';
    return all;
  });
  const result = plan(items);
  t.same(result.refusals, [`StatefulSet/${STS}: the pod template differs in spec.template.spec.containers[postgres].image: the database pods would be recreated`]);
  t.same(result.actions, [], 'nothing is done');
  const io = memoryIo();
  t.equal(await main(['adopt', STS, '--live', liveFile(items), '--dry-run'], io), 1);
  t.equal(io.err, `refused: ${result.refusals[0]}\n`);
  t.match(jsonLines(io.out).at(-1), { summary: { refused: 1 } });

  const forced = plan(items, true);
  t.ok(forced.actions.some((a) => a.action === 'label' && a.object === `StatefulSet/${STS}`), 'forced: labelled');
  t.notOk(forced.actions.some((a) => a.action === 'stamp-pod'), 'forced: pods are not stamped, so the operations Job rolls them onto the new template');
  const forcedIo = memoryIo();
  t.equal(await main(['adopt', STS, '--live', liveFile(items), '--dry-run', '--force'], forcedIo), 0);
  t.match(forcedIo.err, /^forced past: StatefulSet/);
  t.match(jsonLines(forcedIo.out).at(-1), { summary: { restarts: 'forced', podsStamped: 0 } });
});

t.test('a difference only in the bootstrap DCS part of SPILO_CONFIGURATION restarts nothing', async (t) => {
  const items = edited((all) => {
    const sts = all.find(named('StatefulSet', STS)) as { spec: { template: { spec: { containers: Array<{ env: Array<{ name: string; value?: string }> }> } } } } & KubeObject;
    const env = sts.spec.template.spec.containers[0]!.env.find((e) => e.name === 'SPILO_CONFIGURATION')!;
    env.value = env.value!.replace('"failsafe_mode":false', '"failsafe_mode":false,"ttl":45');
    return all;
  });
  t.same(plan(items).refusals, []);
});

t.test('refused: a credential Secret is missing or has no password', async (t) => {
  const missing = edited((all) => all.filter((o) => !named('Secret', 'foo-user.acid-minimal-cluster.credentials.postgresql.acid.zalan.do')(o)));
  t.same(plan(missing).refusals, ['Secret/foo-user.acid-minimal-cluster.credentials.postgresql.acid.zalan.do does not exist: the hook would generate a new password for user foo_user']);
  const io = memoryIo();
  t.equal(await main(['adopt', STS, '--live', liveFile(missing), '--dry-run'], io), 1);
  t.match(io.err, /^refused: Secret\/foo-user\.acid-minimal-cluster.* does not exist/);

  const empty = edited((all) => {
    const secret = all.find(named('Secret', 'zalando.acid-minimal-cluster.credentials.postgresql.acid.zalan.do')) as KubeObject & { data: Record<string, string> };
    delete secret.data.password;
    return all;
  });
  t.match(plan(empty).refusals, [/^Secret\/zalando\.acid-minimal-cluster\.credentials\.postgresql\.acid\.zalan\.do has no password: the hook would generate a new one for user zalando$/]);
});

t.test('refused: an object Metacontroller would claim is not answered, so it would be deleted', async (t) => {
  const items = edited((all) => [...all, {
    apiVersion: 'v1', kind: 'ConfigMap',
    metadata: { name: `${STS}-notes`, namespace: 'default', uid: 'c0ffee00-0000-4000-8000-000000000001', labels: { 'cluster-name': STS, 'controller-uid': ZALANDO_PARENT_UID } },
    data: { note: 'labelled by hand' },
  }]);
  t.same(plan(items).refusals, [`ConfigMap/${STS}-notes would be claimed by Metacontroller and deleted: the hook does not answer it`]);
  const io = memoryIo();
  t.equal(await main(['adopt', STS, '--live', liveFile(items), '--dry-run'], io), 1);
  t.match(io.err, /would be claimed by Metacontroller and deleted/);
});

t.test('where Endpoints are a child kind, Endpoints Kubernetes copies a labelled Service\'s labels onto count as claimed', async (t) => {
  const endpointsMode = { ...config, kubernetes_use_configmaps: false };
  const { parent, live } = split(zalandoCluster().items);
  const desired = desiredForLive(parent, { ...hookInputs, config: endpointsMode }, live).response.children;
  const withPooler = [...live, {
    apiVersion: 'v1', kind: 'Service', metadata: { name: `${STS}-extra`, namespace: 'default', uid: 'e0000000-0000-4000-8000-000000000001', labels: { 'cluster-name': STS } }, spec: { selector: { app: 'x' } },
  }, { apiVersion: 'v1', kind: 'Endpoints', metadata: { name: `${STS}-extra`, namespace: 'default', uid: 'e0000000-0000-4000-8000-000000000002', labels: { 'cluster-name': STS } } }] as KubeObject[];
  const answered = [...desired, { apiVersion: 'v1', kind: 'Service', metadata: { name: `${STS}-extra`, namespace: 'default' }, spec: { selector: { app: 'x' } } }] as KubeObject[];
  const result = planAdoption(parent, answered, withPooler, { childKinds: childKinds(endpointsMode) });
  t.ok(result.refusals.includes(`Endpoints/${STS}-extra would be claimed by Metacontroller and deleted: the hook does not answer it`));
});

t.test('a controller reference to another owner is dropped; other references stay', async (t) => {
  const other = { apiVersion: 'argoproj.io/v1alpha1', kind: 'Application', name: 'db', uid: 'aaaaaaaa-0000-4000-8000-000000000001', controller: true };
  const plain = { apiVersion: 'v1', kind: 'ConfigMap', name: 'inventory', uid: 'bbbbbbbb-0000-4000-8000-000000000001' };
  const items = edited((all) => {
    const service = all.find(named('Service', `${STS}-repl`))!;
    (service.metadata as Record<string, unknown>).ownerReferences = [other, plain];
    return all;
  });
  const result = plan(items);
  t.same(result.refusals, []);
  const drop = result.actions.find((a) => a.action === 'drop-owner');
  t.match(drop, { object: `Service/${STS}-repl`, patch: { metadata: { ownerReferences: [plain] } } });
  t.ok(typeof (drop?.patch.metadata as { resourceVersion?: string }).resourceVersion === 'string', 'the list edit names the version it was planned on');
  t.ok(result.actions.findIndex((a) => a === drop) < result.actions.findIndex((a) => a.action === 'label' && a.object === `Service/${STS}-repl`));
});

t.test('a paused cluster stays paused; objects already claimed are not labelled again', async (t) => {
  const items = edited((all) => {
    const parent = all.find((o) => o.kind === 'postgresql')!;
    parent.metadata.annotations = { [annotationKeys.pause]: 'true' };
    const pdb = all.find(named('PodDisruptionBudget', `postgres-${STS}-pdb`))!;
    pdb.metadata.labels = { ...pdb.metadata.labels, 'controller-uid': ZALANDO_PARENT_UID };
    return all;
  });
  const result = plan(items);
  t.notOk(result.actions.some((a) => a.action === 'pause' || a.action === 'resume'));
  t.notOk(result.actions.some((a) => a.object === `PodDisruptionBudget/postgres-${STS}-pdb`));
});

t.test('undo: labels, Metacontroller\'s references and last-applied annotations come off, then its finalizer', async (t) => {
  const metacontrollerRef = { apiVersion: 'acid.zalan.do/v1', kind: 'postgresql', name: STS, uid: ZALANDO_PARENT_UID, controller: true, blockOwnerDeletion: true };
  const items = edited((all) => all.map((o) => {
    if (o.kind === 'postgresql') return { ...o, metadata: { ...o.metadata, finalizers: [METACONTROLLER_FINALIZER, 'example.com/keep'] } };
    if (['Secret', 'Service', 'StatefulSet', 'PodDisruptionBudget'].includes(o.kind)) {
      return { ...o, metadata: { ...o.metadata, labels: { ...o.metadata.labels, 'controller-uid': ZALANDO_PARENT_UID }, annotations: { [annotationKeys.lastApplied]: '{}' }, ownerReferences: [metacontrollerRef] } };
    }
    return o;
  }));
  const { parent, live } = split([...items, {
    apiVersion: 'batch/v1', kind: 'Job', metadata: { name: `${STS}-setup-0123456789`, namespace: 'default', uid: 'j0', labels: { 'controller-uid': ZALANDO_PARENT_UID }, ownerReferences: [metacontrollerRef] },
  } as KubeObject]);
  const actions = planUndo(parent, live);
  const secret = 'Secret/postgres.acid-minimal-cluster.credentials.postgresql.acid.zalan.do';
  t.match(actions.find((a) => a.object === secret && a.action === 'drop-owner'), { patch: { metadata: { ownerReferences: [] } } });
  t.same(actions.find((a) => a.object === secret && a.action === 'unlabel')?.patch, { metadata: { labels: { 'controller-uid': null }, annotations: { [annotationKeys.lastApplied]: null } } });
  t.notOk(actions.some((a) => a.object.startsWith('Pod/') || a.object.startsWith('Endpoints/') || a.object.startsWith('ConfigMap/')), 'what Metacontroller never claimed is not touched');
  t.notOk(actions.some((a) => a.object === `Job/${STS}-setup-0123456789` && a.action === 'drop-owner'), 'our own Jobs stay owned by the postgresql, so they go with it');
  t.match(actions.at(-1), { action: 'drop-finalizer', patch: { metadata: { finalizers: ['example.com/keep'] } } });

  const io = memoryIo();
  t.equal(await main(['adopt', '--undo', STS, '--live', liveFile(items), '--dry-run'], io), 0);
  t.match(jsonLines(io.out).at(-1), { summary: { undo: true, dryRun: true } });
});
