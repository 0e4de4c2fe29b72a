// The restore's steps, one JSON line each: read the dump and find the database in it, connect to the
// primary, look at the target and plan (./plan.ts). An empty target is restored into directly. Otherwise a
// new database is created under a name of the request's (a leftover of an earlier attempt dropped first),
// given what a replaced target had on itself (./carry.ts), the database's part of the dump is run into it
// through psql in one transaction (all or nothing) and counted, and only then it takes the target's name
// (./swap.ts), the replaced target dropped. A failure drops the new database and leaves the target as it was.
import { spawn } from 'node:child_process';
import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { createInterface } from 'node:readline';
import { once } from 'node:events';
import type { Readable } from 'node:stream';
import { createGunzip } from 'node:zlib';
import type pg from 'pg';
import type { RestoreState } from '../schemas/restore-state.js';
import { ident } from '../setup/sql.js';
import { connectToPrimary, type Connect, type Env } from '../setup/connection.js';
import { DatabaseSection } from './dump-section.js';
import { carryStatements, databaseAttributes } from './carry.js';
import { createStatement, planRestore, RELATIONS_QUERY, temporaryNames, type RestorePlan, type TargetFound } from './plan.js';
import { renameTo, swapIn } from './swap.js';

export type Step = 'dump' | 'primary' | 'target' | 'cleanup' | 'create' | 'carry' | 'restore' | 'verify' | 'terminate' | 'swap' | 'rename' | 'drop';
export interface StepLine { step: Step; outcome: string; [key: string]: unknown }

export type RestoreOutcome = 'restored' | 'refused' | 'failed';
export interface RestoreResult { outcome: RestoreOutcome; message: string }

/** Runs the database's script through psql: its exit code and the tail of what it said on stderr. */
export type RunScript = (database: string, lines: AsyncIterable<string>) => Promise<{ code: number; stderr: string }>;

export interface RestoreDeps {
  connect: Connect;
  runScript: RunScript;
  record: (line: StepLine) => void;
  deadlineMs: number;
  log: (message: string) => void;
}

const GZIP_MAGIC = [0x1f, 0x8b];
const STDERR_TAIL = 600;

/** The dump's lines, gunzipped when the file is gzip (as the backup image writes it), read as it is otherwise. */
export async function* dumpLines(path: string): AsyncGenerator<string> {
  const handle = await open(path, 'r');
  const head = Buffer.alloc(2);
  await handle.read(head, 0, 2, 0);
  await handle.close();
  const file: Readable = createReadStream(path);
  const gzipped = head[0] === GZIP_MAGIC[0] && head[1] === GZIP_MAGIC[1];
  const stream = gzipped ? file.pipe(createGunzip()) : file;
  if (gzipped) file.on('error', (error) => stream.destroy(error));
  yield* createInterface({ input: stream, crlfDelay: Infinity });
}

async function* sectionOf(lines: AsyncIterable<string>, section: DatabaseSection): AsyncGenerator<string> {
  for await (const line of lines) {
    const kept = section.take(line);
    if (kept !== undefined) yield kept;
  }
}

/** psql from PATH with the libpq environment, connected to `database`, stopping at the first error, in one transaction. */
export function psqlRunner(env: Env): RunScript {
  return async (database, lines) => {
    const child = spawn('psql', ['-X', '-q', '-v', 'ON_ERROR_STOP=1', '--single-transaction', '-f', '-'], {
      env: { ...env, PGDATABASE: database, PGAPPNAME: 'postgres-metacontroller-restore' },
      stdio: ['pipe', 'ignore', 'pipe'],
    });
    // A psql that stopped early closes its input: the exit code says why, not the broken pipe.
    child.stdin.on('error', () => undefined);
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => { stderr = (stderr + chunk.toString()).slice(-STDERR_TAIL); });
    const exited = new Promise<number>((resolve, reject) => {
      child.once('error', reject);
      child.once('close', (code) => resolve(code ?? 1));
    });
    try {
      for await (const line of lines) {
        if (!child.stdin.write(`${line}\n`)) await Promise.race([once(child.stdin, 'drain'), exited]);
        if (child.exitCode !== null) break;
      }
    } finally {
      child.stdin.end();
    }
    return { code: await exited, stderr: stderr.trim() };
  };
}

