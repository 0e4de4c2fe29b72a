// The HTTP contract with Metacontroller: status codes and error bodies, the invalid-spec and
// internal-error safety rules, logging without Secret data, and the same over a real socket.
import { Writable } from 'node:stream';
import t from 'tap';
import { pino } from 'pino';
import { request as httpRequest } from 'undici';
import { buildApp } from '../hooks/app.js';
import { sync } from '../hooks/sync.js';
import { defaultConfig } from '../hooks/config.js';
import { seededRandom } from '../hooks/random.js';
import { loadManifest, syncRequest } from '../fixtures/requests.js';
import { asObserved, fedBack, NOW } from './support.js';
import type { KubeObject } from '../schemas/hook.js';

function capture() {
  const lines: string[] = [];
  const stream = new Writable({ write(chunk, _encoding, done) { lines.push(String(chunk)); done(); } });
  return { logger: pino({ level: 'debug' }, stream), lines };
}

function app(options: { bodyLimit?: number; random?: { password(): string } } = {}) {
  const { logger, lines } = capture();
  const built = buildApp({ config: defaultConfig(), logger, clock: () => NOW, random: options.random ?? seededRandom(5), ...(options.bodyLimit ? { bodyLimit: options.bodyLimit } : {}) });
  return { ...built, lines };
}

const SECRET_PASSWORD = 'Sup3r-S3cret-Passw0rd-value';
const existingSecret: KubeObject = {
  apiVersion: 'v1', kind: 'Secret',
  metadata: { name: 'postgres.acid-minimal-cluster.credentials.postgresql.acid.zalan.do', namespace: 'default' },
  data: { username: Buffer.from('postgres').toString('base64'), password: Buffer.from(SECRET_PASSWORD).toString('base64') },
} as KubeObject;

t.test('malformed JSON is a 400 that does not quote the body', async (t) => {
  const { app: server } = app();
  const response = await server.inject({ method: 'POST', url: '/sync', headers: { 'content-type': 'application/json' }, payload: `{"data": "${SECRET_PASSWORD}` });
  t.equal(response.statusCode, 400);
  t.equal(response.json().error, 'InvalidJSON');
  t.notMatch(response.body, SECRET_PASSWORD);
});

t.test('a content type other than JSON is a 415', async (t) => {
  const { app: server } = app();
  const response = await server.inject({ method: 'POST', url: '/sync', headers: { 'content-type': 'text/plain' }, payload: 'hello' });
  t.equal(response.statusCode, 415);
  t.equal(response.json().error, 'UnsupportedMediaType');
});

t.test('a body over the limit is a 413', async (t) => {
  const { app: server } = app({ bodyLimit: 1024 });
  const response = await server.inject({ method: 'POST', url: '/sync', payload: syncRequest(loadManifest('complete')) });
  t.equal(response.statusCode, 413);
  t.equal(response.json().error, 'BodyTooLarge');
  t.match(response.json().message, /1024 bytes/);
});

t.test('an envelope that is not a Metacontroller request is a 400 naming the problem', async (t) => {
  const { app: server } = app();
  const missingChildren = await server.inject({ method: 'POST', url: '/sync', payload: { controller: {}, parent: syncRequest(loadManifest('minimal')).parent } });
  t.equal(missingChildren.statusCode, 400);
  t.match(missingChildren.json().message, /children/);
  const wrongParent = await server.inject({ method: 'POST', url: '/sync', payload: { ...syncRequest(loadManifest('minimal')), parent: { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'x', namespace: 'y' }, spec: {} } } });
  t.equal(wrongParent.statusCode, 400);
  t.match(wrongParent.json().message, /parent/);
  const customize = await server.inject({ method: 'POST', url: '/customize', payload: { parent: 'nope' } });
  t.equal(customize.statusCode, 400);
});

