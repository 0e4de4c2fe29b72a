import t from 'tap';
import { childMap, loadManifest, syncRequest } from '../../fixtures/requests.js';
import { sync } from '../sync.js';
import { childrenOf, decodeSecret, fedBack, inputs, withSpecChange } from '../../test/support.js';
import type { KubeObject } from '../../schemas/hook.js';

const manifest = loadManifest('minimal');

t.test('Secret names, labels, type and keys follow Zalando', async (t) => {
  const response = sync(syncRequest(manifest), inputs());
  const secrets = childrenOf(response, 'Secret');
  t.same(secrets.map((s) => s.metadata.name).sort(), [
    'foo-user.acid-minimal-cluster.credentials.postgresql.acid.zalan.do',
    'postgres.acid-minimal-cluster.credentials.postgresql.acid.zalan.do',
    'standby.acid-minimal-cluster.credentials.postgresql.acid.zalan.do',
    'zalando.acid-minimal-cluster.credentials.postgresql.acid.zalan.do',
  ]);
  const foo = secrets.find((s) => s.metadata.name.startsWith('foo-user')) as KubeObject & { type: string };
  t.equal(foo.type, 'Opaque');
  t.same(foo.metadata.labels, { application: 'spilo', 'cluster-name': 'acid-minimal-cluster', team: 'acid' });
  const data = decodeSecret(foo);
  t.equal(data.username, 'foo_user', 'the username keeps its underscore; only the name uses dashes');
  t.match(data.password, /^[a-zA-Z0-9]{64}$/);
  t.equal(data.host, 'acid-minimal-cluster.default.svc.cluster.local');
  t.equal(data.port, '5432');
  t.equal(data.uri, `postgresql://foo_user:${data.password}@acid-minimal-cluster.default.svc.cluster.local:5432`);
  const zalando = decodeSecret(secrets.find((s) => s.metadata.name.startsWith('zalando'))!);
  t.equal(zalando.dbname, 'foo', 'the owner of a database gets its name');
  t.equal(zalando['jdbc-uri'], `jdbc:postgresql://acid-minimal-cluster.default.svc.cluster.local:5432/foo?user=zalando&password=${zalando.password}`);
});

t.test('connection keys can be switched off, leaving username and password only', async (t) => {
  const secret = childrenOf(sync(syncRequest(manifest), inputs({ enable_connection_secret_keys: false })), 'Secret')[0]!;
  t.same(Object.keys(decodeSecret(secret)).sort(), ['password', 'username']);
});

t.test('an existing Secret is carried byte for byte, unknown keys included', async (t) => {
  const name = 'zalando.acid-minimal-cluster.credentials.postgresql.acid.zalan.do';
  const odd = Buffer.from('p@ss:w/rd with spaces').toString('base64');
  const existing = { apiVersion: 'v1', kind: 'Secret', metadata: { name, namespace: 'default' }, data: { username: Buffer.from('zalando').toString('base64'), password: odd, extra: 'AAEC' } } as KubeObject;
  const secret = childrenOf(sync(syncRequest(manifest, [existing]), inputs()), 'Secret').find((s) => s.metadata.name === name) as KubeObject & { data: Record<string, string> };
  t.equal(secret.data.password, odd);
  t.equal(secret.data.extra, 'AAEC');
  t.equal(decodeSecret(secret).uri, 'postgresql://zalando:p%40ss%3Aw%2Frd%20with%20spaces@acid-minimal-cluster.default.svc.cluster.local:5432/foo', 'the uri is percent-encoded');
});

t.test('a thousand resyncs never change a password', async (t) => {
  let request = syncRequest(manifest);
  let response = sync(request, inputs({}, 1));
  const first = Object.fromEntries(childrenOf(response, 'Secret').map((s) => [s.metadata.name, decodeSecret(s).password]));
  let changed = 0;
  for (let round = 0; round < 1000; round += 1) {
    request = fedBack(request, response);
    response = sync(request, inputs({}, round + 2));
    for (const secret of childrenOf(response, 'Secret')) if (decodeSecret(secret).password !== first[secret.metadata.name]) changed += 1;
  }
  t.equal(changed, 0);
  t.equal(Object.keys(first).length, 4);
});

