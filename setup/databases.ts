// Databases: create missing ones with their owner, change an owner that differs. Never dropped or
// renamed. CREATE DATABASE cannot run inside a transaction block.
import type pg from 'pg';
import type { SetupState } from '../schemas/setup-state.js';
import type { Report } from './report.js';
import { ident } from './sql.js';

export async function reconcileDatabases(client: pg.Client, state: SetupState, report: Report): Promise<void> {
  const { rows } = await client.query<{ datname: string; owner: string }>(
    'SELECT d.datname, r.rolname AS owner FROM pg_catalog.pg_database d JOIN pg_catalog.pg_roles r ON r.oid = d.datdba');
  const owners = new Map(rows.map((r) => [r.datname, r.owner]));
  const roles = new Set((await client.query<{ rolname: string }>('SELECT rolname FROM pg_catalog.pg_roles')).rows.map((r) => r.rolname));
  for (const db of state.databases) {
    const current = owners.get(db.name);
    if (current === db.owner) {
      report.record({ outcome: 'unchanged', object: 'database', name: db.name });
      continue;
    }
    if (!roles.has(db.owner)) {
      report.record({ outcome: 'failed', object: 'database', name: db.name, message: `owner role ${db.owner} does not exist` });
      continue;
    }
    try {
      if (current === undefined) {
        await client.query(`CREATE DATABASE ${ident(db.name)} OWNER ${ident(db.owner)}`);
        report.record({ outcome: 'created', object: 'database', name: db.name, changes: [`owner ${db.owner}`] });
      } else {
        await client.query(`ALTER DATABASE ${ident(db.name)} OWNER TO ${ident(db.owner)}`);
        report.record({ outcome: 'altered', object: 'database', name: db.name, changes: [`owner ${current} → ${db.owner}`] });
      }
    } catch (error) {
      report.record({ outcome: 'failed', object: 'database', name: db.name, message: (error as Error).message });
    }
  }
}
