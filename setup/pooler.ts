// The pooler's lookup function (zalando-objects.md §7.6): `<schema>.user_lookup(name)` returns the
// name and stored password verifier from pg_shadow, runs as its owner (a superuser), and only the
// pooler user may call it. Installed in every database that accepts connections and in template1, so
// databases created later inherit it.
import type pg from 'pg';
import type { DatabaseWork } from './connection.js';
import { ident, literal } from './sql.js';
import { inTransaction } from './transaction.js';

const BODY = `
BEGIN
  SELECT usename, passwd FROM pg_catalog.pg_shadow WHERE usename = i_username INTO uname, phash;
  RETURN;
END;
`;
const SEARCH_PATH = 'pg_catalog, pg_temp';

async function installed(client: pg.Client, schema: string, user: string): Promise<boolean> {
  const { rows } = await client.query<{ ok: boolean }>(
    `SELECT p.prosrc = $3 AND p.prosecdef AND p.proconfig = ARRAY[$4]
            AND pg_catalog.pg_get_function_arguments(p.oid) = 'i_username text, OUT uname text, OUT phash text'
            AND has_function_privilege($2, p.oid, 'EXECUTE')
            AND NOT EXISTS (SELECT 1 FROM aclexplode(COALESCE(p.proacl, acldefault('f', p.proowner))) a WHERE a.grantee = 0)
            AND has_schema_privilege($2, n.oid, 'USAGE') AS ok
       FROM pg_catalog.pg_proc p JOIN pg_catalog.pg_namespace n ON n.oid = p.pronamespace
      WHERE n.nspname = $1 AND p.proname = 'user_lookup'`,
    [schema, user, BODY, `search_path=${SEARCH_PATH}`]);
  return rows.length === 1 && rows[0]!.ok === true;
}

function statements(schema: string, user: string): string[] {
  const fn = `${ident(schema)}.user_lookup(text)`;
  return [
    `CREATE SCHEMA IF NOT EXISTS ${ident(schema)}`,
    `CREATE OR REPLACE FUNCTION ${ident(schema)}.user_lookup(i_username text, OUT uname text, OUT phash text)
       RETURNS record LANGUAGE plpgsql SECURITY DEFINER SET search_path = ${SEARCH_PATH} AS ${literal(BODY)}`,
    `REVOKE ALL ON FUNCTION ${fn} FROM PUBLIC, ${ident(user)}`,
    `GRANT EXECUTE ON FUNCTION ${fn} TO ${ident(user)}`,
    `GRANT USAGE ON SCHEMA ${ident(schema)} TO ${ident(user)}`,
  ];
}

/** The lookup function's work in each database that accepts connections, for `actInEachDatabase`. */
export async function lookupFunctionWorks(admin: pg.Client, pooler: { schema: string; user: string }): Promise<DatabaseWork[]> {
  const { rows } = await admin.query<{ datname: string }>(
    "SELECT datname FROM pg_catalog.pg_database WHERE datallowconn AND datname <> 'template0' ORDER BY datname");
  const name = `${pooler.schema}.user_lookup`;
  return rows.map(({ datname }) => ({
    database: datname,
    subject: { object: 'pooler lookup function', name, database: datname },
    work: async (client) => {
      if (await installed(client, pooler.schema, pooler.user)) return { outcome: 'unchanged' };
      await inTransaction(client, statements(pooler.schema, pooler.user));
      return { outcome: 'altered', changes: ['installed'] };
    },
  }));
}
