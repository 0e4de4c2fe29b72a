// The restore command against a real PostgreSQL server, from a dump written as Zalando's logical-backup
// image writes it: `pg_dumpall` with the libpq environment, piped through pigz (logical-backup/dump.sh).
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import t, { type Test } from 'tap';
import { startPostgres, type Postgres } from '../test/postgres.js';
import type { RestoreState } from '../schemas/restore-state.js';
import type pg from 'pg';
import type { EventRecorder } from '../operations/recorder.js';
import type { Env } from '../setup/connection.js';
import { startReplay } from '../test/kubernetes-replay.js';
import { kubernetesEvents, main } from './main.js';
import { psqlRunner } from './run.js';
import { temporaryNames } from './plan.js';
import { SWAP_ROUNDS, swapIn } from './swap.js';

let server: Postgres;
const POD = 'acid-test-restore-1a2b3c4d5e-x7k2p';
const TOKEN = 'eyJhbGciOiJSUzI1NiIsImtpZCI6InJlcGxheSJ9.recorded-test-token.c2lnbmF0dXJl';
const EVENTS = '/api/v1/namespaces/default/events';
let dumpFile: string;
let plainFile: string;

// Data a line-based reader could mistake for the dump's own structure.
const TRICKY = ['tab\there', 'back\\slash', '-- Database "other" dump', '\\connect other', 'ünïcödé', 'line\nbreak'];

t.before(async () => {
  server = await startPostgres();
  const admin = await server.client();
  await admin.query('CREATE ROLE app NOLOGIN');
  await admin.query('CREATE DATABASE shop OWNER app');
  await admin.query("COMMENT ON DATABASE shop IS 'the shop'");
  await admin.query("ALTER DATABASE shop SET work_mem = '8MB'");
  await admin.query('CREATE DATABASE other');
  await admin.end();
  const shop = await server.client({ database: 'shop' });
  await shop.query('CREATE TABLE items (id serial PRIMARY KEY, name text NOT NULL)');
  for (const name of TRICKY) await shop.query('INSERT INTO items (name) VALUES ($1)', [name]);
  await shop.query('ALTER TABLE items OWNER TO app');
  await shop.query('CREATE SCHEMA audit; CREATE TABLE audit.log (at int); INSERT INTO audit.log VALUES (1), (2); CREATE VIEW audit.n AS SELECT count(*) FROM audit.log');
  await shop.end();
  const other = await server.client({ database: 'other' });
  await other.query('CREATE TABLE unrelated (x int)');
  await other.end();
  // dump.sh: `"$PG_BIN"/pg_dumpall | pigz`, every setting from the environment.
  const env = { ...process.env, ...server.env };
  const script = execFileSync('pg_dumpall', [], { env, maxBuffer: 64 * 1024 * 1024 });
  dumpFile = join(server.dir, 'backup.sql.gz');
  writeFileSync(dumpFile, execFileSync('pigz', [], { input: script }));
  plainFile = join(server.dir, 'backup.sql');
  writeFileSync(plainFile, script);
});
t.teardown(async () => server?.stop());

type EventsFor = (env: Env, write: (line: string) => void) => (state: RestoreState) => Promise<EventRecorder>;

async function restore(t: Test, state: Partial<RestoreState>, events?: EventsFor): Promise<{ code: number; lines: any[] }> {
  const full: RestoreState = { cluster: 'acid-test', namespace: 'default', requestId: 'r1', dumpPath: dumpFile, fromDatabase: 'shop', database: 'shop_restored', overwrite: false, ...state };
  const file = join(server.dir, `state-${Math.random().toString(36).slice(2)}.json`);
  writeFileSync(file, JSON.stringify(full));
  const out: string[] = [];
  const env = { ...server.env, HOSTNAME: POD };
  const write = (line: string) => out.push(line);
  const code = await main(['--state', file, '--deadline-seconds', '5'], env, write, psqlRunner(env), events?.(env, write));
  t.ok(out.every((line) => !line.includes(server.env.PGPASSWORD!)), 'no line quotes the password');
  return { code, lines: out.map((line) => JSON.parse(line)) };
}

