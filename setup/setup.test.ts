// The setup command against a real PostgreSQL server, fed with what the sync hook emits.
import t from 'tap';
import pg from 'pg';
import { loadManifest, syncRequest } from '../fixtures/requests.js';
import { childrenOf, decodeSecret, inputs } from '../test/support.js';
import { startPostgres, type Postgres } from '../test/postgres.js';
import { sync } from '../hooks/sync.js';
import type { KubeObject, SyncRequest, SyncResponse } from '../schemas/hook.js';
import type { SetupState } from '../schemas/setup-state.js';
import { connector, type Connect } from './connection.js';
import { Report } from './report.js';
import { runSetup } from './run.js';
import { md5Verifier } from './password.js';
import { main } from './main.js';
import type { JobEvent } from '../operations/recorder.js';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

let server: Postgres;
t.before(async () => {
  server = await startPostgres();
  const admin = await server.client();
  // Spilo's bootstrap creates the admin role that manifest users and owner roles are administered by.
  await admin.query('CREATE ROLE admin CREATEDB NOLOGIN');
  await admin.end();
});
t.teardown(async () => server?.stop());

const manifest = {
  ...loadManifest('minimal'),
  spec: {
    ...loadManifest('minimal').spec,
    preparedDatabases: { foo: { defaultUsers: true, schemas: { bar: { defaultUsers: true } }, extensions: { pg_trgm: 'bar' } } },
    databases: { app: 'zalando' },
    enableConnectionPooler: true,
  },
};

/** The state ConfigMap and the passwords the Job's environment would carry, from one sync call. */
function fromHook(request: SyncRequest): { state: SetupState; passwords: Map<string, string>; response: SyncResponse } {
  const response = sync(request, inputs());
  const configMap = childrenOf(response, 'ConfigMap')[0] as KubeObject & { data: Record<string, string> };
  const state = JSON.parse(configMap.data['state.json']!) as SetupState;
  const secrets = new Map(childrenOf(response, 'Secret').map((s) => [s.metadata.name, decodeSecret(s).password!]));
  // The Job maps PGMC_PASSWORD_n to Secrets in the order of the state's roles; rebuild that mapping.
  const passwords = new Map<string, string>();
  for (const role of state.roles) {
    if (!role.passwordEnv) continue;
    const secretName = `${role.name.replace(/\d{6}$/, '').replaceAll('_', '-')}.${request.parent.metadata.name}.credentials.postgresql.acid.zalan.do`;
    passwords.set(role.passwordEnv, secrets.get(secretName)!);
  }
  return { state, passwords, response };
}

/** Runs the command and records every statement it sends. */
async function run(state: SetupState, passwords: Map<string, string>): Promise<{ report: Report; statements: string[] }> {
  const statements: string[] = [];
  const base = connector(server.env);
  const connect: Connect = async (database) => {
    const client = await base(database);
    const query = client.query.bind(client) as (...args: unknown[]) => unknown;
    (client as unknown as { query: unknown }).query = (...args: unknown[]) => {
      statements.push(typeof args[0] === 'string' ? args[0] : String((args[0] as { text?: string }).text));
      return query(...args);
    };
    return client;
  };
  const report = new Report(() => undefined);
  await runSetup(state, { connect, passwords, report, deadlineMs: 10_000, log: () => undefined });
  return { report, statements };
}

const DDL = /^\s*(CREATE|ALTER|GRANT|REVOKE|DROP)\b/i;

async function query<T extends pg.QueryResultRow>(sql: string, params: unknown[] = [], database = 'postgres'): Promise<T[]> {
  const client = await server.client({ database });
  try {
    return (await client.query<T>(sql, params)).rows;
  } finally {
    await client.end();
  }
}

async function canLogin(user: string, password: string, database = 'postgres'): Promise<boolean> {
  try {
    await (await server.client({ user, password, database })).end();
    return true;
  } catch {
    return false;
  }
}

const { state, passwords } = fromHook(syncRequest(manifest));

t.test('first run creates roles, databases, prepared objects and the lookup function', async (t) => {
  const { report } = await run(state, passwords);
  t.same(report.actions.filter((a) => a.outcome === 'failed'), [], 'nothing failed');
  t.ok(report.count('created') > 0);
});

