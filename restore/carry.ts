// What a replaced database had on itself, put on the database that replaces it before the dump's own part
// is restored: its comment, connection limit, privileges (GRANT … ON DATABASE) and settings (ALTER DATABASE
// … SET, ALTER ROLE … IN DATABASE … SET). The dump's statements on the database run afterwards and win where
// they set the same thing, as they do on a database the restore creates. The owner is given at CREATE
// DATABASE (./plan.ts). Not carried: tablespace, encoding and locale (those of a new database), security labels.
import type pg from 'pg';
import { ident, literal, parseIdentList } from '../setup/sql.js';

/** Settings whose value is a list: each element its own literal, as pg_dump writes them (variable_is_guc_list_quote). */
const LIST_SETTINGS = new Set(['local_preload_libraries', 'search_path', 'session_preload_libraries', 'shared_preload_libraries', 'temp_tablespaces', 'unix_socket_directories']);

export interface DatabaseAttributes {
  comment: string | null;
  connectionLimit: number;
  /** Whether the database has privileges of its own; without, it has the defaults (PUBLIC may connect and create temporary tables). */
  ownPrivileges: boolean;
  /** `grantee` null is PUBLIC. */
  grants: Array<{ grantee: string | null; privilege: string; grantable: boolean }>;
  /** `role` null: the database's own settings; else a role's in this database. `config`: `name=value` entries. */
  settings: Array<{ role: string | null; config: string[] }>;
}

export async function databaseAttributes(client: pg.Client, database: string): Promise<DatabaseAttributes> {
  const { rows: [own] } = await client.query<Omit<DatabaseAttributes, 'settings'>>(`SELECT shobj_description(d.oid, 'pg_database') AS comment,
      d.datconnlimit AS "connectionLimit", d.datacl IS NOT NULL AS "ownPrivileges",
      (SELECT coalesce(json_agg(json_build_object('grantee', CASE WHEN a.grantee = 0 THEN NULL ELSE pg_get_userbyid(a.grantee) END,
         'privilege', a.privilege_type, 'grantable', a.is_grantable) ORDER BY a.grantee, a.privilege_type), '[]'::json) FROM aclexplode(d.datacl) a) AS grants
    FROM pg_database d WHERE d.datname = $1`, [database]);
  if (!own) throw new Error(`database ${database} is gone`);
  const { rows: settings } = await client.query<DatabaseAttributes['settings'][number]>(`SELECT CASE WHEN s.setrole = 0 THEN NULL ELSE pg_get_userbyid(s.setrole) END AS role,
      s.setconfig AS config FROM pg_db_role_setting s JOIN pg_database d ON d.oid = s.setdatabase WHERE d.datname = $1 ORDER BY s.setrole`, [database]);
  return { ...own, settings };
}

function settingStatement(database: string, role: string | null, entry: string): string {
  const at = entry.indexOf('=');
  const name = entry.slice(0, at);
  const value = entry.slice(at + 1);
  const values = LIST_SETTINGS.has(name) ? parseIdentList(value).map(literal).join(', ') : literal(value);
  const subject = role === null ? `DATABASE ${ident(database)}` : `ROLE ${ident(role)} IN DATABASE ${ident(database)}`;
  return `ALTER ${subject} SET ${ident(name)} TO ${values}`;
}

/** The statements that give `database` the attributes another database had. */
export function carryStatements(database: string, from: DatabaseAttributes): string[] {
  const target = ident(database);
  return [
    ...(from.comment === null ? [] : [`COMMENT ON DATABASE ${target} IS ${literal(from.comment)}`]),
    ...(from.connectionLimit === -1 ? [] : [`ALTER DATABASE ${target} CONNECTION LIMIT ${from.connectionLimit}`]),
    ...(from.ownPrivileges ? [`REVOKE ALL ON DATABASE ${target} FROM PUBLIC`] : []),
    ...from.grants.map((g) => `GRANT ${g.privilege} ON DATABASE ${target} TO ${g.grantee === null ? 'PUBLIC' : ident(g.grantee)}${g.grantable ? ' WITH GRANT OPTION' : ''}`),
    ...from.settings.flatMap((s) => s.config.map((entry) => settingStatement(database, s.role, entry))),
  ];
}