async function contents(database: string) {
  const client = await server.client({ database });
  try {
    const items = (await client.query('SELECT id, name FROM items ORDER BY id')).rows;
    const log = (await client.query('SELECT at FROM audit.log ORDER BY at')).rows;
    const view = (await client.query('SELECT * FROM audit.n')).rows;
    const owner = (await client.query("SELECT tableowner FROM pg_tables WHERE tablename = 'items'")).rows[0]?.tableowner;
    const next = (await client.query('SELECT last_value::int AS n, is_called FROM items_id_seq')).rows[0];
    return { items, log, view, owner, next };
  } finally {
    await client.end();
  }
}

/** Databases under a name the restore gives its own (plan.ts temporaryNames). */
async function temporaryDatabases(): Promise<string[]> {
  const client = await server.client();
  try {
    return (await client.query("SELECT datname FROM pg_database WHERE datname LIKE '%~%' ORDER BY 1")).rows.map((r) => r.datname);
  } finally {
    await client.end();
  }
}

async function databaseSettings(database: string) {
  const client = await server.client();
  try {
    const comment = (await client.query('SELECT shobj_description(oid, \'pg_database\') AS c FROM pg_database WHERE datname = $1', [database])).rows[0]?.c;
    const settings = (await client.query('SELECT s.setconfig FROM pg_db_role_setting s JOIN pg_database d ON d.oid = s.setdatabase WHERE d.datname = $1 AND s.setrole = 0', [database])).rows[0]?.setconfig;
    return { comment, settings };
  } finally {
    await client.end();
  }
}

t.test('a database of the dump goes into a new database of another name, contents equal, the source untouched', async (t) => {
  const before = await databaseSettings('shop');
  const { code, lines } = await restore(t, {});
  t.equal(code, 0, JSON.stringify(lines));
  t.same(lines.map((l) => l.step ?? 'summary'), ['dump', 'primary', 'target', 'create', 'restore', 'verify', 'rename', 'summary']);
  t.match(lines[2], { step: 'target', outcome: 'missing' });
  const { restoring } = temporaryNames({ database: 'shop_restored', requestId: 'r1' });
  t.match(lines[3], { step: 'create', database: restoring }, 'restored under a name of its own first');
  t.match(lines[6], { step: 'rename', from: restoring, database: 'shop_restored' });
  t.same(await temporaryDatabases(), [], 'nothing left under a temporary name');
  t.match(lines.at(-1).summary, { outcome: 'restored', message: /restored into shop_restored \(created\): 4 relation/ });
  const restored = await contents('shop_restored');
  t.same(restored, await contents('shop'), 'rows, schema, view, owner and sequence position as in the source');
  t.same(restored.items.map((r: any) => r.name), TRICKY);
  t.same(await databaseSettings('shop_restored'), { comment: 'the shop', settings: ['work_mem=8MB'] }, 'the database comment and settings follow the new name');
  t.same(await databaseSettings('shop'), before, 'the source database is not touched');
});

t.test('a non-empty database is refused and left as it was', async (t) => {
  const { code, lines } = await restore(t, {});
  t.equal(code, 1);
  t.match(lines.find((l) => l.step === 'target'), { outcome: 'not-empty', relations: 4 });
  t.notOk(lines.some((l) => l.step === 'drop' || l.step === 'restore'));
  t.match(lines.at(-1).summary, { outcome: 'refused', message: /shop_restored is not empty \(4 relation\(s\)\); nothing was changed/ });
  t.equal((await contents('shop_restored')).items.length, TRICKY.length);
});

