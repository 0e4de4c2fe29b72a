import t from 'tap';
import { loadManifest, syncRequest } from '../../fixtures/requests.js';
import type { KubeObject, ObjectMap, SyncRequest, SyncResponse } from '../../schemas/hook.js';
import { customize } from '../customize.js';
import { childrenOf, decodeSecret, fedBack, inputs, NOW, validateKube, withSpecChange } from '../../test/support.js';
import { sync } from '../sync.js';
import { childMap } from '../../fixtures/requests.js';

const manifest = loadManifest('minimal');

/** The next request with the StatefulSet reporting `ready` pods and the Jobs in the given state. */
function withCluster(request: SyncRequest, response: SyncResponse, ready: number, jobStatus?: object): SyncRequest {
  const next = fedBack(request, response);
  const children = Object.values(next.children).flatMap((byName) => Object.values(byName)).map((child) => {
    if (child.kind === 'StatefulSet') return { ...child, status: { replicas: 2, readyReplicas: ready, updatedReplicas: 2, observedGeneration: 1 } } as KubeObject;
    if (child.kind === 'Job' && jobStatus) return { ...child, status: jobStatus } as KubeObject;
    return child;
  });
  return { ...next, children: childMap(children, request.parent.metadata.namespace, 'v2') };
}

/** The setup Job's children (the operations Jobs of hooks/operations/ are tested beside their builder). */
function setupChildren(response: SyncResponse, kind: 'Job' | 'ConfigMap'): KubeObject[] {
  return childrenOf(response, kind).filter((c) => /-setup-[0-9a-f]{10}$/.test(c.metadata.name));
}

function condition(response: SyncResponse) {
  return response.status.conditions?.find((c) => c.type === 'DatabaseSetup');
}

t.test('before any pod is ready only the state ConfigMap exists', async (t) => {
  const response = sync(syncRequest(manifest), inputs());
  t.equal(setupChildren(response, 'Job').length, 0);
  const [configMap] = setupChildren(response, 'ConfigMap');
  t.match(configMap?.metadata.name, /^acid-minimal-cluster-setup-[0-9a-f]{10}$/);
  t.match(condition(response), { status: 'False', reason: 'WaitingForPrimary' });
});

t.test('a ready pod brings the Job; it names passwords by Secret, never by value', async (t) => {
  const request = syncRequest(manifest);
  const first = sync(request, inputs());
  const response = sync(withCluster(request, first, 1), inputs());
  const [job] = setupChildren(response, 'Job') as Array<KubeObject & { spec: any }>;
  t.ok(job, 'the Job is emitted');
  validateKube(job!);
  validateKube(setupChildren(response, 'ConfigMap')[0]!);
  t.equal(job!.metadata.name, setupChildren(response, 'ConfigMap')[0]!.metadata.name, 'Job and state share the hash');
  const pod = job!.spec.template.spec;
  t.equal(pod.restartPolicy, 'Never');
  t.equal(pod.automountServiceAccountToken, false);
  t.same(pod.containers[0].command, ['node', 'dist/setup/cli.js', '--state', '/etc/postgres-setup/state.json', '--termination-log', '/dev/termination-log']);
  t.equal(pod.containers[0].terminationMessagePolicy, 'FallbackToLogsOnError', 'a crash leaves its log tail');
  const env = Object.fromEntries(pod.containers[0].env.map((e: any) => [e.name, e.value ?? e.valueFrom.secretKeyRef]));
  t.equal(env.PGHOST, 'acid-minimal-cluster.default.svc.cluster.local');
  t.equal(env.PGSSLMODE, 'require');
  t.same(env.PGPASSWORD, { name: 'postgres.acid-minimal-cluster.credentials.postgresql.acid.zalan.do', key: 'password' });
  t.same(env.PGMC_PASSWORD_0, { name: 'foo-user.acid-minimal-cluster.credentials.postgresql.acid.zalan.do', key: 'password' });
  const state = JSON.parse((setupChildren(response, 'ConfigMap')[0] as any).data['state.json']);
  t.same(state.roles.find((r: any) => r.name === 'foo_user').passwordEnv, 'PGMC_PASSWORD_0');
  t.notOk(state.roles.some((r: any) => r.name === 'postgres' || r.name === 'standby'), 'Spilo creates the system users');
  const text = JSON.stringify(response.children.filter((c) => c.kind !== 'Secret'));
  for (const secret of childrenOf(response, 'Secret')) t.notOk(text.includes(decodeSecret(secret).password!), 'no password outside Secrets');
  t.match(condition(response), { reason: 'Pending' });
  t.matchSnapshot(job, 'the setup Job');
});

