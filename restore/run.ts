// The restore's steps, one JSON line each: read the dump and find the database in it, connect to the
// primary, look at the target, drop and create it only as planned (./plan.ts), run the database's part of
// the dump through psql in one transaction (all or nothing), and count what is there afterwards.
import { spawn } from 'node:child_process';
import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { createInterface } from 'node:readline';
import { once } from 'node:events';
import type { Readable } from 'node:stream';
import { createGunzip } from 'node:zlib';
import type { RestoreState } from '../schemas/restore-state.js';
import { connectToPrimary, type Connect, type Env } from '../setup/connection.js';
import { DatabaseSection } from './dump-section.js';
import { planRestore, RELATIONS_QUERY, type TargetFound } from './plan.js';

export interface StepLine { step: 'dump' | 'primary' | 'target' | 'drop' | 'create' | 'restore' | 'verify'; outcome: string; [key: string]: unknown }

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

async function targetFound(connect: Connect, client: Awaited<ReturnType<Connect>>, database: string): Promise<TargetFound | undefined> {
  const { rows } = await client.query<{ exists: boolean }>('SELECT EXISTS (SELECT 1 FROM pg_database WHERE datname = $1) AS exists', [database]);
  if (!rows[0]?.exists) return undefined;
  const target = await connect(database);
  try {
    const counted = await target.query<{ relations: number }>(RELATIONS_QUERY);
    return { relations: counted.rows[0]?.relations ?? 0 };
  } finally {
    await target.end().catch(() => undefined);
  }
}

/** What the target holds, on a connection of its own. */
async function inspect(connect: Connect, database: string): Promise<TargetFound | undefined> {
  const client = await connect();
  try {
    return await targetFound(connect, client, database);
  } finally {
    await client.end().catch(() => undefined);
  }
}

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

  // Rule 7: the plan assumes a writable primary; a replica or a read-only server stops the Job here.
  const client = await connectToPrimary(deps.connect, { deadlineMs: deps.deadlineMs, log: deps.log });
  let plan;
  try {
    record({ step: 'primary', outcome: 'connected' });
    const found = await targetFound(deps.connect, client, state.database);
    record({ step: 'target', outcome: found === undefined ? 'missing' : found.relations === 0 ? 'empty' : 'not-empty', database: state.database, ...(found ? { relations: found.relations } : {}) });
    plan = planRestore(state, found);
    if ('refused' in plan) return { outcome: 'refused', message: plan.refused };
    for (const [i, step] of plan.steps.entries()) {
      await client.query(plan.statements[i]!);
      record({ step, outcome: 'done', database: state.database });
    }
  } finally {
    await client.end().catch(() => undefined);
  }

  const section = new DatabaseSection(state.fromDatabase, state.database);
  const { code, stderr } = await deps.runScript(state.database, sectionOf(dumpLines(state.dumpPath), section));
  if (code !== 0) {
    const message = `psql stopped (exit ${code}) and rolled the restore back${stderr ? `: ${stderr.split('\n').at(-1)}` : ''}`;
    record({ step: 'restore', outcome: 'failed', database: state.database, message });
    return { outcome: 'failed', message: `restore of ${state.fromDatabase} into ${state.database} failed: ${message}` };
  }
  record({ step: 'restore', outcome: 'done', database: state.database, lines: section.lines });
  const after = await inspect(deps.connect, state.database).catch(() => undefined);
  record({ step: 'verify', outcome: 'done', database: state.database, relations: after?.relations ?? null });
  const created = plan.steps.includes('drop') ? ' (dropped and created again)' : plan.steps.includes('create') ? ' (created)' : '';
  return { outcome: 'restored', message: `database ${state.fromDatabase} of the dump restored into ${state.database}${created}: ${after?.relations ?? 'unknown'} relation(s)` };
}