t.test('overwrite: restored beside the target, which it replaces only then, with what the target had on itself', async (t) => {
  const admin = await server.client();
  await admin.query('ALTER DATABASE shop_restored OWNER TO app');
  await admin.query("ALTER DATABASE shop_restored SET statement_timeout = '5s'");
  await admin.query(`ALTER DATABASE shop_restored SET search_path = "$user", 'Odd "schema"', public`);
  await admin.query("ALTER ROLE app IN DATABASE shop_restored SET work_mem = '16MB'");
  await admin.query("COMMENT ON DATABASE shop_restored IS 'replaced comment'");
  await admin.query('ALTER DATABASE shop_restored CONNECTION LIMIT 20');
  await admin.query('REVOKE ALL ON DATABASE shop_restored FROM PUBLIC; GRANT CONNECT ON DATABASE shop_restored TO app WITH GRANT OPTION');
  const aclBefore = (await admin.query("SELECT datacl::text[] AS acl FROM pg_database WHERE datname = 'shop_restored'")).rows[0].acl;
  await admin.end();
  const client = await server.client({ database: 'shop_restored' });
  await client.query("INSERT INTO items (name) VALUES ('added after the backup'); CREATE TABLE scratch (x int)");
  await client.end();
  // An application's session on the target: ended before the rename.
  const session = await server.client({ database: 'shop_restored' });
  const ended = new Promise((resolve) => session.on('error', resolve));

  const { code, lines } = await restore(t, { overwrite: true, requestId: 'r2' });
  t.equal(code, 0, JSON.stringify(lines));
  t.same(lines.map((l) => l.step ?? 'summary'), ['dump', 'primary', 'target', 'create', 'carry', 'restore', 'verify', 'terminate', 'swap', 'drop', 'summary']);
  const names = temporaryNames({ database: 'shop_restored', requestId: 'r2' });
  t.match(lines[3], { step: 'create', database: names.restoring, owner: 'app' }, 'without a manifest owner the target keeps the one it had');
  t.match(lines[7], { step: 'terminate', round: 1, sessions: 1 });
  t.match(lines[9], { step: 'drop', outcome: 'done', database: names.keptAside });
  t.match(lines.at(-1).summary, { outcome: 'restored', message: /restored into shop_restored \(replaced; the old one dropped\): 4 relation/ });
  t.match(await ended, { message: /terminating connection/ }, 'the session was ended');
  t.same(await contents('shop_restored'), await contents('shop'));
  const check = await server.client({ database: 'shop_restored' });
  t.equal((await check.query("SELECT to_regclass('scratch') AS r")).rows[0].r, null, 'what was added after the backup is gone, as asked');
  t.same((await check.query("SELECT current_setting('statement_timeout') AS s, current_setting('search_path') AS p, current_setting('work_mem') AS w")).rows[0],
    { s: '5s', p: '"$user", "Odd ""schema""", public', w: '8MB' }, "the target's settings, the dump's work_mem on top");
  await check.end();
  const admin2 = await server.client();
  const after = (await admin2.query(`SELECT pg_get_userbyid(datdba) AS owner, datconnlimit AS "limit", datacl::text[] AS acl, shobj_description(oid, 'pg_database') AS comment,
    (SELECT setconfig FROM pg_db_role_setting s WHERE s.setdatabase = d.oid AND s.setrole = 'app'::regrole) AS app FROM pg_database d WHERE datname = 'shop_restored'`)).rows[0];
  await admin2.end();
  t.same(after, { owner: 'app', limit: 20, acl: aclBefore, comment: 'the shop', app: ['work_mem=16MB'] }, "owner, limit, privileges and role settings carried; the dump's comment wins");
  t.same(await temporaryDatabases(), []);
});

t.test('a restore that fails leaves the target as it was and no database of its own behind', async (t) => {
  const corrupt = join(server.dir, 'corrupt.sql.gz');
  const script = execFileSync('pigz', ['-dc', dumpFile]).toString().replace('CREATE TABLE public.items', 'CREATE TABLE public.items broken');
  writeFileSync(corrupt, execFileSync('pigz', [], { input: script }));
  const before = await contents('shop_restored');
  const { code, lines } = await restore(t, { overwrite: true, requestId: 'r3', dumpPath: corrupt });
  t.equal(code, 1);
  const { restoring } = temporaryNames({ database: 'shop_restored', requestId: 'r3' });
  t.same(lines.map((l) => l.step ?? 'summary'), ['dump', 'primary', 'target', 'create', 'carry', 'restore', 'cleanup', 'summary']);
  t.match(lines[5], { step: 'restore', outcome: 'failed', database: restoring, message: /syntax error/ });
  t.match(lines[6], { step: 'cleanup', outcome: 'done', database: restoring });
  t.match(lines.at(-1).summary, { outcome: 'failed', message: /restore of shop into shop_restored failed: psql stopped/ });
  t.same(await contents('shop_restored'), before, 'the target is untouched');
  t.same(await temporaryDatabases(), []);
});