t.test('the seed table: six NOLOGIN roles with memberships and admin options, six _user LOGIN roles', async (t) => {
  const roles = await query<{ rolname: string; rolcanlogin: boolean }>(
    "SELECT rolname, rolcanlogin FROM pg_roles WHERE rolname ~ '^foo_(bar_)?(owner|reader|writer)(_user)?$' ORDER BY rolname");
  t.same(roles.filter((r) => !r.rolcanlogin).map((r) => r.rolname), ['foo_bar_owner', 'foo_bar_reader', 'foo_bar_writer', 'foo_owner', 'foo_reader', 'foo_writer']);
  t.same(roles.filter((r) => r.rolcanlogin).map((r) => r.rolname), [
    'foo_bar_owner_user', 'foo_bar_reader_user', 'foo_bar_writer_user', 'foo_owner_user', 'foo_reader_user', 'foo_writer_user',
  ]);
  const members = await query<{ member: string; grp: string; admin: boolean }>(
    `SELECT m.rolname AS member, g.rolname AS grp, am.admin_option AS admin FROM pg_auth_members am
       JOIN pg_roles m ON m.oid = am.member JOIN pg_roles g ON g.oid = am.roleid
      WHERE g.rolname ~ '^foo_(bar_)?(owner|reader|writer)(_user)?$' ORDER BY g.rolname, m.rolname`);
  t.same(members.map((r) => `${r.grp}: ${r.member}${r.admin ? ' (admin)' : ''}`), [
    'foo_bar_owner: foo_bar_owner_user',
    'foo_bar_owner: foo_owner (admin)',
    'foo_bar_owner_user: foo_owner (admin)',
    'foo_bar_reader: foo_bar_owner (admin)',
    'foo_bar_reader: foo_bar_reader_user',
    'foo_bar_reader: foo_bar_writer',
    'foo_bar_reader_user: foo_bar_owner (admin)',
    'foo_bar_writer: foo_bar_owner (admin)',
    'foo_bar_writer: foo_bar_writer_user',
    'foo_bar_writer_user: foo_bar_owner (admin)',
    'foo_owner: admin (admin)',
    'foo_owner: foo_owner_user',
    'foo_owner_user: admin (admin)',
    'foo_reader: foo_owner (admin)',
    'foo_reader: foo_reader_user',
    'foo_reader: foo_writer',
    'foo_reader_user: foo_owner (admin)',
    'foo_writer: foo_owner (admin)',
    'foo_writer: foo_writer_user',
    'foo_writer_user: foo_owner (admin)',
  ]);
  const bar = await query<{ owner: string }>("SELECT nspowner::regrole::text AS owner FROM pg_namespace WHERE nspname = 'bar'", [], 'foo');
  t.same(bar, [{ owner: 'foo_bar_owner' }], 'schema bar belongs to its own owner role');
  const db = await query<{ datname: string; owner: string }>("SELECT datname, datdba::regrole::text AS owner FROM pg_database WHERE datname IN ('foo', 'app') ORDER BY 1");
  t.same(db, [{ datname: 'app', owner: 'zalando' }, { datname: 'foo', owner: 'foo_owner' }]);
  const path = await query<{ setconfig: string[] }>("SELECT setconfig FROM pg_db_role_setting WHERE setrole = 'foo_reader'::regrole");
  t.same(path, [{ setconfig: ['search_path="$user", bar'] }]);
});

