// Prepared databases (zalando-objects.md §8.3, §8.4): schemas with their owners, USAGE for the
// reader/writer roles, default privileges for objects the owner roles create later, database-wide and
// per schema, and extensions in their declared schema. Everything for one database is one transaction.
import type pg from 'pg';
import type { SetupPreparedDatabase } from '../schemas/setup-state.js';
import type { Connect } from './connection.js';
import type { Report } from './report.js';
import { ident } from './sql.js';
import { inTransaction } from './transaction.js';

type ObjectType = 'r' | 'S' | 'f' | 'T' | 'n';
const OBJECT_KEYWORD: Record<ObjectType, string> = { r: 'TABLES', S: 'SEQUENCES', f: 'FUNCTIONS', T: 'TYPES', n: 'SCHEMAS' };

interface Grant { type: ObjectType; privileges: string[]; grantee: string }

/** The default privileges Zalando gives a prefix's reader and writer roles. */
function defaultGrants(prefix: string, databaseWide: boolean): Grant[] {
  const reader = `${prefix}_reader`;
  const writer = `${prefix}_writer`;
  return [
    ...(databaseWide ? [{ type: 'n' as const, privileges: ['USAGE'], grantee: writer }, { type: 'n' as const, privileges: ['USAGE'], grantee: reader }] : []),
    { type: 'r', privileges: ['SELECT'], grantee: reader },
    { type: 'S', privileges: ['SELECT'], grantee: reader },
    { type: 'r', privileges: ['INSERT', 'UPDATE', 'DELETE'], grantee: writer },
    { type: 'S', privileges: ['USAGE', 'UPDATE'], grantee: writer },
    { type: 'f', privileges: ['EXECUTE'], grantee: reader },
    { type: 'f', privileges: ['EXECUTE'], grantee: writer },
    { type: 'T', privileges: ['USAGE'], grantee: reader },
    { type: 'T', privileges: ['USAGE'], grantee: writer },
  ];
}

/** `type:grantee:privilege` entries of the default ACL an owner has in a schema (or database-wide). */
async function defaultAcl(client: pg.Client, owner: string, schema: string | undefined): Promise<Set<string>> {
  const { rows } = await client.query<{ type: string; grantee: string; privilege: string }>(
    `SELECT d.defaclobjtype AS type, g.rolname AS grantee, a.privilege_type AS privilege
       FROM pg_catalog.pg_default_acl d CROSS JOIN LATERAL aclexplode(d.defaclacl) a
       JOIN pg_catalog.pg_roles g ON g.oid = a.grantee
      WHERE d.defaclrole = (SELECT oid FROM pg_catalog.pg_roles WHERE rolname = $1)
        AND d.defaclnamespace = COALESCE((SELECT oid FROM pg_catalog.pg_namespace WHERE nspname = $2), 0)`,
    [owner, schema ?? null]);
  return new Set(rows.map((r) => `${r.type}:${r.grantee}:${r.privilege}`));
}

/** Statements for the grants not yet in place; a schema about to be created has none. */
async function missingDefaultPrivileges(client: pg.Client, owner: string, schema: string | undefined, grants: Grant[], schemaExists = true): Promise<string[]> {
  const present = schemaExists ? await defaultAcl(client, owner, schema) : new Set<string>();
  const scope = schema === undefined ? '' : ` IN SCHEMA ${ident(schema)}`;
  return grants
    .map((grant) => ({ ...grant, privileges: grant.privileges.filter((p) => !present.has(`${grant.type}:${grant.grantee}:${p}`)) }))
    .filter((grant) => grant.privileges.length > 0)
    .map((grant) => `ALTER DEFAULT PRIVILEGES FOR ROLE ${ident(owner)}${scope} GRANT ${grant.privileges.join(', ')} ON ${OBJECT_KEYWORD[grant.type]} TO ${ident(grant.grantee)}`);
}

