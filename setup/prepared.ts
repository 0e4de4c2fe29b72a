// Prepared databases (zalando-objects.md §8.3, §8.4): schemas with their owners, USAGE for the
// reader/writer roles, default privileges for objects the owner roles create later, database-wide and
// per schema, and extensions in their declared schema. Everything for one database is one transaction,
// planned from one catalog query (a run with nothing to change is mostly round trips).
import type pg from 'pg';
import type { SetupPreparedDatabase } from '../schemas/setup-state.js';
import type { DatabaseWork } from './connection.js';
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

/** What a prepared database holds of what its plan looks at, read in one query. */
export interface PreparedCatalog {
  /** The declared schemas that exist, each with the roles that have USAGE on it. */
  schemaUsage: Map<string, Set<string>>;
  /** Default privileges of the owners involved, database-wide and in the declared schemas (`defaultAclKey`). */
  defaultAcl: Set<string>;
  /** Every installed extension and the schema it is in. */
  extensions: Map<string, string>;
}

/** One entry of a default ACL; `schema` undefined: database-wide. */
export function defaultAclKey(owner: string, schema: string | undefined, type: string, grantee: string, privilege: string): string {
  return JSON.stringify([owner, schema ?? null, type, grantee, privilege]);
}

// PUBLIC (grantee 0) has no pg_roles row and drops out of the joins: it never counts as a reader or writer.
const CATALOG_QUERY = `
SELECT
  (SELECT COALESCE(json_agg(json_build_array(n.nspname, ARRAY(
            SELECT g.rolname FROM pg_catalog.aclexplode(n.nspacl) a JOIN pg_catalog.pg_roles g ON g.oid = a.grantee
             WHERE a.privilege_type = 'USAGE'))), '[]')
     FROM pg_catalog.pg_namespace n WHERE n.nspname = ANY($1)) AS schemas,
  (SELECT COALESCE(json_agg(json_build_array(o.rolname, n.nspname, d.defaclobjtype, g.rolname, a.privilege_type)), '[]')
     FROM pg_catalog.pg_default_acl d CROSS JOIN LATERAL pg_catalog.aclexplode(d.defaclacl) a
     JOIN pg_catalog.pg_roles o ON o.oid = d.defaclrole
     JOIN pg_catalog.pg_roles g ON g.oid = a.grantee
     LEFT JOIN pg_catalog.pg_namespace n ON n.oid = d.defaclnamespace
    WHERE o.rolname = ANY($2) AND (d.defaclnamespace = 0 OR n.nspname = ANY($1))) AS default_acl,
  (SELECT COALESCE(json_agg(json_build_array(e.extname, n.nspname)), '[]')
     FROM pg_catalog.pg_extension e JOIN pg_catalog.pg_namespace n ON n.oid = e.extnamespace) AS extensions`;

async function readCatalog(client: pg.Client, db: SetupPreparedDatabase): Promise<PreparedCatalog> {
  const owners = new Set([...db.owners, ...db.schemas.flatMap((s) => s.privileges.flatMap((p) => p.owners))]);
  const { rows: [row] } = await client.query<{ schemas: Array<[string, string[]]>; default_acl: Array<[string, string | null, string, string, string]>; extensions: Array<[string, string]> }>(
    CATALOG_QUERY, [db.schemas.map((s) => s.name), [...owners]]);
  return {
    schemaUsage: new Map(row!.schemas.map(([name, usage]) => [name, new Set(usage)])),
    defaultAcl: new Set(row!.default_acl.map(([owner, schema, type, grantee, privilege]) => defaultAclKey(owner, schema ?? undefined, type, grantee, privilege))),
    extensions: new Map(row!.extensions),
  };
}