async function targetFound(connect: Connect, client: pg.Client, database: string): Promise<TargetFound | undefined> {
  const { rows: [row] } = await client.query<{ template: boolean; owner: string }>(
    'SELECT datistemplate AS template, pg_get_userbyid(datdba) AS owner FROM pg_database WHERE datname = $1', [database]);
  if (!row) return undefined;
  return { ...row, relations: await relationsIn(connect, database) };
}

async function relationsIn(connect: Connect, database: string): Promise<number> {
  const client = await connect(database);
  try {
    const counted = await client.query<{ relations: number }>(RELATIONS_QUERY);
    return counted.rows[0]?.relations ?? 0;
  } finally {
    await client.end().catch(() => undefined);
  }
}

async function databaseExists(client: pg.Client, database: string): Promise<boolean> {
  const { rows } = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [database]);
  return rows.length > 0;
}

/** Runs `work` on a connection to the writable primary (rule 7: a replica or a read-only server stops the Job). */
async function onPrimary<T>(deps: RestoreDeps, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = await connectToPrimary(deps.connect, { deadlineMs: deps.deadlineMs, log: deps.log });
  try {
    return await work(client);
  } finally {
    await client.end().catch(() => undefined);
  }
}

/** The line of psql's stderr that says what went wrong: its last ERROR, not the statement's context or caret after it. */
function psqlError(stderr: string): string {
  const lines = stderr.split('\n');
  return lines.findLast((line) => line.includes('ERROR:')) ?? lines.at(-1)!;
}

type Restored = { relations: number | null } | { failed: string };

/** The database's part of the dump, run by psql into `database` in one transaction, and what is there afterwards. */
async function restoreInto(state: RestoreState, database: string, deps: RestoreDeps): Promise<Restored> {
  const section = new DatabaseSection(state.fromDatabase, database);
  const { code, stderr } = await deps.runScript(database, sectionOf(dumpLines(state.dumpPath), section));
  if (code !== 0) {
    const message = `psql stopped (exit ${code}) and rolled the restore back${stderr ? `: ${psqlError(stderr)}` : ''}`;
    deps.record({ step: 'restore', outcome: 'failed', database, message });
    return { failed: message };
  }
  deps.record({ step: 'restore', outcome: 'done', database, lines: section.lines });
  const relations = await relationsIn(deps.connect, database).catch(() => null);
  deps.record({ step: 'verify', outcome: 'done', database, relations });
  return { relations };
}

const restoredMessage = (state: RestoreState, how: string, relations: number | null) =>
  `database ${state.fromDatabase} of the dump restored into ${state.database}${how}: ${relations ?? 'unknown'} relation(s)`;
const failedMessage = (state: RestoreState, why: string) => `restore of ${state.fromDatabase} into ${state.database} failed: ${why}`;