async function schemaUsageMissing(client: pg.Client, schema: string, roles: string[]): Promise<string[]> {
  const { rows } = await client.query<{ grantee: string }>(
    `SELECT g.rolname AS grantee FROM pg_catalog.pg_namespace n CROSS JOIN LATERAL aclexplode(n.nspacl) a
       JOIN pg_catalog.pg_roles g ON g.oid = a.grantee WHERE n.nspname = $1 AND a.privilege_type = 'USAGE'`, [schema]);
  const granted = new Set(rows.map((r) => r.grantee));
  return roles.filter((r) => !granted.has(r));
}

async function plan(client: pg.Client, db: SetupPreparedDatabase): Promise<{ statements: string[]; changes: string[] }> {
  const statements: string[] = [];
  const changes: string[] = [];
  const schemas = new Set((await client.query<{ nspname: string }>('SELECT nspname FROM pg_catalog.pg_namespace')).rows.map((r) => r.nspname));
  for (const owner of db.owners) {
    const missing = await missingDefaultPrivileges(client, owner, undefined, defaultGrants(db.name, true));
    if (missing.length > 0) changes.push(`default privileges of ${owner}`);
    statements.push(...missing);
  }
  for (const schema of db.schemas) {
    if (!schemas.has(schema.name)) {
      statements.push(`CREATE SCHEMA IF NOT EXISTS ${ident(schema.name)} AUTHORIZATION ${ident(schema.owner)}`);
      changes.push(`schema ${schema.name}`);
    }
    for (const { prefix, owners } of schema.privileges) {
      const usage = schemas.has(schema.name) ? await schemaUsageMissing(client, schema.name, [`${prefix}_reader`, `${prefix}_writer`]) : [`${prefix}_reader`, `${prefix}_writer`];
      if (usage.length > 0) {
        statements.push(`GRANT USAGE ON SCHEMA ${ident(schema.name)} TO ${usage.map(ident).join(', ')}`);
        changes.push(`usage on ${schema.name} for ${usage.join(', ')}`);
      }
      for (const owner of owners) {
        const missing = await missingDefaultPrivileges(client, owner, schema.name, defaultGrants(prefix, false), schemas.has(schema.name));
        if (missing.length > 0) changes.push(`default privileges of ${owner} in ${schema.name}`);
        statements.push(...missing);
      }
    }
  }
  const { rows: installed } = await client.query<{ extname: string; schema: string }>(
    'SELECT e.extname, n.nspname AS schema FROM pg_catalog.pg_extension e JOIN pg_catalog.pg_namespace n ON n.oid = e.extnamespace');
  const extensions = new Map(installed.map((r) => [r.extname, r.schema]));
  for (const [extension, schema] of Object.entries(db.extensions).sort(([a], [b]) => a.localeCompare(b))) {
    const current = extensions.get(extension);
    if (current === schema) continue;
    statements.push(current === undefined
      ? `CREATE EXTENSION IF NOT EXISTS ${ident(extension)} SCHEMA ${ident(schema)}`
      : `ALTER EXTENSION ${ident(extension)} SET SCHEMA ${ident(schema)}`);
    changes.push(`extension ${extension} in ${schema}`);
  }
  return { statements, changes };
}

export async function reconcilePreparedDatabases(connect: Connect, databases: SetupPreparedDatabase[], report: Report): Promise<void> {
  for (const db of databases) {
    let client: pg.Client | undefined;
    try {
      client = await connect(db.name);
      const { statements, changes } = await plan(client, db);
      if (statements.length > 0) await inTransaction(client, statements);
      report.record({ outcome: statements.length > 0 ? 'altered' : 'unchanged', object: 'prepared database', name: db.name, ...(changes.length > 0 ? { changes } : {}) });
    } catch (error) {
      report.record({ outcome: 'failed', object: 'prepared database', name: db.name, message: (error as Error).message });
    } finally {
      await client?.end().catch(() => undefined);
    }
  }
}