/** Statements for the grants not yet in place; a schema about to be created has none. */
function missingDefaultPrivileges(catalog: PreparedCatalog, owner: string, schema: string | undefined, grants: Grant[]): string[] {
  const scope = schema === undefined ? '' : ` IN SCHEMA ${ident(schema)}`;
  return grants
    .map((grant) => ({ ...grant, privileges: grant.privileges.filter((p) => !catalog.defaultAcl.has(defaultAclKey(owner, schema, grant.type, grant.grantee, p))) }))
    .filter((grant) => grant.privileges.length > 0)
    .map((grant) => `ALTER DEFAULT PRIVILEGES FOR ROLE ${ident(owner)}${scope} GRANT ${grant.privileges.join(', ')} ON ${OBJECT_KEYWORD[grant.type]} TO ${ident(grant.grantee)}`);
}

export interface Plan { statements: string[]; changes: string[] }

function planDatabaseDefaults(db: SetupPreparedDatabase, catalog: PreparedCatalog, plan: Plan): void {
  for (const owner of db.owners) {
    const missing = missingDefaultPrivileges(catalog, owner, undefined, defaultGrants(db.name, true));
    if (missing.length > 0) plan.changes.push(`default privileges of ${owner}`);
    plan.statements.push(...missing);
  }
}

function planSchemas(db: SetupPreparedDatabase, catalog: PreparedCatalog, plan: Plan): void {
  for (const schema of db.schemas) {
    const usage = catalog.schemaUsage.get(schema.name);
    if (!usage) {
      plan.statements.push(`CREATE SCHEMA IF NOT EXISTS ${ident(schema.name)} AUTHORIZATION ${ident(schema.owner)}`);
      plan.changes.push(`schema ${schema.name}`);
    }
    for (const { prefix, owners } of schema.privileges) {
      const missing = [`${prefix}_reader`, `${prefix}_writer`].filter((role) => !usage?.has(role));
      if (missing.length > 0) {
        plan.statements.push(`GRANT USAGE ON SCHEMA ${ident(schema.name)} TO ${missing.map(ident).join(', ')}`);
        plan.changes.push(`usage on ${schema.name} for ${missing.join(', ')}`);
      }
      for (const owner of owners) {
        const grants = missingDefaultPrivileges(catalog, owner, schema.name, defaultGrants(prefix, false));
        if (grants.length > 0) plan.changes.push(`default privileges of ${owner} in ${schema.name}`);
        plan.statements.push(...grants);
      }
    }
  }
}

function planExtensions(db: SetupPreparedDatabase, catalog: PreparedCatalog, plan: Plan): void {
  for (const [extension, schema] of Object.entries(db.extensions).sort(([a], [b]) => a.localeCompare(b))) {
    const current = catalog.extensions.get(extension);
    if (current === schema) continue;
    plan.statements.push(current === undefined
      ? `CREATE EXTENSION IF NOT EXISTS ${ident(extension)} SCHEMA ${ident(schema)}`
      : `ALTER EXTENSION ${ident(extension)} SET SCHEMA ${ident(schema)}`);
    plan.changes.push(`extension ${extension} in ${schema}`);
  }
}

/** What `db` still needs, given what it holds: statements in the order they must run, and what they change. */
export function planPreparedDatabase(db: SetupPreparedDatabase, catalog: PreparedCatalog): Plan {
  const plan: Plan = { statements: [], changes: [] };
  planDatabaseDefaults(db, catalog, plan);
  planSchemas(db, catalog, plan);
  planExtensions(db, catalog, plan);
  return plan;
}

/** Each prepared database's work, for `actInEachDatabase`. */
export function preparedDatabaseWorks(databases: SetupPreparedDatabase[]): DatabaseWork[] {
  return databases.map((db) => ({
    database: db.name,
    subject: { object: 'prepared database', name: db.name },
    work: async (client) => {
      const { statements, changes } = planPreparedDatabase(db, await readCatalog(client, db));
      if (statements.length > 0) await inTransaction(client, statements);
      return { outcome: statements.length > 0 ? 'altered' : 'unchanged', ...(changes.length > 0 ? { changes } : {}) };
    },
  }));
}