t.test('an invalid spec answers 200 Invalid, lists every violation with its path, and keeps every child', async (t) => {
  const { app: server } = app();
  const manifest = loadManifest('minimal');
  const valid = await server.inject({ method: 'POST', url: '/sync', payload: syncRequest(manifest, [existingSecret]) });
  const observed = valid.json().children.map((c: KubeObject, i: number) => asObserved(c, 'parent-uid', i));
  const broken = { ...manifest, spec: { ...manifest.spec, volume: { size: 'lots' }, numberOfInstances: -1, users: { 'Bad Name': ['superuser', 'nosuperuser'] } } };
  const response = await server.inject({ method: 'POST', url: '/sync', payload: syncRequest(broken, observed) });
  t.equal(response.statusCode, 200);
  const body = response.json();
  t.equal(body.status.PostgresClusterStatus, 'Invalid');
  const message: string = body.status.conditions[0].message;
  t.match(message, /spec\.volume\.size: must be a quantity/);
  t.match(message, /spec\.numberOfInstances: must be >= 0/);
  t.equal(body.children.length, observed.length, 'no child is left out');
  t.same(body.children.map((c: KubeObject) => c.metadata.name).sort(), observed.map((c: KubeObject) => c.metadata.name).sort());
  const byIdentity = (list: KubeObject[]) => [...list].sort((a, b) => `${a.kind}/${a.metadata.name}`.localeCompare(`${b.kind}/${b.metadata.name}`));
  t.same(byIdentity(body.children), byIdentity(valid.json().children), 'children come back as last declared, without server or Metacontroller fields');
  const secret = body.children.find((c: KubeObject) => c.metadata.name === existingSecret.metadata.name);
  t.equal(secret.data.password, (existingSecret as unknown as { data: { password: string } }).data.password, 'the password is carried byte for byte');
});

t.test('a semantic violation is reported without touching children', async (t) => {
  const { app: server } = app();
  const manifest = loadManifest('minimal');
  const response = await server.inject({ method: 'POST', url: '/sync', payload: syncRequest({ ...manifest, spec: { ...manifest.spec, users: { 'Bad Name': ['superuser', 'nosuperuser'] } } }, [existingSecret]) });
  const body = response.json();
  t.equal(body.status.PostgresClusterStatus, 'Invalid');
  t.match(body.status.conditions[0].message, /spec\.users\.Bad Name: is not a valid role name/);
  t.match(body.status.conditions[0].message, /sets both SUPERUSER and NOSUPERUSER/);
  t.equal(body.children.length, 1);
});

t.test('an unexpected error is a 500, logged with the parent and no Secret data', async (t) => {
  const { app: server, lines } = app({ random: { password: () => { throw new Error('entropy source failed'); } } });
  const response = await server.inject({ method: 'POST', url: '/sync', payload: syncRequest(loadManifest('minimal'), [existingSecret]) });
  t.equal(response.statusCode, 500);
  t.equal(response.json().error, 'InternalError');
  t.match(response.json().message, /no children were changed/);
  const logged = lines.join('');
  t.match(logged, /"namespace":"default"/);
  t.match(logged, /"name":"acid-minimal-cluster"/);
  t.notMatch(logged, SECRET_PASSWORD);
  t.notMatch(logged, Buffer.from(SECRET_PASSWORD).toString('base64'));
});

t.test('malformed observed children are a 200 SyncFailed keeping every child, never a 400 or a 500', async (t) => {
  const { app: server } = app();
  const manifest = loadManifest('minimal');
  const created = (await server.inject({ method: 'POST', url: '/sync', payload: syncRequest(manifest, [existingSecret]) })).json().children as KubeObject[];
  const observed = created.map((c, i) => asObserved(c, 'parent-uid', i));
  const service = observed.find((c) => c.kind === 'Service')!;
  const withBadLabels = observed.map((c) => (c === service ? { ...c, metadata: { ...c.metadata, labels: { ...c.metadata.labels, team: 7 } } } : c)) as KubeObject[];
  const response = await server.inject({ method: 'POST', url: '/sync', payload: syncRequest(manifest, withBadLabels) });
  t.equal(response.statusCode, 200);
  t.equal(response.json().status.PostgresClusterStatus, 'SyncFailed');
  t.match(response.json().status.conditions[0], { type: 'ObservedObjectsReadable', reason: 'MalformedObservedObject', message: new RegExp(`Service default/${service.metadata.name}: metadata\\.labels\\.team must be a string`) });
  t.equal(response.json().children.length, observed.length);
});