t.test('the finished Job stays, with its outcome in the status, and the answer converges', async (t) => {
  const request = syncRequest(manifest);
  const first = sync(request, inputs());
  const second = sync(withCluster(request, first, 1), inputs());
  const done = withCluster(withCluster(request, first, 1), second, 1, { conditions: [{ type: 'Complete', status: 'True' }], succeeded: 1 });
  const third = sync(done, inputs());
  t.same(setupChildren(third, 'Job').map((j) => j.metadata.name), setupChildren(second, 'Job').map((j) => j.metadata.name));
  t.match(condition(third), { status: 'True', reason: 'Succeeded' });
  t.same(third.children, second.children, 'same children once the Job is observed');

  const notReady = withCluster(withCluster(request, first, 1), second, 0, { conditions: [{ type: 'Failed', status: 'True', reason: 'BackoffLimitExceeded', message: 'Job has reached the specified backoff limit' }] });
  const failed = sync(notReady, inputs());
  t.equal(setupChildren(failed, 'Job').length, 1, 'an observed Job is kept even while no pod is ready');
  t.match(condition(failed), { status: 'False', reason: 'Failed', message: /BackoffLimitExceeded.*delete the Job to run it again/ });
});

t.test('a changed state or password gives a new Job and drops the old one', async (t) => {
  const request = syncRequest(manifest);
  const first = sync(request, inputs());
  const ready = withCluster(request, first, 1);
  const before = setupChildren(sync(ready, inputs()), 'Job')[0]!.metadata.name;

  const users = (ready.parent.spec as { users: Record<string, string[]> }).users;
  const moreUsers = withSpecChange(ready, { users: { ...users, new_user: [] } });
  const changed = sync(moreUsers, inputs());
  t.not(setupChildren(changed, 'Job')[0]!.metadata.name, before, 'a new role changes the name');
  t.equal(setupChildren(changed, 'Job').length, 1, 'the Job of the old state is gone');

  const withoutFoo = Object.values(ready.children).flatMap((m) => Object.values(m)).filter((c) => !c.metadata.name.startsWith('foo-user.'));
  const newPassword = sync({ ...ready, children: childMap(withoutFoo, 'default', 'v2') }, inputs({}, 99));
  t.not(setupChildren(newPassword, 'Job')[0]!.metadata.name, before, 'a regenerated password changes the name');
});

t.test('with one configuration object, as a server has, a kept intent never hides a change', async (t) => {
  const server = inputs();
  const request = syncRequest(manifest);
  const ready = withCluster(request, sync(request, server), 1);
  const job = () => setupChildren(sync(ready, server), 'Job')[0]!;
  const before = job();
  t.equal(job(), before, 'the same inputs give the very same Job');

  const users = (ready.parent.spec as { users: Record<string, string[]> }).users;
  t.not(setupChildren(sync(withSpecChange(ready, { users: { ...users, new_user: [] } }), server), 'Job')[0]!.metadata.name, before.metadata.name, 'a new role');

  const secrets = Object.values(ready.children).flatMap((m) => Object.values(m));
  const changedPassword = secrets.map((c) => c.metadata.name.startsWith('foo-user.')
    ? { ...c, data: { ...(c as unknown as { data: Record<string, string> }).data, password: Buffer.from('changed by hand').toString('base64') } } as KubeObject
    : c);
  t.not(setupChildren(sync({ ...ready, children: childMap(changedPassword, 'default', 'v2') }, server), 'Job')[0]!.metadata.name, before.metadata.name, 'a changed password');

  const later = { ...server, now: new Date(NOW.getTime() + 7 * 86_400_000) };
  t.not(setupChildren(sync(ready, later), 'Job')[0]!.metadata.name, before.metadata.name, 'the next repair interval');
  t.equal(job().metadata.name, before.metadata.name, 'and back');
});

t.test('no Job for standby clusters or without database access', async (t) => {
  const request = syncRequest(manifest);
  const ready = withCluster(request, sync(request, inputs()), 1);
  const off = sync(ready, inputs({ enable_database_access: false }));
  t.equal(setupChildren(off, 'Job').length + setupChildren(off, 'ConfigMap').length, 0);
  t.match(condition(off), { status: 'True', reason: 'Skipped', message: /enable_database_access/ });
  const standby = loadManifest('standby');
  const standbyResponse = sync(syncRequest(standby), inputs());
  t.equal(setupChildren(standbyResponse, 'ConfigMap').length, 0);
  t.match(condition(standbyResponse), { reason: 'Skipped', message: /standby/ });
});

t.test('long cluster names keep the Job name within 63 characters', async (t) => {
  const long = { ...manifest, metadata: { ...manifest.metadata, name: `acid-${'a'.repeat(47)}` } };
  const [configMap] = setupChildren(sync(syncRequest(long), inputs()), 'ConfigMap');
  t.ok(configMap!.metadata.name.length <= 63);
  t.match(configMap!.metadata.name, /^acid-a+-setup-[0-9a-f]{10}$/);
});