export async function runRestore(state: RestoreState, deps: RestoreDeps): Promise<RestoreResult> {
  const { record } = deps;
  const scan = new DatabaseSection(state.fromDatabase, state.database);
  for await (const _ of sectionOf(dumpLines(state.dumpPath), scan)) { /* counting only */ }
  if (!scan.found) {
    const message = `the dump has no database ${state.fromDatabase} (it has: ${scan.databases.join(', ') || 'none'})`;
    record({ step: 'dump', outcome: 'failed', database: state.fromDatabase, message });
    return { outcome: 'failed', message };
  }
  record({ step: 'dump', outcome: 'found', database: state.fromDatabase, lines: scan.lines });

  const names = temporaryNames(state);
  const prepared = await onPrimary(deps, async (client): Promise<Exclude<RestorePlan, { refused: string }> | RestoreResult> => {
    record({ step: 'primary', outcome: 'connected' });
    const found = await targetFound(deps.connect, client, state.database);
    record({ step: 'target', outcome: found === undefined ? 'missing' : found.relations === 0 ? 'empty' : 'not-empty', database: state.database, ...(found ? { relations: found.relations } : {}) });
    const plan = planRestore(state, found);
    if ('refused' in plan) return { outcome: 'refused', message: plan.refused };
    if (plan.into === 'target') return plan;
    if (await databaseExists(client, names.keptAside)) {
      return { outcome: 'refused', message: `database ${names.keptAside} exists: an earlier run of request ${state.requestId} replaced ${state.database} and kept the old one aside; drop it (or keep it) and set a new request id` };
    }
    // Left by an attempt of this request that stopped before it finished: nobody else makes a database of this name.
    if (await databaseExists(client, names.restoring)) {
      await client.query(`DROP DATABASE ${ident(names.restoring)} WITH (FORCE)`);
      record({ step: 'cleanup', outcome: 'done', database: names.restoring, reason: 'left by an earlier attempt of this request' });
    }
    await client.query(createStatement(names.restoring, plan.owner));
    record({ step: 'create', outcome: 'done', database: names.restoring, ...(plan.owner ? { owner: plan.owner } : {}) });
    return plan;
  });
  if ('outcome' in prepared) return prepared;

  if (prepared.into === 'target') {
    const restored = await restoreInto(state, state.database, deps);
    return 'failed' in restored ? { outcome: 'failed', message: failedMessage(state, restored.failed) } : { outcome: 'restored', message: restoredMessage(state, '', restored.relations) };
  }
  let restored: Restored;
  try {
    if (prepared.replacing) {
      await onPrimary(deps, async (client) => {
        const statements = carryStatements(names.restoring, await databaseAttributes(client, state.database));
        for (const statement of statements) await client.query(statement);
        record({ step: 'carry', outcome: 'done', database: names.restoring, from: state.database, statements: statements.length });
      });
    }
    restored = await restoreInto(state, names.restoring, deps);
    if ('failed' in restored) throw new Error(restored.failed);
    await onPrimary(deps, async (client) => {
      if (prepared.replacing) {
        await swapIn(client, { target: state.database, restored: names.restoring, keptAside: names.keptAside }, {
          terminated: (round, sessions) => record({ step: 'terminate', outcome: 'done', database: state.database, round, sessions }),
        });
        record({ step: 'swap', outcome: 'done', database: state.database, keptAside: names.keptAside });
      } else {
        await renameTo(client, names.restoring, state.database);
        record({ step: 'rename', outcome: 'done', database: state.database, from: names.restoring });
      }
    });
  } catch (error) {
    const why = (error as Error).message;
    await dropRestoring(names.restoring, deps);
    return { outcome: 'failed', message: failedMessage(state, why) };
  }
  if (!prepared.replacing) return { outcome: 'restored', message: restoredMessage(state, ' (created)', restored.relations) };
  const dropped = await onPrimary(deps, (client) => client.query(`DROP DATABASE ${ident(names.keptAside)}`)).then(() => undefined, (error: Error) => error.message);
  record({ step: 'drop', outcome: dropped ? 'failed' : 'done', database: names.keptAside, ...(dropped ? { message: dropped } : {}) });
  const how = dropped ? ` (replaced; the old one is kept as ${names.keptAside}: dropping it failed: ${dropped})` : ' (replaced; the old one dropped)';
  return { outcome: 'restored', message: restoredMessage(state, how, restored.relations) };
}

/** After a failure: the half-made database goes; the target was never touched. */
async function dropRestoring(database: string, deps: RestoreDeps): Promise<void> {
  const failed = await onPrimary(deps, (client) => client.query(`DROP DATABASE IF EXISTS ${ident(database)} WITH (FORCE)`)).then(() => undefined, (error: Error) => error.message);
  deps.record({ step: 'cleanup', outcome: failed ? 'failed' : 'done', database, ...(failed ? { message: failed } : {}) });
}
