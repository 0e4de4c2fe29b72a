// The restored database takes the target's name. PostgreSQL renames only a database nobody is connected to,
// so the target's sessions are ended first (pg_terminate_backend) and the renames follow at once, in one
// transaction: target → kept aside, restored → target. Either both happen or neither. A client that
// reconnects in between makes the rename fail; after a few rounds the swap gives up and says so, with the
// target as it was. The database kept aside is dropped afterwards: that is what an overwrite asked for.
import type pg from 'pg';
import { ident } from '../setup/sql.js';

/** Sessions still connected to `database` hold a rename (SQLSTATE object_in_use). */
const OBJECT_IN_USE = '55006';
export const SWAP_ROUNDS = 5;
const GONE_POLL_MS = 100;
const GONE_WAIT_MS = 5_000;

export interface SwapOptions {
  sleep?: (ms: number) => Promise<void>;
  /** Told about each round of ending sessions, before the renames are tried. */
  terminated: (round: number, sessions: number) => void | Promise<void>;
}

const pause = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Ends every other session on `database`; waits (a while) until they are gone. The number of sessions ended. */
async function endSessions(client: pg.Client, database: string, sleep: (ms: number) => Promise<void>): Promise<number> {
  const { rows: [ended] } = await client.query<{ sessions: number }>(
    'SELECT count(*) FILTER (WHERE pg_terminate_backend(pid))::int AS sessions FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()', [database]);
  for (let waited = 0; waited < GONE_WAIT_MS; waited += GONE_POLL_MS) {
    const { rows: [left] } = await client.query<{ sessions: number }>('SELECT count(*)::int AS sessions FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()', [database]);
    if (left?.sessions === 0) break;
    await sleep(GONE_POLL_MS);
  }
  return ended?.sessions ?? 0;
}

/** Renames in one transaction, each pair `[from, to]` in order; the error when PostgreSQL refused. */
async function renameAll(client: pg.Client, pairs: Array<[string, string]>): Promise<void> {
  await client.query('BEGIN');
  try {
    for (const [from, to] of pairs) await client.query(`ALTER DATABASE ${ident(from)} RENAME TO ${ident(to)}`);
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  }
}

/** `restored` takes the name `target`, which exists: it is kept aside as `keptAside` in the same transaction. */
export async function swapIn(client: pg.Client, names: { target: string; restored: string; keptAside: string }, options: SwapOptions): Promise<void> {
  const sleep = options.sleep ?? pause;
  for (let round = 1; round <= SWAP_ROUNDS; round += 1) {
    await options.terminated(round, await endSessions(client, names.target, sleep));
    try {
      await renameAll(client, [[names.target, names.keptAside], [names.restored, names.target]]);
      return;
    } catch (error) {
      if ((error as { code?: string }).code !== OBJECT_IN_USE) throw error;
    }
  }
  throw new Error(`sessions on database ${names.target} kept coming back after ${SWAP_ROUNDS} rounds of ending them; it was left as it was: stop the clients that reconnect and set a new request id`);
}

/** `restored` takes the name `target`, which does not exist. */
export async function renameTo(client: pg.Client, restored: string, target: string): Promise<void> {
  await client.query(`ALTER DATABASE ${ident(restored)} RENAME TO ${ident(target)}`);
}
