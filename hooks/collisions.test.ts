import t, { type Test } from 'tap';
import { loadManifest, parentOf, syncRequest } from '../fixtures/requests.js';
import type { KubeObject, SyncRequest, SyncResponse } from '../schemas/hook.js';
import { asObserved, fedBack, inputs } from '../test/support.js';
import { collisionCandidates, RELATED_CLUSTERS } from './collisions.js';
import { defaultConfig } from './config.js';
import { customize } from './customize.js';
import { names } from './names.js';
import { sync } from './sync.js';

const EARLIER = '2026-01-01T00:00:00Z';
const LATER = '2026-02-01T00:00:00Z';
const config = defaultConfig();
const notOwned = () => false;

type Manifest = ReturnType<typeof loadManifest>;

function manifest(name: string, spec: Record<string, unknown> = {}): Manifest {
  const base = loadManifest('minimal');
  return { ...base, metadata: { ...base.metadata, name }, spec: { ...base.spec, ...spec } };
}

function created<T extends { metadata: object }>(object: T, time: string): T {
  return { ...object, metadata: { ...object.metadata, creationTimestamp: time } };
}

/** A sync request for `own` created at `time`, with the sibling clusters Metacontroller sends as related objects. */
function request(own: Manifest, time: string, siblings: Array<[Manifest, string]>, children: KubeObject[] = []): SyncRequest {
  const related = Object.fromEntries(siblings.map(([m, at]) => [`${m.metadata.namespace}/${m.metadata.name}`, created(parentOf(m), at) as KubeObject]));
  const base = syncRequest(own, children, { related: { [RELATED_CLUSTERS]: related } });
  return { ...base, parent: created(base.parent, time) };
}

function names_(response: SyncResponse, kind: string): string[] {
  return response.children.filter((c) => c.kind === kind).map((c) => c.metadata.name);
}

function valid(response: SyncResponse) {
  return response.status.conditions?.find((c) => c.type === 'Valid');
}

function loses(t: Test, response: SyncResponse, object: string, other: string, children: KubeObject[]) {
  t.equal(response.status.PostgresClusterStatus, 'Invalid', 'the younger cluster is Invalid');
  t.equal(valid(response)?.reason, 'NameCollision');
  t.match(valid(response)?.message, `${object} is also derived by cluster ${other}, created earlier`, 'the message names the object, its kind and the other cluster');
  t.match(valid(response)?.message, /another name/, 'and the way out');
  t.same(response.children.map((c) => `${c.kind} ${c.metadata.name}`).sort(), children.map((c) => `${c.kind} ${c.metadata.name}`).sort(), 'every observed child is kept, nothing is created');
}

function keeps(t: Test, response: SyncResponse, kind: string, object: string, other: string) {
  t.equal(response.status.PostgresClusterStatus, 'Creating', 'the older cluster keeps working');
  t.ok(names_(response, kind).includes(object), `it declares ${kind} ${object}`);
  t.equal(valid(response)?.status, 'True');
  const warnings = response.status.conditions?.find((c) => c.type === 'Warnings');
  t.equal(warnings?.status, 'True');
  t.match(warnings?.message, `${kind} ${object} is also derived by cluster ${other}, created later`, 'with a warning naming the conflict');
}

function noConflict(t: Test, response: SyncResponse) {
  t.equal(response.status.PostgresClusterStatus, 'Creating');
  t.notMatch(valid(response)?.message, /derived by cluster/);
}

/** The customize rules for sibling clusters (claims and Job pods are asked for besides). */
function clusterRules(response: ReturnType<typeof customize>) {
  return response.relatedResources.filter((rule) => rule.resource === 'postgresqls');
}