t.test('a recognisable Secret value forced through every error path reaches neither the response nor the log', async (t) => {
  const NUMBER = 4242424242424242;
  const forms = [SECRET_PASSWORD, Buffer.from(SECRET_PASSWORD).toString('base64'), String(NUMBER)];
  const withPassword = (password: unknown) => ({ ...existingSecret, data: { ...(existingSecret as unknown as { data: object }).data, password } }) as unknown as KubeObject;
  const infraConfig = { ...defaultConfig(), operator_namespace: 'ops', infrastructure_roles_secrets: [{ secretname: 'robots', userkey: 'user', passwordkey: 'password', details: 'details' }] };
  const infraSecret = (data: Record<string, unknown>) => ({ 'Secret.v1': { 'ops/robots': { apiVersion: 'v1', kind: 'Secret', metadata: { name: 'robots', namespace: 'ops' }, data } } }) as never;
  const paths: Array<{ name: string; status: number; config?: typeof infraConfig; random?: { password(): string }; payload: unknown }> = [
    { name: 'Secret data that is a number', status: 200, payload: syncRequest(loadManifest('minimal'), [withPassword(NUMBER)]) },
    { name: 'Secret data that is not base64', status: 200, payload: syncRequest(loadManifest('minimal'), [withPassword(`${SECRET_PASSWORD}!`)]) },
    { name: 'a role description that is not YAML', status: 200, config: infraConfig, payload: syncRequest(loadManifest('minimal'), [], { related: infraSecret({ details: Buffer.from(`name: robot\npassword: ${SECRET_PASSWORD}: x\n`).toString('base64') }) }) },
    { name: 'infrastructure Secret data that is a number', status: 200, config: infraConfig, payload: syncRequest(loadManifest('minimal'), [], { related: infraSecret({ details: NUMBER }) }) },
    { name: "a bug in Node's argument checks", status: 500, random: { password: () => Buffer.from(NUMBER as never).toString() }, payload: syncRequest(loadManifest('minimal')) },
    { name: 'a bug whose message quotes a value, even as a stack frame', status: 500, random: { password: () => { throw new TypeError(`bad ${SECRET_PASSWORD}\n    at ${SECRET_PASSWORD} (x.js:1:1)`); } }, payload: syncRequest(loadManifest('minimal')) },
  ];
  for (const path of paths) {
    const { logger, lines } = capture();
    const { app: server } = buildApp({ config: path.config ?? defaultConfig(), logger, clock: () => NOW, random: path.random ?? seededRandom(5) });
    const response = await server.inject({ method: 'POST', url: '/sync', payload: path.payload as object });
    t.equal(response.statusCode, path.status, path.name);
    const status = response.statusCode === 200 ? JSON.stringify(response.json().status) : response.body;
    const logged = lines.join('');
    for (const form of forms) {
      t.notOk(status.includes(form), `${path.name}: not in the answer`);
      t.notOk(logged.includes(form), `${path.name}: not in the log`);
    }
    if (path.status === 500) {
      t.match(response.json().message, /^sync failed \((TypeError|Error)( ERR_INVALID_ARG_TYPE)?\); no children were changed$/, 'the error class only');
      t.match(JSON.parse(lines.at(-1)!).err.frames, /^\s+at sync \(.*hooks\/sync\.ts/m, 'the frames stay in the log');
    }
  }
});

t.test('secret values never reach the log', async (t) => {
  const { app: server, lines } = app();
  const response = await server.inject({ method: 'POST', url: '/sync', payload: syncRequest(loadManifest('minimal'), [existingSecret]) });
  t.equal(response.statusCode, 200);
  const generated = response.json().children.filter((c: KubeObject) => c.kind === 'Secret')
    .flatMap((s: { data: Record<string, string> }) => Object.values(s.data));
  t.ok(generated.length > 4, 'the response does hold Secret data');
  const logged = lines.join('');
  t.equal(lines.length, 1, 'one line per hook call');
  const line = JSON.parse(lines[0] as string);
  t.same(line.children, { StatefulSet: 1, Service: 2, PodDisruptionBudget: 2, Secret: 4, ConfigMap: 1 });
  t.equal(line.hook, 'sync');
  t.type(line.durationMs, 'number');
  for (const value of [SECRET_PASSWORD, ...generated, ...generated.map((v: string) => Buffer.from(v, 'base64').toString())]) {
    t.notOk(logged.includes(value), 'no Secret value in the log');
  }
});

t.test('health, readiness and metrics', async (t) => {
  const { app: server, setReady } = app();
  t.equal((await server.inject('/healthz')).statusCode, 200);
  t.equal((await server.inject('/readyz')).statusCode, 200);
  await server.inject({ method: 'POST', url: '/sync', payload: syncRequest(loadManifest('minimal')) });
  await server.inject({ method: 'POST', url: '/sync', headers: { 'content-type': 'application/json' }, payload: '{' });
  const metrics = (await server.inject('/metrics')).body;
  t.match(metrics, /pgmc_hook_requests_total\{hook="sync",code="200"\} 1/);
  t.match(metrics, /pgmc_hook_requests_total\{hook="sync",code="400"\} 1/);
  t.match(metrics, /pgmc_hook_errors_total\{hook="sync",reason="InvalidJSON"\} 1/);
  t.match(metrics, /pgmc_hook_duration_seconds_count\{hook="sync"\} 1/);
  t.match(metrics, /pgmc_hook_children_total\{hook="sync",kind="StatefulSet"\} 1/);
  setReady(false);
  t.equal((await server.inject('/readyz')).statusCode, 503);
});

t.test('customize names the configured related objects and the clusters whose names could collide', async (t) => {
  const { logger } = capture();
  const config = { ...defaultConfig(), pod_environment_configmap: 'ops/pod-env', pod_environment_secret: 'pod-secrets', infrastructure_roles_secret_name: 'infra-roles', operator_namespace: 'ops', logical_backup_cronjob_environment_secret: 'backup-env' };
  const { app: server } = buildApp({ config, logger });
  // The clusters that would own a child name of acid-minimal-cluster: its replica Service, pooler Services and
  // critical-operation budget are their master Services or primary budget.
  const siblings = {
    apiVersion: 'acid.zalan.do/v1', resource: 'postgresqls', namespace: 'default',
    names: ['acid-minimal-cluster-critical-op', 'acid-minimal-cluster-pooler', 'acid-minimal-cluster-pooler-repl', 'acid-minimal-cluster-repl'],
  };
  // The data volumes' claims (the StatefulSet's selector), then the setup and operations Jobs' pods; never the database pods.
  const podsOf = (application: string) => ({ apiVersion: 'v1', resource: 'pods', namespace: 'default', labelSelector: { matchLabels: { application, 'cluster-name': 'acid-minimal-cluster' } } });
  const claims = { apiVersion: 'v1', resource: 'persistentvolumeclaims', namespace: 'default', labelSelector: { matchLabels: { application: 'spilo', 'cluster-name': 'acid-minimal-cluster' } } };
  const related = [claims, podsOf('db-setup'), podsOf('db-operations'), podsOf('db-restore')];
  const v2 = (await server.inject({ method: 'POST', url: '/customize', payload: { controller: syncRequest(loadManifest('minimal')).controller, parent: syncRequest(loadManifest('minimal')).parent } })).json();
  t.same(v2.relatedResources, [
    { apiVersion: 'v1', resource: 'secrets', namespace: 'default', names: ['pod-secrets'] },
    { apiVersion: 'v1', resource: 'configmaps', namespace: 'ops', names: ['pod-env'] },
    { apiVersion: 'v1', resource: 'secrets', namespace: 'default', names: ['backup-env'] },
    { apiVersion: 'v1', resource: 'secrets', namespace: 'ops', names: ['infra-roles'] },
    { apiVersion: 'v1', resource: 'configmaps', namespace: 'ops', names: ['infra-roles'] },
    siblings,
    ...related,
  ]);
  const v1Request = syncRequest(loadManifest('minimal'), [], { version: 'v1' });
  const v1 = (await server.inject({ method: 'POST', url: '/customize', payload: { controller: v1Request.controller, parent: v1Request.parent } })).json();
  t.same(v1.relatedResources, [
    { apiVersion: 'v1', resource: 'secrets', namespace: 'default', names: ['pod-secrets'] },
    { apiVersion: 'v1', resource: 'secrets', namespace: 'default', names: ['backup-env'] },
    siblings,
    ...related,
  ], 'v1 hooks only name the parent namespace');
});

t.test('finalize removes workloads first and reports finalized once nothing is left', async (t) => {
  const { app: server } = app();
  const manifest = loadManifest('minimal');
  const children = (await server.inject({ method: 'POST', url: '/sync', payload: syncRequest(manifest) })).json().children as KubeObject[];
  const first = (await server.inject({ method: 'POST', url: '/finalize', payload: syncRequest(manifest, children, { finalizing: true }) })).json();
  t.equal(first.finalized, false);
  t.same([...new Set(first.children.map((c: KubeObject) => c.kind))].sort(), ['Secret', 'Service']);
  const second = (await server.inject({ method: 'POST', url: '/finalize', payload: syncRequest(manifest, first.children, { finalizing: true }) })).json();
  t.same(second.children, []);
  t.equal(second.finalized, false, 'not finalized while children are still observed');
  const done = (await server.inject({ method: 'POST', url: '/finalize', payload: syncRequest(manifest, [], { finalizing: true }) })).json();
  t.equal(done.finalized, true);
});

t.test('the same contract over a real HTTP connection', async (t) => {
  const { app: server } = app();
  const address = await server.listen({ port: 0, host: '127.0.0.1' });
  t.teardown(() => server.close());
  const ok = await httpRequest(`${address}/sync`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(syncRequest(loadManifest('pooler'))) });
  t.equal(ok.statusCode, 200);
  const body = (await ok.body.json()) as { children: KubeObject[]; status: { PostgresClusterStatus: string } };
  t.equal(body.status.PostgresClusterStatus, 'Creating');
  t.ok(body.children.some((c) => c.metadata.name === 'pooler.acid-pooled.credentials.postgresql.acid.zalan.do'), 'the pooler user gets its Secret');
  const bad = await httpRequest(`${address}/sync`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"nope": x}' });
  t.equal(bad.statusCode, 400);
  t.same(await bad.body.json(), { error: 'InvalidJSON', message: 'the body is not valid JSON' });
  const health = await httpRequest(`${address}/healthz`);
  t.equal(health.statusCode, 200);
  await health.body.dump();
});

