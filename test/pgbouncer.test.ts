// The pooler end to end with real parts: the hook's output for a pooled cluster, the setup command
// against a throwaway PostgreSQL, and Debian's pgbouncer configured the way the pooler image
// configures itself from the Deployment's environment (auth_user, auth_query on the lookup
// function, the `-u` Secret as auth_file). An application role then logs in through pgbouncer with
// the password from its credential Secret.
import t from 'tap';
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import pg from 'pg';
import { loadManifest, syncRequest } from '../fixtures/requests.js';
import { sync } from '../hooks/sync.js';
import type { KubeObject } from '../schemas/hook.js';
import type { SetupState } from '../schemas/setup-state.js';
import { connector } from '../setup/connection.js';
import { Report } from '../setup/report.js';
import { runSetup } from '../setup/run.js';
import { asServerUser, freePort, startPostgres, writeServerFile, type Postgres } from './postgres.js';
import { childrenOf, decodeSecret, inputs } from './support.js';

const PGBOUNCER = '/usr/sbin/pgbouncer';

const response = sync(syncRequest(loadManifest('pooler')), inputs());
const secretData = (name: string) => decodeSecret(childrenOf(response, 'Secret').find((s) => s.metadata.name === name)!);
const credentials = (role: string) => secretData(`${role.replaceAll('_', '-')}.acid-pooled.credentials.postgresql.acid.zalan.do`);
const deployment = childrenOf(response, 'Deployment').find((d) => d.metadata.name === 'acid-pooled-pooler') as KubeObject & { spec: any };
const podEnv: Record<string, string> = Object.fromEntries(
  deployment.spec.template.spec.containers[0].env.filter((e: { value?: string }) => e.value !== undefined).map((e: { name: string; value: string }) => [e.name, e.value]));

let server: Postgres;
let bouncer: ChildProcess | undefined;
let bouncerPort = 0;
let bouncerLog = '';

async function startPgbouncer(): Promise<void> {
  bouncerPort = await freePort();
  const ini = join(server.dir, 'pgbouncer.ini');
  const userlist = join(server.dir, 'userlist.txt');
  // The auth file is the `-u` Secret's userlist.txt, byte for byte.
  writeServerFile(userlist, secretData('acid-pooled-pooler-u')['userlist.txt']!);
  const pooler = credentials('pooler');
  writeServerFile(ini, [
    '[databases]',
    `* = host=127.0.0.1 port=${server.port} auth_user=${pooler.username}`,
    '[pgbouncer]',
    'listen_addr = 127.0.0.1',
    `listen_port = ${bouncerPort}`,
    `unix_socket_dir = ${server.dir}`,
    'auth_type = md5',
    `auth_file = ${userlist}`,
    `auth_query = SELECT * FROM ${podEnv.PGSCHEMA}.user_lookup($1)`,
    `pool_mode = ${podEnv.CONNECTION_POOLER_MODE}`,
    `default_pool_size = ${podEnv.CONNECTION_POOLER_DEFAULT_SIZE}`,
    `reserve_pool_size = ${podEnv.CONNECTION_POOLER_RESERVE_SIZE}`,
    `max_client_conn = 100`,
    `max_db_connections = ${podEnv.CONNECTION_POOLER_MAX_DB_CONN}`,
    `admin_users = ${pooler.username}`,
    'ignore_startup_parameters = extra_float_digits,options',
    '',
  ].join('\n'));
  const [command, args] = asServerUser(PGBOUNCER, [ini]);
  bouncer = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  bouncer.stdout?.on('data', (chunk: Buffer) => { bouncerLog += chunk.toString(); });
  bouncer.stderr?.on('data', (chunk: Buffer) => { bouncerLog += chunk.toString(); });
  const deadline = Date.now() + 15_000;
  while (!/listening on 127\.0\.0\.1/.test(bouncerLog)) {
    if (bouncer.exitCode !== null || Date.now() > deadline) throw new Error(`pgbouncer did not start:\n${bouncerLog}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

t.before(async () => {
  server = await startPostgres();
  const admin = await server.client();
  await admin.query('CREATE ROLE admin CREATEDB NOLOGIN');
  await admin.end();
  // What the setup Job does, with the passwords its environment would carry.
  const configMap = childrenOf(response, 'ConfigMap')[0] as KubeObject & { data: Record<string, string> };
  const state = JSON.parse(configMap.data['state.json']!) as SetupState;
  const passwords = new Map(state.roles.filter((r) => r.passwordEnv).map((r) => [r.passwordEnv!, credentials(r.name).password!]));
  const report = new Report(() => undefined);
  await runSetup(state, { connect: connector(server.env), passwords, report, deadlineMs: 10_000, log: () => undefined });
  if (report.count('failed') > 0) throw new Error(JSON.stringify(report.actions.filter((a) => a.outcome === 'failed')));
  await startPgbouncer();
});

t.teardown(async () => {
  if (bouncer && bouncer.exitCode === null) {
    const exited = new Promise((resolve) => bouncer!.once('exit', resolve));
    bouncer.kill('SIGINT');
    await exited;
  }
  await server?.stop();
});

function throughPooler(user: string, password: string, database: string): pg.Client {
  return new pg.Client({ host: '127.0.0.1', port: bouncerPort, user, password, database, ssl: false });
}

t.test('an application role logs in through pgbouncer with the password from its Secret', async (t) => {
  const app = credentials('app_owner');
  const client = throughPooler(app.username!, app.password!, 'app');
  await client.connect();
  const { rows } = await client.query('SELECT current_user AS who, current_database() AS db, inet_server_port() AS port');
  t.same(rows, [{ who: 'app_owner', db: 'app', port: server.port }], 'the session runs on PostgreSQL as the application role');
  await client.query('CREATE TABLE IF NOT EXISTS pooled (id int)');
  await client.end();
  t.match(bouncerLog, /login attempt: db=app user=app_owner/);
});

t.test('a wrong password is refused by pgbouncer', async (t) => {
  const app = credentials('app_owner');
  const client = throughPooler(app.username!, `${app.password}-wrong`, 'app');
  await t.rejects(client.connect(), /authentication failed/);
  t.match(bouncerLog, /app_owner.*(SASL|password) authentication failed/, 'pgbouncer itself refused it');
});

t.test('the application role is not in the auth file: pgbouncer found it through the lookup function', async (t) => {
  const userlist = secretData('acid-pooled-pooler-u')['userlist.txt']!;
  t.equal(userlist.trim().split('\n').length, 1, 'only the pooler user is in the auth file');
  t.notMatch(userlist, /app_owner/);
  // pgbouncer runs the lookup in the database the client asks for.
  const admin = await server.client({ database: 'app' });
  await admin.query('REVOKE EXECUTE ON FUNCTION pooler.user_lookup(text) FROM pooler');
  await admin.end();
  const app = credentials('app_owner');
  // A new login (pgbouncer caches nothing across logins) fails once the pooler may not call the function.
  const client = throughPooler(app.username!, app.password!, 'app');
  await t.rejects(client.connect(), /./, 'without the lookup function there is no login');
});