t.test('a password is generated only for a Secret that is missing', async (t) => {
  const response = sync(syncRequest(manifest), inputs());
  const keep = childrenOf(response, 'Secret').filter((s) => !s.metadata.name.startsWith('foo-user'));
  const again = sync(syncRequest(manifest, keep), inputs({}, 42));
  for (const secret of childrenOf(again, 'Secret')) {
    const before = childrenOf(response, 'Secret').find((s) => s.metadata.name === secret.metadata.name)!;
    if (secret.metadata.name.startsWith('foo-user')) t.not(decodeSecret(secret).password, decodeSecret(before).password, 'the deleted Secret gets a new password');
    else t.equal(decodeSecret(secret).password, decodeSecret(before).password);
  }
});

t.test('roles whose Secrets would live elsewhere are reported, not managed', async (t) => {
  const crossNamespace = { ...manifest, spec: { ...manifest.spec, users: { 'appspace.db_user': [] } } };
  const response = sync(syncRequest(crossNamespace), inputs({ enable_cross_namespace_secret: true }));
  t.notOk(childrenOf(response, 'Secret').some((s) => s.metadata.name.includes('db-user')));
  t.same(response.status.unmanagedSecrets, ['appspace/appspace.db-user.acid-minimal-cluster.credentials.postgresql.acid.zalan.do']);
  t.match(JSON.stringify(response.status.conditions), /SecretsManaged/);
});

t.test('two roles mapping to one Secret name make the spec invalid and keep every child', async (t) => {
  const clash = { ...manifest, spec: { ...manifest.spec, users: { 'app-user': [], app_user: [] } } };
  const existing = childrenOf(sync(syncRequest(manifest), inputs()), 'Secret');
  const response = sync(syncRequest(clash, existing), inputs());
  t.equal(response.status.PostgresClusterStatus, 'Invalid');
  t.match(response.status.conditions?.[0]?.message, /would share the Secret app-user\.acid-minimal-cluster/);
  t.equal(response.children.length, existing.length);
});

t.test('infrastructure roles from a templated Secret and a ConfigMap description', async (t) => {
  const b64 = (s: string) => Buffer.from(s).toString('base64');
  const related = {
    'Secret.v1': { 'ops/infra': { apiVersion: 'v1', kind: 'Secret', metadata: { name: 'infra', namespace: 'ops' }, data: { user1: b64('robot_zmon'), password1: b64('pw1'), inrole1: b64('zmon'), batman: b64('justice') } } },
    'ConfigMap.v1': { 'ops/infra': { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'infra', namespace: 'ops' }, data: { batman: 'inrole: [admin]\nuser_flags: [createdb]\n' } } },
  };
  const response = sync(syncRequest(manifest, [], { related }), inputs({ infrastructure_roles_secret_name: 'infra', operator_namespace: 'ops' }));
  const robot = childrenOf(response, 'Secret').find((s) => s.metadata.name.startsWith('robot-zmon.'));
  t.equal(robot && decodeSecret(robot).password, 'pw1');
  const batman = childrenOf(response, 'Secret').find((s) => s.metadata.name.startsWith('batman.'));
  t.equal(batman && decodeSecret(batman).password, 'justice');
  const missing = sync(syncRequest(manifest), inputs({ infrastructure_roles_secret_name: 'infra', operator_namespace: 'ops' }));
  t.equal(missing.status.PostgresClusterStatus, 'SyncFailed', 'a configured but absent source blocks the update');
  t.match(missing.status.conditions?.[0]?.message, /Secret ops\/infra/);
});

