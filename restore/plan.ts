// What the restore does to the target database, decided from what it found there. An empty database is
// restored into directly (one transaction: a failure leaves it empty, as it was). A missing one, and a
// non-empty one the request says to overwrite, are restored into a new database of a name of their own
// (temporaryNames) that replaces the target only once the restore succeeded: a failure never leaves a
// half-restored database under the target's name nor loses the target's data. Nothing else is dropped.
import { createHash } from 'node:crypto';
import { ident } from '../setup/sql.js';
import type { RestoreState } from '../schemas/restore-state.js';

/** What the target database holds: undefined when it does not exist. */
export interface TargetFound { relations: number; template: boolean; owner: string }

export type RestorePlan =
  | { refused: string }
  | { into: 'target' }
  /** `owner`: the new database's owner; the connecting superuser when undefined. */
  | { into: 'temporary'; replacing: boolean; owner: string | undefined };

/** Relations (tables, views, sequences, foreign tables) outside the system schemas: any one makes a database non-empty. */
export const RELATIONS_QUERY = `SELECT count(*)::int AS relations FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
  WHERE c.relkind IN ('r', 'p', 'v', 'm', 'S', 'f') AND n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg_toast%'`;

const NAME_HASH_HEX = 16;
const TARGET_PART_BYTES = 32;

/**
 * The database a restore goes into before it takes the target's name, and the name the target is renamed to
 * while the restored one takes its place. Both are derived from the target and the request id alone, so a
 * later attempt of the same request finds what an interrupted one left; `~` is no character of a database
 * name the restore accepts (RESTORE_DATABASE_PATTERN), and the hash tells requests apart. At most 57 bytes.
 */
export function temporaryNames(state: Pick<RestoreState, 'database' | 'requestId'>): { restoring: string; keptAside: string } {
  const hash = createHash('sha256').update(`${state.database}\0${state.requestId}`).digest('hex').slice(0, NAME_HASH_HEX);
  // The target's part is ASCII (RESTORE_DATABASE_PATTERN): one byte a character.
  const target = state.database.slice(0, TARGET_PART_BYTES);
  return { restoring: `${target}~restoring-${hash}`, keptAside: `${target}~replaced-${hash}` };
}

export function createStatement(database: string, owner: string | undefined): string {
  // template0: the dump brings its own extensions and schemas, which a copy of template1 may already hold.
  return `CREATE DATABASE ${ident(database)}${owner ? ` OWNER ${ident(owner)}` : ''} TEMPLATE template0`;
}

export function planRestore(state: RestoreState, found: TargetFound | undefined): RestorePlan {
  if (found === undefined) return { into: 'temporary', replacing: false, owner: state.owner };
  if (found.relations === 0) return { into: 'target' };
  if (!state.overwrite) {
    return { refused: `database ${state.database} is not empty (${found.relations} relation(s)); nothing was changed: restore into another database, or ask to overwrite it` };
  }
  if (state.database === 'postgres') return { refused: 'database postgres is not replaced to be overwritten; restore into another database' };
  if (found.template) return { refused: `database ${state.database} is a template database; it is not replaced: restore into another database` };
  // The manifest's owner wins, as for a database the restore creates; else the target keeps the owner it had.
  return { into: 'temporary', replacing: true, owner: state.owner ?? found.owner };
}