t.test('readers read, writers write, and neither does more', async (t) => {
  const admin = await server.client({ database: 'foo' });
  await admin.query('SET ROLE foo_owner');
  await admin.query('CREATE TABLE bar.items (id serial PRIMARY KEY, name text)');
  await admin.query("INSERT INTO bar.items (name) VALUES ('first')");
  await admin.query('RESET ROLE');
  await admin.query("CREATE ROLE app_reader LOGIN PASSWORD 'reader-pw' IN ROLE foo_bar_reader");
  await admin.query("CREATE ROLE app_writer LOGIN PASSWORD 'writer-pw' IN ROLE foo_bar_writer");
  await admin.end();

  const reader = await server.client({ user: 'app_reader', password: 'reader-pw', database: 'foo' });
  t.same((await reader.query('SELECT name FROM bar.items')).rows, [{ name: 'first' }], 'a reader reads');
  await t.rejects(reader.query("INSERT INTO bar.items (name) VALUES ('no')"), /permission denied/, 'a reader cannot write');
  await reader.end();

  const writer = await server.client({ user: 'app_writer', password: 'writer-pw', database: 'foo' });
  await writer.query("INSERT INTO bar.items (name) VALUES ('second')");
  await writer.query("UPDATE bar.items SET name = 'changed' WHERE name = 'second'");
  t.same((await writer.query('SELECT count(*)::int AS n FROM bar.items')).rows, [{ n: 2 }], 'a writer writes, using the sequence');
  await t.rejects(writer.query('CREATE TABLE bar.other (id int)'), /permission denied/, 'a writer cannot create tables in the schema');
  await t.rejects(writer.query('TRUNCATE bar.items'), /permission denied/, 'a writer cannot truncate');
  await writer.end();

  const writerUser = passwords.get(state.roles.find((r) => r.name === 'foo_bar_writer_user')!.passwordEnv!)!;
  const login = await server.client({ user: 'foo_bar_writer_user', password: writerUser, database: 'foo' });
  await login.query("INSERT INTO bar.items (name) VALUES ('from the default user')");
  t.same((await login.query('SHOW search_path')).rows, [{ search_path: '"$user", bar' }], 'the default user writes with its Secret password and its search_path');
  await login.query('DELETE FROM bar.items WHERE name = $1', ['from the default user']);
  await login.end();
});

t.test('extensions land in the declared schema; users get their flags; logins use the Secret passwords', async (t) => {
  t.same(await query("SELECT n.nspname FROM pg_extension e JOIN pg_namespace n ON n.oid = e.extnamespace WHERE extname = 'pg_trgm'", [], 'foo'), [{ nspname: 'bar' }]);
  const zalando = await query<Record<string, boolean>>("SELECT rolsuper, rolcreatedb, rolcanlogin FROM pg_roles WHERE rolname = 'zalando'");
  t.same(zalando, [{ rolsuper: true, rolcreatedb: true, rolcanlogin: true }]);
  const fooPassword = passwords.get(state.roles.find((r) => r.name === 'foo_user')!.passwordEnv!)!;
  t.ok(await canLogin('foo_user', fooPassword), 'foo_user logs in with its Secret password');
  const stored = await query<{ rolpassword: string }>("SELECT rolpassword FROM pg_authid WHERE rolname = 'foo_user'");
  t.match(stored[0]!.rolpassword, /^SCRAM-SHA-256\$4096:/);
});

t.test('the pooler lookup function answers the pooler user only, in every database and template1', async (t) => {
  const databases = await query<{ datname: string }>("SELECT datname FROM pg_database WHERE datname <> 'template0' ORDER BY 1");
  for (const { datname } of databases) {
    const found = await query("SELECT 1 FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace WHERE n.nspname = 'pooler' AND proname = 'user_lookup'", [], datname);
    t.equal(found.length, 1, `installed in ${datname}`);
  }
  const poolerPassword = passwords.get(state.roles.find((r) => r.name === 'pooler')!.passwordEnv!)!;
  const pooler = await server.client({ user: 'pooler', password: poolerPassword });
  const { rows } = await pooler.query('SELECT uname, phash FROM pooler.user_lookup($1)', ['foo_user']);
  t.equal(rows[0].uname, 'foo_user');
  t.match(rows[0].phash, /^SCRAM-SHA-256\$/);
  await pooler.end();
  const fooPassword = passwords.get(state.roles.find((r) => r.name === 'foo_user')!.passwordEnv!)!;
  const other = await server.client({ user: 'foo_user', password: fooPassword });
  await t.rejects(other.query('SELECT * FROM pooler.user_lookup($1)', ['postgres']), /permission denied/, 'other roles cannot read verifiers');
  await other.end();
});