t.test('connection keys describe the current spec: a spec change over the old Secrets rewrites them, nothing else', async (t) => {
  const b64 = (s: string) => Buffer.from(s).toString('base64');
  const name = 'zalando.acid-minimal-cluster.credentials.postgresql.acid.zalan.do';
  const a = withSpecChange(syncRequest(manifest), { enableConnectionPooler: true, databases: { foo: 'zalando' } });
  const first = sync(a, inputs());
  // Keys someone else added to the Secret, one of them looking like ours but unknown to us.
  const withExtra = {
    ...first,
    children: first.children.map((c) => (c.metadata.name === name ? { ...c, data: { ...(c as KubeObject & { data: object }).data, extra: 'AAEC', 'pooler-database': b64('foo') } } as KubeObject : c)),
  };
  const before = decodeSecret(withExtra.children.find((c) => c.metadata.name === name)!);
  t.equal(before['pooler-host'], 'acid-minimal-cluster-pooler.default.svc.cluster.local');
  t.equal(before.dbname, 'foo');

  const secretAfter = (change: Record<string, unknown>, config = {}) => {
    const response = sync(withSpecChange(fedBack(a, withExtra), change), inputs(config, 9));
    return response.children.find((c) => c.metadata.name === name) as KubeObject & { data: Record<string, string> };
  };
  const b = secretAfter({ enableConnectionPooler: false, databases: { foo: 'foo_user' } });
  const keys = decodeSecret(b);
  t.same(Object.keys(keys).sort(), ['extra', 'host', 'jdbc-uri', 'password', 'pooler-database', 'port', 'uri', 'username'], 'pooler keys and dbname are gone');
  t.equal(keys.uri, `postgresql://zalando:${before.password}@acid-minimal-cluster.default.svc.cluster.local:5432`, 'the uri names no database');
  t.equal(keys['jdbc-uri'], `jdbc:postgresql://acid-minimal-cluster.default.svc.cluster.local:5432/?user=zalando&password=${before.password}`);
  t.equal(b.data.extra, 'AAEC', 'a key we never wrote is carried byte for byte');
  t.equal(b.data['pooler-database'], b64('foo'));
  t.equal(keys.username, before.username);
  t.equal(keys.password, before.password, 'the password is carried');

  const off = decodeSecret(secretAfter({}, { enable_connection_secret_keys: false }));
  t.same(Object.keys(off).sort(), ['extra', 'password', 'pooler-database', 'username'], 'switched off: only the keys we never wrote stay');
  t.equal(off.password, before.password);

  const moved = decodeSecret(secretAfter({ databases: { bar: 'zalando' } }));
  t.equal(moved.dbname, 'bar', 'dbname follows the database the role owns now');
  t.match(moved['pooler-uri'], /\/bar$/);
});

t.test('with one configuration object, as a server has, a kept Secret follows every change of what it is built from', async (t) => {
  const server = inputs();
  const request = syncRequest(manifest);
  const steady = fedBack(request, sync(request, server));
  const foo = (response: ReturnType<typeof sync>) => childrenOf(response, 'Secret').find((s) => s.metadata.name.startsWith('foo-user'))!;
  const before = foo(sync(steady, server));
  t.equal(foo(sync(steady, server)), before, 'the same inputs give the very same Secret');

  const changed = Buffer.from('set by hand').toString('base64');
  const observed = Object.values(steady.children).flatMap((m) => Object.values(m)).map((c) => c.metadata.name === before.metadata.name
    ? { ...c, data: { ...(c as unknown as { data: Record<string, string> }).data, password: changed } } as KubeObject
    : c);
  const byHand = decodeSecret(foo(sync({ ...steady, children: childMap(observed, 'default', 'v2') }, server)));
  t.equal(byHand.password, 'set by hand', 'a password changed in the Secret is carried');
  t.match(byHand.uri, /:set%20by%20hand@/, 'and its connection keys follow');

  const moved = decodeSecret(foo(sync(withSpecChange(steady, { databases: { shop: 'foo_user' } }), server)));
  t.equal(moved.dbname, 'shop', 'a spec change reaches a kept Secret');
  t.equal(moved.password, decodeSecret(before).password, 'with its password as it was');
});