t.test('a database left by an interrupted attempt of the same request is dropped before the restore', async (t) => {
  const { restoring } = temporaryNames({ database: 'fresh', requestId: 'r4' });
  const admin = await server.client();
  await admin.query(`CREATE DATABASE "${restoring}"`);
  await admin.end();
  const leftover = await server.client({ database: restoring });
  await leftover.query('CREATE TABLE half (x int)');
  await leftover.end();
  const { code, lines } = await restore(t, { database: 'fresh', requestId: 'r4' });
  t.equal(code, 0, JSON.stringify(lines));
  t.same(lines.map((l) => l.step ?? 'summary'), ['dump', 'primary', 'target', 'cleanup', 'create', 'restore', 'verify', 'rename', 'summary']);
  t.match(lines[3], { step: 'cleanup', database: restoring, reason: /earlier attempt/ });
  t.same((await contents('fresh')).items.map((r: any) => r.name), TRICKY);
  t.same(await temporaryDatabases(), []);
});

t.test('a template database or a database kept aside by an earlier run is not replaced', async (t) => {
  const admin = await server.client();
  await admin.query('CREATE DATABASE shop_template TEMPLATE shop_restored IS_TEMPLATE true');
  const { keptAside } = temporaryNames({ database: 'shop_restored', requestId: 'r5' });
  await admin.query(`CREATE DATABASE "${keptAside}"`);
  await admin.end();
  const template = await restore(t, { overwrite: true, database: 'shop_template', requestId: 'r5' });
  t.equal(template.code, 1);
  t.match(template.lines.at(-1).summary, { outcome: 'refused', message: 'database shop_template is a template database; it is not replaced: restore into another database' });
  const kept = await restore(t, { overwrite: true, requestId: 'r5' });
  t.equal(kept.code, 1);
  t.equal(kept.lines.at(-1).summary.message, `database ${keptAside} exists: an earlier run of request r5 replaced shop_restored and kept the old one aside; drop it (or keep it) and set a new request id`);
  t.notOk(kept.lines.some((l) => l.step === 'create'));
  t.same(await temporaryDatabases(), [keptAside], 'nothing was created; the database kept aside is left to the user');
  const cleanup = await server.client();
  await cleanup.query(`DROP DATABASE "${keptAside}"`);
  await cleanup.end();
});

t.test('sessions that keep coming back stop the swap; the target and the restored database stay as they were', async (t) => {
  const admin = await server.client();
  await admin.query('CREATE DATABASE swap_target');
  await admin.query('CREATE DATABASE swap_restored');
  const reconnected: pg.Client[] = [];
  const rounds: number[] = [];
  await t.rejects(swapIn(admin, { target: 'swap_target', restored: 'swap_restored', keptAside: 'swap_kept' }, {
    sleep: async () => undefined,
    // A client that reconnects at once: back before the rename.
    terminated: async (round) => {
      rounds.push(round);
      const again = await server.client({ database: 'swap_target' });
      again.on('error', () => undefined);
      reconnected.push(again);
    },
  }), { message: `sessions on database swap_target kept coming back after ${SWAP_ROUNDS} rounds of ending them; it was left as it was: stop the clients that reconnect and set a new request id` });
  t.same(rounds, [1, 2, 3, 4, 5]);
  t.same((await admin.query("SELECT datname FROM pg_database WHERE datname LIKE 'swap%' ORDER BY 1")).rows.map((r) => r.datname), ['swap_restored', 'swap_target']);
  await Promise.all(reconnected.map((c) => c.end().catch(() => undefined)));
  await admin.end();
});

t.test('an uncompressed local file is read as it is; an empty target is restored into', async (t) => {
  const admin = await server.client();
  await admin.query('CREATE DATABASE empty_target');
  await admin.end();
  const { code, lines } = await restore(t, { dumpPath: plainFile, database: 'empty_target' });
  t.equal(code, 0, JSON.stringify(lines));
  t.match(lines.find((l) => l.step === 'target'), { outcome: 'empty' });
  t.notOk(lines.some((l) => l.step === 'create' || l.step === 'drop'));
  t.same((await contents('empty_target')).items.map((r: any) => r.name), TRICKY);
});

