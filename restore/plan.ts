// What the restore does to the target database, decided from what it found there: a missing database is
// created, an empty one is restored into, a non-empty one is refused unless the request says to overwrite
// it, which drops and creates it again. Nothing else is ever dropped.
import { ident } from '../setup/sql.js';
import type { RestoreState } from '../schemas/restore-state.js';

/** What the target database holds: undefined when it does not exist. */
export interface TargetFound { relations: number }

export type RestorePlan =
  | { refused: string }
  | { statements: string[]; steps: Array<'drop' | 'create'> };

/** Relations (tables, views, sequences, foreign tables) outside the system schemas: any one makes a database non-empty. */
export const RELATIONS_QUERY = `SELECT count(*)::int AS relations FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
  WHERE c.relkind IN ('r', 'p', 'v', 'm', 'S', 'f') AND n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg_toast%'`;

export function createStatement(state: Pick<RestoreState, 'database' | 'owner'>): string {
  // template0: the dump brings its own extensions and schemas, which a copy of template1 may already hold.
  return `CREATE DATABASE ${ident(state.database)}${state.owner ? ` OWNER ${ident(state.owner)}` : ''} TEMPLATE template0`;
}

export function planRestore(state: RestoreState, found: TargetFound | undefined): RestorePlan {
  if (found === undefined) return { steps: ['create'], statements: [createStatement(state)] };
  if (found.relations === 0) return { steps: [], statements: [] };
  if (!state.overwrite) {
    return { refused: `database ${state.database} is not empty (${found.relations} relation(s)); nothing was changed: restore into another database, or ask to overwrite it` };
  }
  if (state.database === 'postgres') return { refused: 'database postgres is not dropped to be overwritten; restore into another database' };
  return { steps: ['drop', 'create'], statements: [`DROP DATABASE ${ident(state.database)} WITH (FORCE)`, createStatement(state)] };
}
