// Connections from libpq's environment variables (PGHOST, PGPORT, PGUSER, PGPASSWORD, PGDATABASE,
// PGSSLMODE, PGSSLROOTCERT, PGCONNECT_TIMEOUT), with libpq's meaning of sslmode: `require` encrypts
// without verifying the certificate (Spilo's is self-signed), `verify-*` verify against the root cert.
import { readFileSync } from 'node:fs';
import pg from 'pg';
import type { Action, Report, Result, Subject } from './report.js';

export type Env = Record<string, string | undefined>;
export type Connect = (database?: string) => Promise<pg.Client>;

function ssl(env: Env): pg.ClientConfig['ssl'] {
  const mode = env.PGSSLMODE ?? 'prefer';
  const ca = env.PGSSLROOTCERT ? readFileSync(env.PGSSLROOTCERT, 'utf8') : undefined;
  switch (mode) {
    case 'disable':
    case 'allow':
      return false;
    case 'prefer':
    case 'require':
      return { rejectUnauthorized: false };
    case 'verify-ca':
      return { ca, checkServerIdentity: () => undefined };
    case 'verify-full':
      return { ca };
    default:
      throw new Error(`PGSSLMODE ${mode} is not one of disable, allow, prefer, require, verify-ca, verify-full`);
  }
}

export function clientConfig(env: Env, database?: string): pg.ClientConfig {
  if (!env.PGHOST) throw new Error('PGHOST is not set');
  return {
    host: env.PGHOST,
    port: Number(env.PGPORT ?? 5432),
    user: env.PGUSER ?? 'postgres',
    password: env.PGPASSWORD,
    database: database ?? env.PGDATABASE ?? 'postgres',
    ssl: ssl(env),
    connectionTimeoutMillis: Number(env.PGCONNECT_TIMEOUT ?? 15) * 1000,
    application_name: 'postgres-metacontroller-setup',
  };
}

export function connector(env: Env): Connect {
  return async (database?: string) => {
    const config = clientConfig(env, database);
    const client = new pg.Client(config);
    try {
      await client.connect();
      return client;
    } catch (error) {
      // libpq's `prefer` falls back to a plain connection when the server has no TLS.
      if (config.ssl && (env.PGSSLMODE ?? 'prefer') === 'prefer' && /does not support SSL/.test(String(error))) {
        const plain = new pg.Client({ ...config, ssl: false });
        await plain.connect();
        return plain;
      }
      throw error;
    }
  };
}

export interface WaitOptions {
  deadlineMs: number;
  log: (message: string) => void;
  /** Both replaceable so tests need not wait in real time. */
  sleep?: (ms: number) => Promise<void>;
  now?: () => number;
}

/** A connection to a primary that accepts writes, retried with backoff until the deadline. */
export async function connectToPrimary(connect: Connect, options: WaitOptions): Promise<pg.Client> {
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  const now = options.now ?? Date.now;
  const deadline = now() + options.deadlineMs;
  let delay = 1000;
  for (let attempt = 1; ; attempt += 1) {
    let reason: string;
    try {
      const client = await connect();
      const { rows } = await client.query<{ recovery: boolean; readonly: string }>(
        "SELECT pg_is_in_recovery() AS recovery, current_setting('default_transaction_read_only') AS readonly",
      );
      if (!rows[0]?.recovery && rows[0]?.readonly !== 'on') return client;
      reason = rows[0]?.recovery ? 'the server is a replica' : 'the server is read-only';
      await client.end();
    } catch (error) {
      reason = (error as Error).message;
    }
    if (now() + delay > deadline) throw new Error(`no writable primary before the deadline (attempt ${attempt}: ${reason})`);
    options.log(`waiting for a writable primary (attempt ${attempt}: ${reason}); next try in ${delay / 1000}s`);
    await sleep(delay);
    delay = Math.min(delay * 2, 15_000);
  }
}

/** One object's work in `database`. */
export interface DatabaseWork { database: string; subject: Subject; work: (client: pg.Client) => Promise<Result> }

/** Connecting and its round trips are most of a run with nothing to change: databases are done this many at a time. */
const DATABASES_AT_ONCE = 4;

/**
 * Does the works of each database one after the other on one connection to it (always closed), several databases
 * at a time, and records each outcome; a failure is recorded too and the others go on. Outcomes are recorded in
 * the order of `works`, each as soon as those before it are.
 */
export async function actInEachDatabase(connect: Connect, report: Report, works: DatabaseWork[]): Promise<void> {
  const byDatabase = new Map<string, number[]>();
  works.forEach((work, i) => byDatabase.set(work.database, [...(byDatabase.get(work.database) ?? []), i]));
  const databases = [...byDatabase];
  const actions: Array<Action | undefined> = new Array(works.length);
  let recorded = 0;
  const done = (i: number, action: Action) => {
    actions[i] = action;
    for (let ready = actions[recorded]; ready; ready = actions[recorded]) {
      report.record(ready);
      recorded += 1;
    }
  };
  let next = 0;
  const worker = async () => {
    for (let d = next++; d < databases.length; d = next++) {
      const [database, indexes] = databases[d]!;
      await inDatabase(connect, database, indexes.map((i) => works[i]!), (k, action) => done(indexes[k]!, action));
    }
  };
  await Promise.all(Array.from({ length: Math.min(DATABASES_AT_ONCE, databases.length) }, worker));
}

async function inDatabase(connect: Connect, database: string, works: DatabaseWork[], done: (k: number, action: Action) => void): Promise<void> {
  const failed = (k: number, error: unknown) => done(k, { outcome: 'failed', ...works[k]!.subject, message: (error as Error).message });
  let client: pg.Client;
  try {
    client = await connect(database);
  } catch (error) {
    works.forEach((_, k) => failed(k, error));
    return;
  }
  try {
    for (const [k, { subject, work }] of works.entries()) {
      try {
        const { outcome, ...rest } = await work(client);
        done(k, { outcome, ...subject, ...rest });
      } catch (error) {
        failed(k, error);
      }
    }
  } finally {
    await client.end().catch(() => undefined);
  }
}