t.test('a rotated Secret gives the dated user as a login member of the role, valid for the retention', async (t) => {
  const rotating = { ...manifest, spec: { ...manifest.spec, usersWithSecretRotation: ['foo_user'] } };
  const request = syncRequest(rotating);
  const first = sync(request, inputs());
  const later = { ...inputs({}, 5), now: new Date('2027-03-01T00:00:00Z') };
  const rotated = sync(withCluster(request, first, 1), later);
  const state = JSON.parse((setupChildren(rotated, 'ConfigMap')[0] as any).data['state.json']);
  t.same(state.roles.find((r: any) => r.name === 'foo_user270301'), {
    name: 'foo_user270301', flags: ['LOGIN'], memberOf: ['foo_user'], parameters: {}, passwordEnv: 'PGMC_PASSWORD_0', validUntil: '2027-08-28T00:00:00Z',
  });
  t.notOk('passwordEnv' in state.roles.find((r: any) => r.name === 'foo_user'), 'the role itself keeps its password');
});

t.test('the setup runs again once per repair_interval, and a running Job is never removed for a newer intent', async (t) => {
  const request = syncRequest(manifest);
  const first = sync(request, inputs());
  const running = withCluster(request, first, 1);
  const now = sync(running, inputs());
  const [job] = setupChildren(now, 'Job');
  const sameBucket = sync(running, { ...inputs(), now: new Date(NOW.getTime() + 60_000) });
  t.same(setupChildren(sameBucket, 'Job').map((j) => j.metadata.name), [job!.metadata.name], 'within the interval the intent is the same');

  const later = { ...inputs(), now: new Date(NOW.getTime() + 30 * 60_000) };
  const whileRunning = sync(withCluster(running, now, 1, {}), later);
  t.same(setupChildren(whileRunning, 'Job').map((j) => j.metadata.name), [job!.metadata.name], 'the running Job of the earlier bucket stays, alone');
  t.same(setupChildren(whileRunning, 'ConfigMap').map((c) => c.metadata.name), [job!.metadata.name], 'with the state it reads');
  t.match(condition(whileRunning), { status: 'False', reason: 'Running', message: /of an earlier state is running/ });

  const finished = sync(withCluster(running, now, 1, { conditions: [{ type: 'Complete', status: 'True' }] }), later);
  const [next] = setupChildren(finished, 'Job');
  t.ok(next && next.metadata.name !== job!.metadata.name, 'once it finished, the next interval brings a new Job');
  t.notOk(finished.children.some((c) => c.metadata.name === job!.metadata.name), 'and the finished earlier one goes');
});

function postgresTeams(...specs: object[]): ObjectMap {
  return { 'PostgresTeam.acid.zalan.do/v1': Object.fromEntries(specs.map((spec, i) => [`ops/teams-${i}`, { apiVersion: 'acid.zalan.do/v1', kind: 'PostgresTeam', metadata: { name: `teams-${i}`, namespace: 'ops' }, spec }])) } as ObjectMap;
}

function setupState(response: SyncResponse) {
  return JSON.parse((setupChildren(response, 'ConfigMap')[0] as any).data['state.json']);
}

t.test('PostgresTeam members reach the setup state, and a changed member list gives a new Job', async (t) => {
  const config = { enable_postgres_team_crd: true };
  const teams = postgresTeams({ additionalTeams: { acid: ['b-team'] }, additionalMembers: { acid: ['tia', 'foo_user'] } }, { additionalMembers: { 'b-team': ['bob'] } });
  const request = syncRequest(manifest, [], { related: teams });
  const ready = withCluster(request, sync(request, inputs(config)), 1);
  const response = sync(ready, inputs(config));
  t.same(setupState(response).humans, {
    teams: [{ name: 'b-team', superuser: false, members: ['bob'] }, { name: 'acid', superuser: false, members: ['tia'] }],
    groups: ['zalandos'], adminGroup: 'admin', parameters: { log_statement: 'all' }, reserved: ['admin', 'cron_admin', 'postgres', 'standby'],
  });
  t.match(response.status.conditions?.find((c) => c.type === 'Warnings')?.message, /member "foo_user" of team acid gets no human role: the cluster has a manifest role of that name/);
  t.notOk(childrenOf(response, 'Secret').some((s) => /^(tia|bob)\./.test(s.metadata.name)), 'human roles get no Secret');
  const [job] = setupChildren(response, 'Job') as Array<KubeObject & { spec: any }>;
  t.notOk(job!.spec.template.spec.containers[0].env.some((e: any) => e.name.startsWith('TEAMS_API')), 'no token without the Teams API');

  const more = sync({ ...ready, related: { ...ready.related, ...postgresTeams({ additionalTeams: { acid: ['b-team'] }, additionalMembers: { acid: ['tia', 'tom'] } }, { additionalMembers: { 'b-team': ['bob'] } }) } }, inputs(config));
  t.not(setupChildren(more, 'Job')[0]!.metadata.name, job!.metadata.name, 'a new member gives a new state and Job');
  t.same(sync(ready, inputs()).status.conditions?.find((c) => c.type === 'Warnings')?.reason, 'NoWarnings', 'without enable_postgres_team_crd the objects are not read');
  t.notOk('humans' in setupState(sync(ready, inputs())), 'and the state has no human part');
});

