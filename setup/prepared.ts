// Prepared databases (zalando-objects.md §8.3, §8.4): schemas with their owners, USAGE for the
// reader/writer roles, default privileges for objects the owner roles create later, database-wide and
// per schema, and extensions in their declared schema. Everything for one database is one transaction.
import type pg from 'pg';
import type { SetupPreparedDatabase } from '../schemas/setup-state.js';
import { inDatabase, type Connect } from './connection.js';
import type { Action, Report } from './report.js';
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

async function schemaUsageMissing(client: pg.Client, schema: string, roles: string[], schemaExists: boolean): Promise<string[]> {
  if (!schemaExists) return roles;
  const { rows } = await client.query<{ grantee: string }>(
    `SELECT g.rolname AS grantee FROM pg_catalog.pg_namespace n CROSS JOIN LATERAL aclexplode(n.nspacl) a
       JOIN pg_catalog.pg_roles g ON g.oid = a.grantee WHERE n.nspname = $1 AND a.privilege_type = 'USAGE'`, [schema]);
  const granted = new Set(rows.map((r) => r.grantee));
  return roles.filter((r) => !granted.has(r));
}

interface Plan { statements: string[]; changes: string[] }

async function planDatabaseDefaults(client: pg.Client, db: SetupPreparedDatabase, plan: Plan): Promise<void> {
  for (const owner of db.owners) {
    const missing = await missingDefaultPrivileges(client, owner, undefined, defaultGrants(db.name, true));
    if (missing.length > 0) plan.changes.push(`default privileges of ${owner}`);
    plan.statements.push(...missing);
  }
}

async function planSchemas(client: pg.Client, db: SetupPreparedDatabase, plan: Plan): Promise<void> {
  const existing = new Set((await client.query<{ nspname: string }>('SELECT nspname FROM pg_catalog.pg_namespace')).rows.map((r) => r.nspname));
  for (const schema of db.schemas) {
    const exists = existing.has(schema.name);
    if (!exists) {
      plan.statements.push(`CREATE SCHEMA IF NOT EXISTS ${ident(schema.name)} AUTHORIZATION ${ident(schema.owner)}`);
      plan.changes.push(`schema ${schema.name}`);
    }
    for (const { prefix, owners } of schema.privileges) {
      const usage = await schemaUsageMissing(client, schema.name, [`${prefix}_reader`, `${prefix}_writer`], exists);
      if (usage.length > 0) {
        plan.statements.push(`GRANT USAGE ON SCHEMA ${ident(schema.name)} TO ${usage.map(ident).join(', ')}`);
        plan.changes.push(`usage on ${schema.name} for ${usage.join(', ')}`);
      }
      for (const owner of owners) {
        const missing = await missingDefaultPrivileges(client, owner, schema.name, defaultGrants(prefix, false), exists);
        if (missing.length > 0) plan.changes.push(`default privileges of ${owner} in ${schema.name}`);
        plan.statements.push(...missing);
      }
    }
  }
}

async function planExtensions(client: pg.Client, db: SetupPreparedDatabase, plan: Plan): Promise<void> {
  const { rows } = await client.query<{ extname: string; schema: string }>(
    'SELECT e.extname, n.nspname AS schema FROM pg_catalog.pg_extension e JOIN pg_catalog.pg_namespace n ON n.oid = e.extnamespace');
  const installed = new Map(rows.map((r) => [r.extname, r.schema]));
  for (const [extension, schema] of Object.entries(db.extensions).sort(([a], [b]) => a.localeCompare(b))) {
    const current = installed.get(extension);
    if (current === schema) continue;
    plan.statements.push(current === undefined
      ? `CREATE EXTENSION IF NOT EXISTS ${ident(extension)} SCHEMA ${ident(schema)}`
      : `ALTER EXTENSION ${ident(extension)} SET SCHEMA ${ident(schema)}`);
    plan.changes.push(`extension ${extension} in ${schema}`);
  }
}

async function planDatabase(client: pg.Client, db: SetupPreparedDatabase): Promise<Plan> {
  const plan: Plan = { statements: [], changes: [] };
  await planDatabaseDefaults(client, db, plan);
  await planSchemas(client, db, plan);
  await planExtensions(client, db, plan);
  return plan;
}

/**
 * Databases several at a time, each on its own connection in its own transaction (connecting and the round trips
 * dominate a run with nothing to change); the report lists them in the declared order all the same.
 */
const DATABASES_AT_ONCE = 4;

export async function reconcilePreparedDatabases(connect: Connect, databases: SetupPreparedDatabase[], report: Report): Promise<void> {
  const actions: Action[] = new Array(databases.length);
  let next = 0;
  const worker = async () => {
    for (let i = next++; i < databases.length; i = next++) {
      const db = databases[i]!;
      actions[i] = await inDatabase(connect, db.name, { object: 'prepared database', name: db.name }, async (client) => {
        const { statements, changes } = await planDatabase(client, db);
        if (statements.length > 0) await inTransaction(client, statements);
        return { outcome: statements.length > 0 ? 'altered' : 'unchanged', ...(changes.length > 0 ? { changes } : {}) };
      });
    }
  };
  await Promise.all(Array.from({ length: Math.min(DATABASES_AT_ONCE, databases.length) }, worker));
  for (const action of actions) report.record(action);
}
