// Human roles against a real PostgreSQL server and a local Teams API: created with their flags,
// groups and settings, never with a password; deprecated and restored by name; never dropped; roles
// the Job did not make as human roles, and protected ones, never touched.
import { createServer, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import t from 'tap';
import pg from 'pg';
import { loadManifest, syncRequest } from '../fixtures/requests.js';
import { sync } from '../hooks/sync.js';
import type { KubeObject, ObjectMap } from '../schemas/hook.js';
import type { SetupHumans, SetupState } from '../schemas/setup-state.js';
import { childrenOf, inputs } from '../test/support.js';
import { startPostgres, type Postgres } from '../test/postgres.js';
import { connector } from './connection.js';
import { HUMAN_ROLE_COMMENT } from './humans.js';
import { main } from './main.js';
import { Report } from './report.js';
import { runSetup } from './run.js';
import { DEFAULT_LIMITS, fetchTeam } from './teams-api.js';

const TOKEN = 'teams-token-Recognisable-42';

let server: Postgres;
/** What the Teams API answers per team: a member list, or a status with an error. */
const teamsApi = new Map<string, string[] | number>();
let apiUrl = '';

t.before(async () => {
  server = await startPostgres();
  const admin = await server.client();
  // Spilo's bootstrap creates these: the admin role, cron_admin, and the PAM group (HUMAN_ROLE).
  await admin.query('CREATE ROLE admin CREATEDB NOLOGIN; CREATE ROLE cron_admin NOLOGIN; CREATE ROLE zalandos NOLOGIN');
  // A human a DBA made with Spilo's own functions: a PAM member the Job did not make.
  await admin.query('CREATE ROLE carol LOGIN IN ROLE zalandos');
  await admin.end();
  const api = createServer((req, res: ServerResponse) => {
    const answer = teamsApi.get(decodeURIComponent(req.url?.replace('/api/teams/', '') ?? ''));
    const reply = (status: number, body: unknown) => res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
    if (req.headers.authorization !== `Bearer ${TOKEN}`) reply(401, { error: 'invalid token' });
    else if (answer === undefined) reply(404, { error: 'no such team' });
    else if (typeof answer === 'number') reply(answer, { error: 'teams database down' });
    else reply(200, { member: answer });
  });
  await new Promise<void>((resolve) => api.listen(0, '127.0.0.1', resolve));
  apiUrl = `http://127.0.0.1:${(api.address() as AddressInfo).port}/api`;
  t.teardown(() => new Promise<void>((resolve) => { api.closeAllConnections(); api.close(() => resolve()); }));
});
t.teardown(async () => server?.stop());

function humans(options: Partial<SetupHumans> = {}): SetupHumans {
  return {
    teams: [{ name: 'acid', superuser: false, members: ['tia'] }, { name: 'ops', superuser: true, members: [] }],
    groups: ['zalandos'], adminGroup: 'admin', parameters: { log_statement: 'all' },
    reserved: ['admin', 'cron_admin', 'postgres', 'standby'], teamsApiUrl: apiUrl, deprecationSuffix: '_deleted',
    ...options,
  };
}

function stateWith(section: SetupHumans, roles: SetupState['roles'] = []): SetupState {
  return { cluster: 'acid-test', passwordEncryption: 'scram-sha-256', roles, databases: [], preparedDatabases: [], humans: section };
}

async function run(state: SetupState): Promise<Report> {
  const report = new Report(() => undefined);
  const limits = { ...DEFAULT_LIMITS, timeoutMs: 2000, retryDelayMs: 1 };
  await runSetup(state, {
    connect: connector(server.env), passwords: new Map(), report, deadlineMs: 10_000, log: () => undefined,
    fetchTeam: (team) => fetchTeam({ url: state.humans?.teamsApiUrl ?? '', token: TOKEN, tokenType: 'Bearer' }, team, limits),
  });
  return report;
}

async function query<T extends pg.QueryResultRow>(sql: string, params: unknown[] = []): Promise<T[]> {
  const client = await server.client();
  try {
    return (await client.query<T>(sql, params)).rows;
  } finally {
    await client.end();
  }
}

interface RoleRow { rolname: string; rolcanlogin: boolean; rolsuper: boolean; rolpassword: string | null; groups: string[]; config: string[] | null; comment: string | null }

async function roles(names: string[]): Promise<Record<string, Omit<RoleRow, 'rolname'>>> {
  const rows = await query<RoleRow>(
    `SELECT a.rolname, a.rolcanlogin, a.rolsuper, a.rolpassword,
            ARRAY(SELECT g.rolname::text FROM pg_auth_members m JOIN pg_roles g ON g.oid = m.roleid WHERE m.member = a.oid ORDER BY 1) AS groups,
            (SELECT setconfig FROM pg_db_role_setting s WHERE s.setrole = a.oid AND s.setdatabase = 0) AS config,
            shobj_description(a.oid, 'pg_authid') AS comment
       FROM pg_authid a WHERE a.rolname = ANY($1) ORDER BY 1`, [names]);
  return Object.fromEntries(rows.map(({ rolname, ...rest }) => [rolname, rest]));
}

const lines = (report: Report) => report.actions.map((a) => `${a.outcome} ${a.object} ${a.name}${a.changes ? ` [${a.changes.join(', ')}]` : ''}`);

t.test('team members become LOGIN roles without a password, in the PAM group, superusers without the admin group', async (t) => {
  teamsApi.set('acid', ['bob', 'tia']).set('ops', ['root_person', 'tia']);
  const report = await run(stateWith(humans({ deprecationSuffix: undefined })));
  t.same(lines(report), [
    'fetched team acid', 'fetched team ops',
    'created role bob', 'created role root_person', 'created role tia',
  ]);
  const human = { rolcanlogin: true, rolsuper: false, rolpassword: null, groups: ['admin', 'zalandos'], config: ['log_statement=all'], comment: HUMAN_ROLE_COMMENT };
  t.same(await roles(['bob', 'tia', 'root_person']), {
    bob: human,
    root_person: { ...human, rolsuper: true, groups: ['zalandos'] },
    tia: { ...human, rolsuper: true, groups: ['zalandos'] },
  }, 'tia is in a superuser team too: a member of any superuser team is a superuser');
  t.equal(report.summary().message, 'the database now matches the desired state');
  const again = await run(stateWith(humans({ deprecationSuffix: undefined })));
  t.same(again.actions.filter((a) => a.object === 'role').map((a) => a.outcome), ['unchanged', 'unchanged', 'unchanged'], 'a second run changes nothing');
});

t.test('a member no team names any more is renamed with the suffix and loses LOGIN; back again, it is restored', async (t) => {
  teamsApi.set('acid', ['tia']).set('ops', ['root_person']);
  const removed = await run(stateWith(humans()));
  t.ok(lines(removed).includes('altered role bob [NOLOGIN, renamed to bob_deleted]'), lines(removed).join('\n'));
  t.same(Object.keys(await roles(['bob', 'bob_deleted'])), ['bob_deleted'], 'renamed, not dropped');
  t.match((await roles(['bob_deleted'])).bob_deleted, { rolcanlogin: false, groups: ['admin', 'zalandos'], comment: HUMAN_ROLE_COMMENT });
  t.same(await roles(['carol']), { carol: { rolcanlogin: true, rolsuper: false, rolpassword: null, groups: ['zalandos'], config: null, comment: null } },
    'a PAM member the Job did not make is never deprecated');
  t.equal((await run(stateWith(humans()))).changed, false, 'a deprecated role stays as it is');

  teamsApi.set('acid', ['tia', 'bob']);
  const back = await run(stateWith(humans()));
  t.same(lines(back).filter((l) => l.includes('bob')), ['altered role bob [renamed back from bob_deleted, LOGIN]', 'unchanged role bob']);
  t.match((await roles(['bob'])).bob, { rolcanlogin: true, groups: ['admin', 'zalandos'] });

  teamsApi.set('acid', ['tia']);
  const off = await run(stateWith(humans({ deprecationSuffix: undefined })));
  t.notOk(lines(off).some((l) => l.includes('bob')), 'without enable_team_member_deprecation a removed member keeps its role');
  t.match((await roles(['bob'])).bob, { rolcanlogin: true });
});

t.test('a failed fetch is reported, the rest goes on, and nothing is deprecated in that run', async (t) => {
  teamsApi.set('acid', 500).set('ops', ['root_person']);
  const state = stateWith(humans({ teams: [{ name: 'acid', superuser: false, members: [] }, { name: 'ops', superuser: true, members: [] }] }), [{ name: 'app_user', flags: ['LOGIN'], memberOf: [], parameters: {} }]);
  const report = await run(state);
  t.same(lines(report), [
    'unavailable team acid', 'fetched team ops', 'created role app_user', 'unchanged role root_person', 'skipped deprecation human roles',
  ]);
  t.match((await roles(['bob', 'tia'])), { bob: { rolcanlogin: true }, tia: { rolcanlogin: true } }, 'members of the unavailable team are kept');
  t.equal(report.summary().failed, 0);
  t.equal(report.summary().message, 'the database now matches the desired state; unavailable: team acid: status 500: teams database down (3 attempts); no human role was deprecated: the members of some team are unknown');
});

t.test('protected, system and state role names are never human roles; the command exits 0 with Teams API failures', async (t) => {
  teamsApi.set('acid', ['tia', 'bob', 'cron_admin', 'postgres', 'app_user', 'x'.repeat(64)]).set('ops', 401);
  const state = stateWith(humans({ teams: [{ name: 'acid', superuser: false, members: [] }, { name: 'ops', superuser: true, members: [] }] }), [{ name: 'app_user', flags: ['LOGIN'], memberOf: [], parameters: {} }]);
  const file = join(server.dir, 'humans-state.json');
  writeFileSync(file, JSON.stringify(state));
  const output: string[] = [];
  const env = { ...server.env, TEAMS_API_TOKEN: 'wrong-token', TEAMS_API_TOKEN_TYPE: 'Bearer' };
  t.equal(await main(['--state', file, '--deadline-seconds', '30'], env, (line) => output.push(line)), 0, 'API failures alone do not fail the Job');
  t.match(JSON.parse(output.at(-1)!).summary, { failed: 0, unavailable: 2, message: /unavailable: team acid: status 401: invalid token, team ops: status 401: invalid token; no human role was deprecated/ });
  t.notOk(output.join('\n').includes('wrong-token'), 'the token never reaches the output');

  output.length = 0;
  teamsApi.set('ops', []);
  t.equal(await main(['--state', file], { ...env, TEAMS_API_TOKEN: TOKEN }, (line) => output.push(line)), 0);
  const actions = output.slice(0, -1).map((l) => JSON.parse(l));
  t.same(actions.filter((a) => a.outcome === 'skipped').map((a) => [a.name, a.message]), [
    ['app_user', 'not made a human role: another role of the cluster has this name'],
    ['cron_admin', 'not made a human role: a system or protected role name is never a human role'],
    ['postgres', 'not made a human role: a system or protected role name is never a human role'],
    ['x'.repeat(64), `not made a human role: name "${'x'.repeat(64)}" is longer than 63 bytes; PostgreSQL would truncate it`],
  ]);
  t.same(await roles(['cron_admin']), { cron_admin: { rolcanlogin: false, rolsuper: false, rolpassword: null, groups: [], config: null, comment: null } }, 'the protected role is untouched');
  t.same(await roles(['app_user']), { app_user: { rolcanlogin: true, rolsuper: false, rolpassword: null, groups: [], config: null, comment: null } }, 'the state role is not made human');
  t.ok(actions.some((a) => a.outcome === 'altered' && a.name === 'root_person' && a.changes.includes('renamed to root_person_deleted')), 'ops answered and no longer names root_person');
});

t.test('a deprecation that would take an existing name is refused, and nothing of the role changes', async (t) => {
  teamsApi.set('acid', ['tia', 'dave']).set('ops', []);
  await run(stateWith(humans()));
  await query('CREATE ROLE dave_deleted NOLOGIN');
  teamsApi.set('acid', ['tia']);
  const report = await run(stateWith(humans()));
  t.match(report.actions.find((a) => a.name === 'dave'), { outcome: 'failed', message: /role dave_deleted exists/ });
  t.match((await roles(['dave'])).dave, { rolcanlogin: true });
});

t.test('the state the sync hook writes from PostgresTeam objects creates those members (no Teams API)', async (t) => {
  const spec = { additionalMembers: { acid: ['erin'], dba: ['frank'] }, additionalSuperuserTeams: { acid: ['dba'] } };
  const related = { 'PostgresTeam.acid.zalan.do/v1': { 'ops/extra': { apiVersion: 'acid.zalan.do/v1', kind: 'PostgresTeam', metadata: { name: 'extra', namespace: 'ops' }, spec } } } as ObjectMap;
  const response = sync(syncRequest(loadManifest('minimal'), [], { related }), inputs({ enable_postgres_team_crd: true, enable_postgres_team_crd_superusers: true }));
  const state = JSON.parse((childrenOf(response, 'ConfigMap')[0] as KubeObject & { data: Record<string, string> }).data['state.json']!) as SetupState;
  const onlyHumans = { ...state, roles: [], databases: [], preparedDatabases: [] };
  const report = await run(onlyHumans);
  t.same(lines(report), ['created role erin', 'created role frank'], 'no Teams API: nothing is fetched');
  t.match(await roles(['erin', 'frank']), { erin: { rolsuper: false, groups: ['admin', 'zalandos'] }, frank: { rolsuper: true, groups: ['zalandos'] } });
});