t.test('a second run changes nothing and sends no DDL', async (t) => {
  const { report, statements } = await run(state, passwords);
  t.equal(report.changed, false, report.summary().message);
  t.equal(report.count('failed'), 0);
  t.same(statements.filter((s) => DDL.test(s)), [], 'no DDL statement');
  t.match(report.summary().message, /no change/);
});

t.test('the command line: state file and PG* / PGMC_PASSWORD_* variables, exit 0, one JSON line per object', async (t) => {
  const file = join(server.dir, 'state.json');
  writeFileSync(file, JSON.stringify(state));
  const lines: string[] = [];
  const code = await main(['--state', file, '--deadline-seconds', '30'], { ...server.env, ...Object.fromEntries(passwords) }, (line) => lines.push(line));
  t.equal(code, 0);
  const summary = JSON.parse(lines.at(-1)!).summary;
  t.match(summary, { created: 0, altered: 0, failed: 0, message: /no change/ });
  t.equal(lines.length - 1, summary.unchanged, 'one line per object, then the summary');
  for (const password of passwords.values()) t.notOk(lines.join('\n').includes(password), 'no password in the output');
});

t.test('with somewhere to record them, the command tells its start, each database created, each failure and its end as Events', async (t) => {
  const file = join(server.dir, 'state-events.json');
  const withEvents: SetupState = {
    ...state,
    events: { namespace: 'default', parentUid: 'u-1' },
    databases: [...state.databases, { name: 'events_db', owner: 'zalando' }],
    roles: [...state.roles, { name: 'events_orphan', flags: ['NOLOGIN'], memberOf: ['no_such_group'], parameters: {} }],
  };
  writeFileSync(file, JSON.stringify(withEvents));
  const recorded: JobEvent[] = [];
  let subject: SetupState['events'];
  const code = await main(['--state', file, '--deadline-seconds', '30'], { ...server.env, ...Object.fromEntries(passwords), HOSTNAME: 'acid-setup-x' }, () => undefined,
    async (given) => {
      subject = given.events;
      return { record: (event) => recorded.push(event), flush: async () => undefined };
    });
  t.equal(code, 1);
  t.same(subject, { namespace: 'default', parentUid: 'u-1' });
  t.same(recorded.map((e) => [e.type, e.reason]), [
    ['Normal', 'SetupStarted'], ['Warning', 'SetupStepFailed'], ['Normal', 'DatabaseCreated'], ['Warning', 'SetupFailed'],
  ]);
  t.match(recorded[1]!.note, /^role events_orphan failed: role no_such_group does not exist/);
  t.equal(recorded[2]!.note, 'created database events_db');
  t.match(recorded[3]!.note, /1 action\(s\) failed/);
  for (const password of passwords.values()) t.notOk(JSON.stringify(recorded).includes(password), 'no password in an Event');
});

t.test('a changed password logs in with the new one and not the old', async (t) => {
  const env = state.roles.find((r) => r.name === 'foo_user')!.passwordEnv!;
  const old = passwords.get(env)!;
  const changed = new Map(passwords).set(env, 'a-new-password-of-64-characters-or-so-with-some-length-1234567');
  const { report } = await run(state, changed);
  t.same(report.actions.filter((a) => a.outcome === 'altered').map((a) => [a.name, a.changes]), [['foo_user', ['password']]]);
  t.ok(await canLogin('foo_user', 'a-new-password-of-64-characters-or-so-with-some-length-1234567'));
  t.notOk(await canLogin('foo_user', old));
  await run(state, passwords);
});

t.test('md5 password_encryption stores md5 verifiers, and a second run keeps them', async (t) => {
  const md5: SetupState = { ...state, passwordEncryption: 'md5', roles: [{ name: 'legacy_app', flags: ['LOGIN'], memberOf: [], parameters: {}, passwordEnv: 'LEGACY' }], databases: [], preparedDatabases: [] };
  delete md5.pooler;
  const pw = new Map([['LEGACY', 'legacy-password']]);
  await run(md5, pw);
  t.same(await query("SELECT rolpassword FROM pg_authid WHERE rolname = 'legacy_app'"), [{ rolpassword: md5Verifier('legacy-password', 'legacy_app') }]);
  const again = await run(md5, pw);
  t.equal(again.report.changed, false);
});