t.test('customize asks for exactly the clusters whose names could collide', async (t) => {
  t.same(collisionCandidates('acid-foo', config), ['acid-foo-critical-op', 'acid-foo-pooler', 'acid-foo-pooler-repl', 'acid-foo-repl']);
  t.same(collisionCandidates('acid-foo-repl', config), ['acid-foo', 'acid-foo-repl-critical-op', 'acid-foo-repl-pooler', 'acid-foo-repl-pooler-repl', 'acid-foo-repl-repl'],
    'its master Service is the replica Service of acid-foo');
  t.same((collisionCandidates('postgres-foo', config) as string[]).filter((c) => !c.startsWith('postgres-foo-')), ['foo-pooler', 'foo-pooler-repl'],
    'its pooler budgets are the primary budgets of foo-pooler and foo-pooler-repl');
  const long = `${'a'.repeat(37)}-${'b'.repeat(10)}`;
  t.same(collisionCandidates(long, config), [
    names.logicalBackupCronJob(long, config, notOwned).slice('logical-backup-'.length),
    'a'.repeat(37),
  ].sort(), 'a cut CronJob name is the uncut name of another cluster');

  for (const version of ['v1', 'v2'] as const) {
    const { controller, parent } = syncRequest(manifest('acid-foo'), [], { version });
    t.same(clusterRules(customize({ controller, parent }, config)), [
      { apiVersion: 'acid.zalan.do/v1', resource: 'postgresqls', namespace: 'default', names: collisionCandidates('acid-foo', config) },
    ], `hook version ${version}`);
    // Any name under 48 characters has a replica Service that is a valid cluster name; with this prefix no CronJob
    // name is another cluster's either.
    const longParent = { ...parent, metadata: { ...parent.metadata, name: 'a'.repeat(48) } };
    const noCandidates = { ...config, logical_backup_job_prefix: `${'x'.repeat(52)}-` };
    t.same(collisionCandidates('a'.repeat(48), noCandidates), []);
    t.same(clusterRules(customize({ controller, parent: longParent }, noCandidates)), [], 'no rule when no cluster could collide (an empty names list selects all)');
  }

  const wide = { ...config, secret_name_template: '{username}-{cluster}' };
  t.equal(collisionCandidates('acid-foo', wide), 'any');
  const { controller, parent } = syncRequest(manifest('acid-foo'));
  t.same(clusterRules(customize({ controller, parent }, wide)), [
    { apiVersion: 'acid.zalan.do/v1', resource: 'postgresqls', namespace: 'default', labelSelector: {} },
  ], 'a template that cannot tell clusters apart asks for every cluster of the namespace');
});

t.test('a replica Service that is another cluster\'s master Service', async (t) => {
  const foo = manifest('acid-foo');
  const repl = manifest('acid-foo-repl');
  loses(t, sync(request(foo, LATER, [[repl, EARLIER]]), inputs()), 'Service acid-foo-repl', 'acid-foo-repl', []);
  keeps(t, sync(request(foo, EARLIER, [[repl, LATER]]), inputs()), 'Service', 'acid-foo-repl', 'acid-foo-repl');
  keeps(t, sync(request(repl, EARLIER, [[foo, LATER]]), inputs()), 'Service', 'acid-foo-repl', 'acid-foo');
  loses(t, sync(request(repl, LATER, [[foo, EARLIER]]), inputs()), 'Service acid-foo-repl', 'acid-foo', []);

  const tie = sync(request(repl, EARLIER, [[foo, EARLIER]]), inputs());
  t.equal(tie.status.PostgresClusterStatus, 'Invalid', 'created in the same second: the name decides (acid-foo first)');
  keeps(t, sync(request(foo, EARLIER, [[repl, EARLIER]]), inputs()), 'Service', 'acid-foo-repl', 'acid-foo-repl');

  const endpointsMode = sync(request(foo, LATER, [[repl, EARLIER]]), inputs({ kubernetes_use_configmaps: false }));
  t.match(valid(endpointsMode)?.message, 'Endpoints acid-foo-repl is also derived by cluster acid-foo-repl', 'Endpoints too where they are declared');
});

