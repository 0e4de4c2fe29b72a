import t from 'tap';
import { loadManifest, syncRequest } from '../../fixtures/requests.js';
import type { KubeObject, SyncRequest } from '../../schemas/hook.js';
import { childrenOf, decodeSecret, fedBack, inputs, NOW } from '../../test/support.js';
import { defaultConfig } from '../config.js';
import { seededRandom } from '../random.js';
import { b64, unb64 } from '../base64.js';
import type { OperatorConfig } from '../../schemas/config.js';
import { sync } from '../sync.js';
import { roleModel } from './model.js';
import { rotate, rotationMode, rotationUserDay, rotationUserExpiry, rotationUserName } from './rotation.js';
import { clusterOf } from '../cluster.js';
import type { PostgresSpec } from '../../schemas/postgresql.js';

const DAY = 86_400_000;
const base = loadManifest('minimal');
const FOO = 'foo-user.acid-minimal-cluster.credentials.postgresql.acid.zalan.do';
const ZALANDO = 'zalando.acid-minimal-cluster.credentials.postgresql.acid.zalan.do';

function withSpec(extra: Partial<PostgresSpec>) {
  return { ...base, spec: { ...base.spec, ...extra } };
}

function fooUser(config: OperatorConfig) {
  return roleModel(clusterOf(base as never, base.spec as PostgresSpec), config).roles.find((r) => r.name === 'foo_user')!;
}

function at(time: Date, config = {}, seed = 1) {
  return { ...inputs(config, seed), now: time };
}

function secretData(response: { children: KubeObject[] }, name: string): Record<string, string> {
  return decodeSecret(childrenOf(response as never, 'Secret').find((s) => s.metadata.name === name)!);
}

t.test('rotation user names carry the day as YYMMDD and can be read back', async (t) => {
  t.equal(rotationUserName('foo_user', NOW), 'foo_user261120');
  t.same(rotationUserDay('foo_user', 'foo_user261120'), new Date('2026-11-20T00:00:00Z'));
  t.equal(rotationUserDay('foo_user', 'foo_user'), undefined);
  t.equal(rotationUserDay('foo_user', 'foo_user2611'), undefined);
  t.equal(rotationUserDay('foo_user', 'foo_user261340'), undefined, 'month 13 is not a date');
  t.equal(rotationUserDay('foo_user', 'bar_user261120'), undefined);
  const config = { ...defaultConfig(), password_rotation_interval: 100, password_rotation_user_retention: 120 };
  t.same(rotationUserExpiry(NOW, config), new Date(NOW.getTime() + 200 * DAY), 'retention is at least twice the interval');
  t.same(rotationUserExpiry(NOW, { ...config, password_rotation_interval: 30 }), new Date(NOW.getTime() + 120 * DAY));
});

t.test('who rotates: global switch, manifest lists, exclusions', async (t) => {
  const modes = (spec: Partial<PostgresSpec>, config = {}) => {
    const cluster = clusterOf(withSpec(spec) as never, withSpec(spec).spec as PostgresSpec);
    const all = { ...defaultConfig(), ...config };
    return Object.fromEntries(roleModel(cluster, all).roles.filter((r) => r.hasSecret).map((r) => [r.name, rotationMode(r, cluster.spec, all) ?? 'off']));
  };
  t.same(modes({}), { foo_user: 'off', zalando: 'off', postgres: 'off', standby: 'off' }, 'rotation is off by default');
  t.same(modes({}, { enable_password_rotation: true }), { foo_user: 'new-user', zalando: 'off', postgres: 'off', standby: 'off' },
    'globally only manifest and prepared roles that own no database rotate');
  t.same(modes({ usersWithSecretRotation: ['zalando', 'postgres'], usersWithInPlaceSecretRotation: ['foo_user'] }),
    { foo_user: 'in-place', zalando: 'new-user', postgres: 'off', standby: 'off' }, 'listing a database owner rotates it; the superuser never rotates');
  t.same(modes({ usersIgnoringSecretRotation: ['foo_user'] }, { enable_password_rotation: true }).foo_user, 'off');
  t.same(modes({ standby: { s3_wal_path: 's3://bucket/wal' } }, { enable_password_rotation: true }).foo_user, 'off', 'standby clusters never rotate');
  t.same(modes({ preparedDatabases: { shop: { defaultUsers: true } } }, { enable_password_rotation: true }),
    { foo_user: 'new-user', zalando: 'off', postgres: 'off', standby: 'off', shop_owner_user: 'off', shop_reader_user: 'new-user', shop_writer_user: 'new-user' });
});

t.test('first sync schedules the rotation and asks to come back when it is due', async (t) => {
  const manifest = withSpec({ usersWithSecretRotation: ['foo_user'] });
  // Periodic repair off: the rotation is the only timed resync.
  const response = sync(syncRequest(manifest), at(NOW, { repair_interval: '0s' }));
  const foo = secretData(response, FOO);
  t.equal(foo.username, 'foo_user', 'nothing rotates on the first call');
  t.equal(foo.nextRotation, '2027-02-18T12:00:00Z', 'now + 90 days');
  t.equal(response.resyncAfterSeconds, 90 * 86400 + 1);
  t.notOk('nextRotation' in secretData(response, ZALANDO), 'roles that do not rotate get no nextRotation key');
});