t.test('a failing script is rolled back whole', async (t) => {
  const admin = await server.client();
  await admin.query('CREATE DATABASE clashing');
  await admin.end();
  const clash = await server.client({ database: 'clashing' });
  await clash.query('CREATE SCHEMA audit');
  await clash.end();
  const { code, lines } = await restore(t, { database: 'clashing' });
  t.equal(code, 1);
  t.match(lines.find((l) => l.step === 'restore'), { outcome: 'failed', message: /rolled the restore back: .*schema "audit" already exists/ });
  t.match(lines.at(-1).summary, { outcome: 'failed' });
  const check = await server.client({ database: 'clashing' });
  t.equal((await check.query("SELECT to_regclass('public.items') AS r")).rows[0].r, null, 'no table of the dump stayed');
  await check.end();
});

t.test('a database the dump does not have fails before anything is touched, naming the ones it has', async (t) => {
  const { code, lines } = await restore(t, { fromDatabase: 'nothere', database: 'nothere' });
  t.equal(code, 1);
  t.equal(lines.length, 2);
  t.match(lines[0], { step: 'dump', outcome: 'failed', message: 'the dump has no database nothere (it has: template1, other, postgres, shop)' });
});

t.test('the Job records its start and its end as Events on the postgresql object; one that cannot be written never fails it', async (t) => {
  const replay = await startReplay();
  t.teardown(() => replay.close());
  const uid = '3f6c0a9e-7b1d-4e25-a8c3-5d9f2e7b1a46';
  const events = (env: Env, write: (line: string) => void) => (state: RestoreState) => kubernetesEvents(state, env, write, replay.kubeConfig(TOKEN));
  const sent = () => replay.requests.splice(0).map((r) => ({ path: r.path, ...JSON.parse(r.body) }));
  replay.answer('POST', EVENTS, { status: 201, file: 'event-created.jsonc' });

  const done = await restore(t, { database: 'evented', requestId: 'e1', parentUid: uid }, events);
  t.equal(done.code, 0, JSON.stringify(done.lines));
  const [started, succeeded, ...more] = sent();
  t.same(more, []);
  t.match(started, {
    path: EVENTS, type: 'Normal', reason: 'LogicalRestoreStarted',
    message: `the restore Job (pod ${POD}) started for request e1: database shop of the dump into evented`,
    involvedObject: { apiVersion: 'acid.zalan.do/v1', kind: 'postgresql', name: 'acid-test', namespace: 'default', uid },
    source: { component: 'postgres-metacontroller-restore' }, reportingComponent: 'postgres-metacontroller-restore', reportingInstance: POD,
  });
  t.match(succeeded, { type: 'Normal', reason: 'LogicalRestoreSucceeded', message: done.lines.at(-1).summary.message });

  const refused = await restore(t, { database: 'evented', requestId: 'e2', parentUid: uid, overwrite: false }, events);
  t.equal(refused.code, 1);
  t.match(sent().map((e) => [e.type, e.reason, e.message]), [
    ['Normal', 'LogicalRestoreStarted', /request e2/],
    ['Warning', 'LogicalRestoreFailed', /^refused: database evented is not empty/],
  ]);

  replay.answer('POST', EVENTS, { status: 403, file: 'status-403-events-forbidden.jsonc' });
  const forbidden = await restore(t, { database: 'evented_too', requestId: 'e3', parentUid: uid }, events);
  t.equal(forbidden.code, 0, 'restored all the same');
  t.match(forbidden.lines.find((l) => l.summary), { summary: { outcome: 'restored' } });
  t.match(forbidden.lines.filter((l) => l.event), [
    { event: 'not-recorded', reason: /403/ },
    { event: 'not-recorded', reason: /403/ },
  ]);
  t.equal(sent().length, 2, 'both were tried');

  const byHand = await restore(t, { database: 'evented_by_hand', requestId: 'e4' }, events);
  t.equal(byHand.code, 0);
  t.same(sent(), [], 'a state without the postgresql object\'s uid records nothing');
});

t.test('an unreadable state file is exit 2 with a summary', async (t) => {
  const out: string[] = [];
  t.equal(await main(['--state', join(server.dir, 'missing.json')], server.env, (line) => out.push(line)), 2);
  t.match(JSON.parse(out.at(-1)!).summary, { outcome: 'failed', message: /cannot read the state file/ });
});