t.test('with the Teams API the Job gets the token from the Secret (optional keys), never in the state', async (t) => {
  const config = { enable_teams_api: true, oauth_token_secret_name: 'ops/teams-token', teams_api_url: 'https://teams.example.org/api/' };
  const request = syncRequest(manifest);
  const response = sync(withCluster(request, sync(request, inputs(config)), 1), inputs(config));
  const env = (setupChildren(response, 'Job')[0] as any).spec.template.spec.containers[0].env;
  t.same(env.filter((e: any) => e.name.startsWith('TEAMS_API')), [
    { name: 'TEAMS_API_TOKEN', valueFrom: { secretKeyRef: { name: 'teams-token', key: 'read-only-token-secret', optional: true } } },
    { name: 'TEAMS_API_TOKEN_TYPE', valueFrom: { secretKeyRef: { name: 'teams-token', key: 'read-only-token-type', optional: true } } },
  ]);
  t.match(setupState(response).humans, { teams: [{ name: 'acid', superuser: false, members: [] }], teamsApiUrl: 'https://teams.example.org/api/' });
  t.match(response.status.conditions?.find((c) => c.type === 'Warnings')?.message, /reads the Teams API token from Secret teams-token in namespace default, not ops/);
  validateKube(setupChildren(response, 'Job')[0]!);
});

t.test('a PostgresTeam with fields of the wrong type stops the update and keeps every child', async (t) => {
  const config = { enable_postgres_team_crd: true };
  const request = syncRequest(manifest, [], { related: postgresTeams({ additionalMembers: { acid: ['tia'] } }) });
  const first = sync(request, inputs(config));
  const broken = { ...fedBack(request, first), related: { ...request.related, ...postgresTeams({ additionalMembers: { acid: 'tia' } }) } };
  const response = sync(broken, inputs(config));
  t.match(response.status.conditions?.[0], { type: 'ObservedObjectsReadable', reason: 'MalformedObservedObject', message: /PostgresTeam ops\/teams-0: spec\.additionalMembers\.acid must be a list/ });
  t.same(response.children.map((c) => c.metadata.name).sort(), first.children.map((c) => c.metadata.name).sort());
});

t.test('customize asks for the PostgresTeam objects of every namespace (v2) or of the parent namespace (v1), only when enabled', async (t) => {
  const rule = (version: 'v1' | 'v2', options = { enable_postgres_team_crd: true }) => {
    const request = syncRequest(manifest, [], { version });
    return customize({ controller: request.controller, parent: request.parent }, inputs(options).config).relatedResources.filter((r) => r.resource === 'postgresteams');
  };
  t.same(rule('v2'), [{ apiVersion: 'acid.zalan.do/v1', resource: 'postgresteams', labelSelector: {} }]);
  t.same(rule('v1'), [{ apiVersion: 'acid.zalan.do/v1', resource: 'postgresteams', namespace: 'default', labelSelector: {} }]);
  t.same(rule('v2', { enable_postgres_team_crd: false }), []);
});

t.test('setup_service_account_name: the Job runs as that ServiceAccount and its state says where to record Events', async (t) => {
  const request = syncRequest(manifest);
  const jobAndState = (config: object) => {
    const response = sync(withCluster(request, sync(request, inputs(config)), 1), inputs(config));
    const [job] = setupChildren(response, 'Job') as Array<KubeObject & { spec: any }>;
    return { pod: job!.spec.template.spec, state: JSON.parse((setupChildren(response, 'ConfigMap')[0] as any).data['state.json']) };
  };
  const plain = jobAndState({});
  t.equal(plain.pod.automountServiceAccountToken, false, 'without it: no token at all');
  t.notOk(plain.pod.serviceAccountName);
  t.notOk(plain.state.events);
  const recording = jobAndState({ setup_service_account_name: 'postgres-metacontroller-setup' });
  t.equal(recording.pod.serviceAccountName, 'postgres-metacontroller-setup');
  t.notOk('automountServiceAccountToken' in recording.pod);
  t.same(recording.state.events, { namespace: manifest.metadata.namespace ?? 'default', parentUid: request.parent.metadata.uid });
});