t.test('a critical-operation budget that is another cluster\'s primary budget', async (t) => {
  const foo = manifest('acid-foo');
  const critical = manifest('acid-foo-critical-op');
  loses(t, sync(request(foo, LATER, [[critical, EARLIER]]), inputs()), 'PodDisruptionBudget postgres-acid-foo-critical-op-pdb', 'acid-foo-critical-op', []);
  keeps(t, sync(request(critical, EARLIER, [[foo, LATER]]), inputs()), 'PodDisruptionBudget', 'postgres-acid-foo-critical-op-pdb', 'acid-foo');
  const formatted = inputs({ pdb_name_format: '{cluster}-pdb' });
  const pooled = manifest('acid-foo', { enableConnectionPooler: true, connectionPooler: { numberOfInstances: 2 } });
  loses(t, sync(request(pooled, LATER, [[manifest('acid-foo-pooler'), EARLIER]]), formatted), 'PodDisruptionBudget acid-foo-pooler-pdb', 'acid-foo-pooler', []);
});

t.test('a pooler Service that is another cluster\'s master Service, only while the pooler is on', async (t) => {
  const pooled = manifest('acid-foo', { enableConnectionPooler: true });
  const plain = manifest('acid-foo');
  const other = manifest('acid-foo-pooler');
  loses(t, sync(request(other, LATER, [[pooled, EARLIER]]), inputs()), 'Service acid-foo-pooler', 'acid-foo', []);
  keeps(t, sync(request(pooled, EARLIER, [[other, LATER]]), inputs()), 'Service', 'acid-foo-pooler', 'acid-foo-pooler');
  noConflict(t, sync(request(other, LATER, [[plain, EARLIER]]), inputs()));

  const replicaPooled = manifest('acid-foo', { enableReplicaConnectionPooler: true });
  loses(t, sync(request(manifest('acid-foo-pooler-repl'), LATER, [[replicaPooled, EARLIER]]), inputs()), 'Service acid-foo-pooler-repl', 'acid-foo', []);
  noConflict(t, sync(request(manifest('acid-foo-pooler-repl'), LATER, [[pooled, EARLIER]]), inputs()));
});

t.test('a cut CronJob name that is another cluster\'s whole name, only while both back up', async (t) => {
  const backup = { enableLogicalBackup: true };
  const longName = `${'a'.repeat(37)}-${'b'.repeat(10)}`;
  const long = manifest(longName, backup);
  const short = manifest('a'.repeat(37), backup);
  const zalandoCut = `logical-backup-${'a'.repeat(37)}`;
  t.equal(names.logicalBackupCronJob(short.metadata.name, config, notOwned), zalandoCut, 'the short cluster\'s name is not cut');

  const fresh = sync(request(long, LATER, [[short, EARLIER]]), inputs());
  noConflict(t, fresh);
  t.same(names_(fresh, 'CronJob'), [names.logicalBackupCronJob(longName, config, notOwned)], 'a new long cluster takes a unique cut');
  t.not(names_(fresh, 'CronJob')[0], zalandoCut);
  const freshRequest = request(long, LATER, [[short, EARLIER]]);
  t.same(sync(fedBack(freshRequest, fresh), inputs()).children, fresh.children, 'the unique cut is kept when fed back');

  // Adopted from Zalando's operator: the long cluster already owns the cut CronJob.
  const adopted = sync(request(long, EARLIER, []), inputs());
  const zalandoCronJob = { ...adopted.children.find((c) => c.kind === 'CronJob')!, metadata: { ...adopted.children.find((c) => c.kind === 'CronJob')!.metadata, name: zalandoCut } };
  const observed = [...adopted.children.filter((c) => c.kind !== 'CronJob'), zalandoCronJob].map((c, i) => asObserved(c, 'uid', i));
  const adoptedRequest = request(long, EARLIER, [[short, LATER]], observed);
  const older = sync(adoptedRequest, inputs());
  keeps(t, older, 'CronJob', zalandoCut, short.metadata.name);
  t.same(sync(fedBack(adoptedRequest, older), inputs()).children, older.children, 'the owned Zalando cut is kept when fed back');
  loses(t, sync(request(long, LATER, [[short, EARLIER]], observed), inputs()), `CronJob ${zalandoCut}`, short.metadata.name, observed);
  const kept = sync(request(long, EARLIER, [[manifest('a'.repeat(37)), LATER]], observed), inputs());
  noConflict(t, kept);
  t.same(names_(kept, 'CronJob'), [zalandoCut], 'a sibling without backup is no conflict, and the owned Zalando cut stays');
});