t.test('hostile names are quoted, never executed; names PostgreSQL would truncate are refused', async (t) => {
  const hostile = ['Robert"); DROP ROLE zalando; --', 'select', 'with space', 'UPPER case', "o'brien"];
  const hostileState: SetupState = {
    cluster: 'x', passwordEncryption: 'scram-sha-256',
    roles: hostile.map((name) => ({ name, flags: ['LOGIN'], memberOf: [], parameters: { search_path: '"$user", "my schema"' } })),
    databases: [{ name: 'db"; DROP DATABASE app; --', owner: "o'brien" }],
    preparedDatabases: [{ name: 'db"; DROP DATABASE app; --', owners: [], schemas: [{ name: 'Odd Schema', owner: "o'brien", privileges: [] }], extensions: {} }],
  };
  const { report } = await run(hostileState, new Map());
  t.same(report.actions.filter((a) => a.outcome === 'failed'), []);
  const names = (await query<{ rolname: string }>('SELECT rolname FROM pg_roles WHERE rolname = ANY($1)', [hostile])).map((r) => r.rolname).sort();
  t.same(names, [...hostile].sort(), 'every role exists with exactly its name');
  t.equal((await query("SELECT 1 FROM pg_roles WHERE rolname = 'zalando'")).length, 1, 'nothing was dropped');
  t.equal((await query("SELECT 1 FROM pg_database WHERE datname = 'app'")).length, 1);
  t.same(await query("SELECT nspname FROM pg_namespace WHERE nspname = 'Odd Schema'", [], 'db"; DROP DATABASE app; --'), [{ nspname: 'Odd Schema' }]);
  t.equal((await run(hostileState, new Map())).report.changed, false, 'hostile names converge too');

  const tooLong = { ...hostileState, roles: [{ name: 'x'.repeat(64), flags: [], memberOf: [], parameters: {} }], databases: [], preparedDatabases: [] };
  const refused = await run(tooLong as SetupState, new Map());
  t.match(refused.report.actions[0], { outcome: 'failed', message: /longer than 63 bytes/ });
});

t.test('missing passwords and missing group roles fail clearly without stopping the others', async (t) => {
  const broken: SetupState = {
    cluster: 'x', passwordEncryption: 'scram-sha-256', databases: [], preparedDatabases: [],
    roles: [
      { name: 'needs_password', flags: ['LOGIN'], memberOf: [], parameters: {}, passwordEnv: 'UNSET_VAR' },
      { name: 'orphan', flags: ['LOGIN'], memberOf: ['no_such_group'], parameters: {} },
      { name: 'fine', flags: ['LOGIN'], memberOf: [], parameters: {} },
    ],
  };
  const { report } = await run(broken, new Map());
  t.match(report.actions.find((a) => a.name === 'needs_password'), { outcome: 'failed', message: /UNSET_VAR/ });
  t.match(report.actions.find((a) => a.name === 'orphan'), { outcome: 'failed', message: /no_such_group does not exist/ });
  t.match(report.actions.find((a) => a.name === 'fine'), { outcome: 'created' });
});

t.test('rotation users log in as members of their role until their expiry', async (t) => {
  const rotation: SetupState = {
    cluster: 'x', passwordEncryption: 'scram-sha-256', databases: [], preparedDatabases: [],
    roles: [{ name: 'foo_user270301', flags: ['LOGIN'], memberOf: ['foo_user'], parameters: {}, passwordEnv: 'ROT', validUntil: '2027-08-28T00:00:00Z' }],
  };
  await run(rotation, new Map([['ROT', 'rotated-pw']]));
  t.ok(await canLogin('foo_user270301', 'rotated-pw'));
  const [row] = await query<{ until: Date; member: boolean }>("SELECT rolvaliduntil AS until, pg_has_role('foo_user270301', 'foo_user', 'MEMBER') AS member FROM pg_roles WHERE rolname = 'foo_user270301'");
  t.same(row, { until: new Date('2027-08-28T00:00:00Z'), member: true });
});