t.test('an unchanged request is answered as before, with the resync counted down; a changed one is computed', async (t) => {
  let now = NOW.getTime();
  const { logger, lines } = capture();
  const { app: server } = buildApp({ config: defaultConfig(), logger, clock: () => new Date(now), random: seededRandom(5) });
  // Settled: every Secret exists (a new one's password and rotation date come from the moment it is made).
  const created = syncRequest(loadManifest('complete'), [existingSecret]);
  const request = fedBack(created, sync(created, { config: defaultConfig(), now: NOW, random: seededRandom(5) }));
  const payload = JSON.stringify(request);
  const send = (body: string) => server.inject({ method: 'POST', url: '/sync', headers: { 'content-type': 'application/json' }, payload: body });
  const first = await send(payload);
  const resync = first.json().resyncAfterSeconds as number;
  t.ok(resync > 10, `the complete example names a resync (${resync} s)`);
  const fresh = (at: number) => JSON.stringify(sync(request, { config: defaultConfig(), now: new Date(at), random: seededRandom(5) }));
  t.equal(first.body, fresh(now), 'the first answer is the computed one, byte for byte');

  now += 10_000;
  const again = await send(payload);
  t.equal(again.headers['content-type'], 'application/json; charset=utf-8');
  t.same({ ...again.json(), resyncAfterSeconds: undefined }, { ...first.json(), resyncAfterSeconds: undefined }, 'the same answer');
  t.equal(again.json().resyncAfterSeconds, resync - 10);
  t.equal(again.body.replace(/"lastTransitionTime":"[^"]*"/g, ''), fresh(now).replace(/"lastTransitionTime":"[^"]*"/g, ''), 'what computing it now would answer');
  const logged = lines.map((line) => JSON.parse(line)).filter((line) => line.hook === 'sync');
  t.same(logged.map((line) => line.reused), [undefined, true], 'the log line says it was given again');
  t.same(logged[1].children, logged[0].children);

  const edited = JSON.stringify({ ...request, parent: { ...request.parent, metadata: { ...request.parent.metadata, resourceVersion: '2' } } });
  await send(edited);
  t.equal(JSON.parse(lines.at(-1)!).reused, undefined, 'another request is computed');

  now += (resync - 10) * 1000 - 1000;
  const late = await send(payload);
  t.equal(JSON.parse(lines.at(-1)!).reused, undefined, 'a second before the resync it is computed again');
  t.equal(late.body.replace(/"lastTransitionTime":"[^"]*"/g, ''), fresh(now).replace(/"lastTransitionTime":"[^"]*"/g, ''));
});

t.test('ANSWER_CACHE_MIB 0 computes every answer', async (t) => {
  const { logger, lines } = capture();
  const { app: server } = buildApp({ config: defaultConfig(), logger, clock: () => NOW, random: seededRandom(5), answerCacheMiB: 0 });
  const payload = syncRequest(loadManifest('minimal'), [existingSecret]);
  const answers = [await server.inject({ method: 'POST', url: '/sync', payload }), await server.inject({ method: 'POST', url: '/sync', payload })];
  t.not(answers[0]!.body, answers[1]!.body, 'computed twice: the Secrets not there yet get other new passwords');
  t.same(lines.map((line) => JSON.parse(line)).filter((line) => line.hook === 'sync').map((line) => line.reused), [undefined, undefined]);
});

t.test('an answer that failed is not kept: the same request fails again', async (t) => {
  const { app: server, lines } = app({ random: { password() { throw new Error('no entropy'); } } });
  const payload = syncRequest(loadManifest('minimal'));
  t.equal((await server.inject({ method: 'POST', url: '/sync', payload })).statusCode, 500);
  t.equal((await server.inject({ method: 'POST', url: '/sync', payload })).statusCode, 500);
  t.equal(lines.filter((line) => line.includes('hook failed')).length, 2);
});