t.test('the younger cluster that already owns the object keeps it and everything else', async (t) => {
  const pooled = manifest('acid-foo', { enableConnectionPooler: true });
  const first = sync(request(pooled, LATER, []), inputs());
  const observed = first.children.map((c, i) => asObserved(c, 'uid', i));
  t.ok(observed.some((c) => c.kind === 'Service' && c.metadata.name === 'acid-foo-pooler'));
  const response = sync(request(pooled, LATER, [[manifest('acid-foo-pooler'), EARLIER]], observed), inputs());
  loses(t, response, 'Service acid-foo-pooler', 'acid-foo-pooler', observed);
  t.same(response.children.find((c) => c.metadata.name === 'acid-foo-pooler' && c.kind === 'Service')?.spec,
    observed.find((c) => c.metadata.name === 'acid-foo-pooler' && c.kind === 'Service')?.spec, 'the Service is answered as observed');
});

t.test('siblings that declare nothing, or cannot be read, are no conflict and no error', async (t) => {
  const long = manifest('a'.repeat(48));
  const overLong = manifest(`${'a'.repeat(48)}-repl`);
  noConflict(t, sync(request(long, LATER, [[overLong, EARLIER]]), inputs()));
  const foo = manifest('acid-foo');
  const brokenSpec = manifest('acid-foo-repl', { numberOfInstances: 'two', enableConnectionPooler: true });
  loses(t, sync(request(foo, LATER, [[brokenSpec, EARLIER]]), inputs()), 'Service acid-foo-repl', 'acid-foo-repl', []);
  noConflict(t, sync(request(manifest('acid-foo-pooler'), LATER, [[manifest('acid-foo', { numberOfInstances: 'two', enableConnectionPooler: true }), EARLIER]]), inputs()));

  const garbage = syncRequest(foo, [], { related: { [RELATED_CLUSTERS]: { 'default/x': { apiVersion: 'acid.zalan.do/v1', kind: 'postgresql', metadata: { name: 'acid-foo-repl' } } as KubeObject } } });
  noConflict(t, sync(garbage, inputs()));
  const itself = syncRequest(foo, [], { related: { [RELATED_CLUSTERS]: { 'default/acid-foo': parentOf(foo) as KubeObject } } });
  noConflict(t, sync(itself, inputs()));
});

t.test('credential Secrets collide where the template cannot tell clusters apart', async (t) => {
  const config = { secret_name_template: '{username}-{cluster}' };
  const foo = manifest('acid-foo', { users: { app: [] }, databases: {}, preparedDatabases: {} });
  const other = manifest('foo', { users: { app_acid: [] }, databases: {}, preparedDatabases: {} });
  loses(t, sync(request(foo, LATER, [[other, EARLIER]]), inputs(config)), 'Secret app-acid-foo', 'foo', []);
  keeps(t, sync(request(other, EARLIER, [[foo, LATER]]), inputs(config)), 'Secret', 'app-acid-foo', 'acid-foo');
});

t.test('answers with a sibling converge when fed back', async (t) => {
  const foo = manifest('acid-foo', { enableConnectionPooler: true });
  for (const [time, siblingTime] of [[EARLIER, LATER], [LATER, EARLIER]]) {
    const first = request(foo, time!, [[manifest('acid-foo-pooler'), siblingTime!]]);
    const once = sync(first, inputs());
    const twice = sync(fedBack(first, once), inputs({}, 9));
    t.same(twice.children, once.children, `${once.status.PostgresClusterStatus}: the same children`);
    const thrice = sync(fedBack(fedBack(first, once), twice), inputs({}, 7));
    t.same(thrice, twice, 'a third round changes nothing, status included');
  }
});