t.test('before the due date nothing changes; after it the Secret names a dated user with a new password', async (t) => {
  const manifest = withSpec({ usersWithSecretRotation: ['foo_user'] });
  const request = syncRequest(manifest);
  const first = sync(request, at(NOW));
  const before = secretData(first, FOO);

  const early = sync(fedBack(request, first), at(new Date(NOW.getTime() + 90 * DAY), {}, 7));
  t.same(secretData(early, FOO), before, 'exactly at the due date the Secret is unchanged');
  t.equal(early.resyncAfterSeconds, 1);

  const due = new Date(NOW.getTime() + 90 * DAY + 1000);
  const rotated = sync(fedBack(request, first), at(due, {}, 7));
  const after = secretData(rotated, FOO);
  t.equal(after.username, 'foo_user270218');
  t.not(after.password, before.password);
  t.match(after.password, /^[a-zA-Z0-9]{64}$/);
  t.equal(after.nextRotation, '2027-05-19T12:00:01Z');
  t.equal(after.uri, `postgresql://foo_user270218:${after.password}@acid-minimal-cluster.default.svc.cluster.local:5432`, 'connection keys follow the rotated credentials');
  t.same(secretData(rotated, ZALANDO), secretData(first, ZALANDO), 'other Secrets are untouched');

  const again = sync(fedBack(fedBack(request, first), rotated), at(new Date(due.getTime() + 60_000), {}, 8));
  t.same(secretData(again, FOO), after, 'the rotated Secret converges');
});

t.test('in-place rotation keeps the user name; switching to it from dated users is immediate', async (t) => {
  const config = defaultConfig();
  const role = fooUser(config);
  const dated = { username: b64('foo_user261001'), password: b64('old'), nextRotation: b64('2027-01-01T00:00:00Z') };
  const inPlace = rotate(role, dated, 'in-place', config, NOW, seededRandom(3));
  t.equal(unb64(inPlace.data.username), 'foo_user');
  t.not(inPlace.data.password, dated.password);
  const back = rotate(role, { ...inPlace.data }, 'new-user', config, NOW, seededRandom(4));
  t.same(back.data, inPlace.data, 'going back to dated users waits for the due date');

  const due = rotate(role, { username: b64('foo_user'), password: b64('old'), nextRotation: b64('2026-11-01T00:00:00Z') }, 'in-place', config, NOW, seededRandom(5));
  t.equal(unb64(due.data.username), 'foo_user');
  t.not(due.data.password, b64('old'));
});

t.test('a shortened interval pulls the next rotation forward and is written back', async (t) => {
  const config = { ...defaultConfig(), password_rotation_interval: 10 };
  const role = fooUser(config);
  const data = { username: b64('foo_user'), password: b64('pw'), nextRotation: b64('2027-02-18T12:00:00Z') };
  const result = rotate(role, data, 'new-user', config, NOW, seededRandom(1));
  t.equal(unb64(result.data.nextRotation), '2026-11-30T12:00:00Z');
  t.equal(result.data.password, data.password);
  const stable = rotate(role, result.data, 'new-user', config, new Date(NOW.getTime() + DAY), seededRandom(2));
  t.same(stable.data, result.data, 'a later call keeps the written date');
  const foreignDate = { ...data, nextRotation: b64('2026-11-25T13:00:00+01:00') };
  t.same(rotate(role, foreignDate, 'new-user', config, NOW, seededRandom(1)).data, foreignDate, 'a date in another offset is kept byte for byte');
});

t.test('switching rotation off returns the Secret to the role with a fresh password', async (t) => {
  const manifest = withSpec({ usersWithSecretRotation: ['foo_user'] });
  const request = syncRequest(manifest);
  const first = sync(request, at(NOW));
  const rotated = sync(fedBack(request, first), at(new Date(NOW.getTime() + 91 * DAY), {}, 2));
  t.equal(secretData(rotated, FOO).username, 'foo_user270219');
  const off: SyncRequest = { ...fedBack(fedBack(request, first), rotated), parent: { ...syncRequest(base).parent } };
  const reset = sync(off, at(new Date(NOW.getTime() + 92 * DAY), { repair_interval: '0s' }, 3));
  const data = secretData(reset, FOO);
  t.equal(data.username, 'foo_user');
  t.equal(data.nextRotation, '');
  t.not(data.password, secretData(rotated, FOO).password);
  t.equal(reset.resyncAfterSeconds, undefined, 'nothing rotates and periodic repair is off, so no timed resync');
  t.equal(sync(off, at(new Date(NOW.getTime() + 92 * DAY), {}, 3)).resyncAfterSeconds, 1800, 'the next repair bucket');
});

t.test('a Secret holding some other user is left alone and reported', async (t) => {
  const foreign = { apiVersion: 'v1', kind: 'Secret', metadata: { name: FOO, namespace: 'default' }, data: { username: b64('foo-user'), password: b64('keep') } } as KubeObject;
  const response = sync(syncRequest(withSpec({ usersWithInPlaceSecretRotation: ['foo_user'] }), [foreign]), at(NOW));
  t.same({ username: secretData(response, FOO).username, password: secretData(response, FOO).password }, { username: 'foo-user', password: 'keep' });
  const warnings = response.status.conditions?.find((c) => c.type === 'Warnings');
  t.match(warnings, { status: 'True', reason: 'ConfigurationWarnings', message: /holds user foo-user, which is neither the role nor one of its rotation users/ });
  t.equal(response.status.conditions?.find((c) => c.type === 'Valid')?.message, 'the spec is valid', 'Valid says only that the spec is valid');
});

t.test('a role name too long for a dated user rotates in place, with a warning', async (t) => {
  const config = defaultConfig();
  const role = { ...fooUser(config), name: 'a'.repeat(60) };
  const data = { username: b64(role.name), password: b64('old'), nextRotation: b64('2026-11-01T00:00:00Z') };
  const result = rotate(role, data, 'new-user', config, NOW, seededRandom(1));
  t.equal(unb64(result.data.username), role.name);
  t.not(result.data.password, data.password);
  t.match(result.warning, /too long for dated rotation users/);
});
