// The prepared-database plan from a catalog snapshot; setup.test.ts runs it against a real server.
import t from 'tap';
import type { SetupPreparedDatabase } from '../schemas/setup-state.js';
import { defaultAclKey, planPreparedDatabase, type PreparedCatalog } from './prepared.js';

const db: SetupPreparedDatabase = {
  name: 'foo',
  owners: ['foo_owner'],
  schemas: [{ name: 'bar', owner: 'foo_bar_owner', privileges: [{ prefix: 'foo_bar', owners: ['foo_bar_owner'] }] }],
  extensions: { pg_trgm: 'bar' },
};

/** `type:grantee:privilege …` entries of `owner`'s default ACL in `schema` (undefined: database-wide). */
function acl(owner: string, schema: string | undefined, entries: string): string[] {
  return entries.split(/\s+/).map((entry) => {
    const [type, grantee, privilege] = entry.split(':') as [string, string, string];
    return defaultAclKey(owner, schema, type, grantee, privilege);
  });
}

const databaseWide = acl('foo_owner', undefined, `
  n:foo_writer:USAGE n:foo_reader:USAGE r:foo_reader:SELECT S:foo_reader:SELECT
  r:foo_writer:INSERT r:foo_writer:UPDATE r:foo_writer:DELETE S:foo_writer:USAGE S:foo_writer:UPDATE
  f:foo_reader:EXECUTE f:foo_writer:EXECUTE T:foo_reader:USAGE T:foo_writer:USAGE`.trim());
const inBar = acl('foo_bar_owner', 'bar', `
  r:foo_bar_reader:SELECT S:foo_bar_reader:SELECT
  r:foo_bar_writer:INSERT r:foo_bar_writer:UPDATE r:foo_bar_writer:DELETE S:foo_bar_writer:USAGE S:foo_bar_writer:UPDATE
  f:foo_bar_reader:EXECUTE f:foo_bar_writer:EXECUTE T:foo_bar_reader:USAGE T:foo_bar_writer:USAGE`.trim());

const complete = (): PreparedCatalog => ({
  schemaUsage: new Map([['bar', new Set(['foo_bar_owner', 'foo_bar_reader', 'foo_bar_writer'])], ['public', new Set()]]),
  defaultAcl: new Set([...databaseWide, ...inBar]),
  extensions: new Map([['plpgsql', 'pg_catalog'], ['pg_trgm', 'bar']]),
});

t.test('an empty database gets everything, database-wide first, then the schema, then the extension', async (t) => {
  const plan = planPreparedDatabase(db, { schemaUsage: new Map(), defaultAcl: new Set(), extensions: new Map() });
  t.same(plan.changes, ['default privileges of foo_owner', 'schema bar', 'usage on bar for foo_bar_reader, foo_bar_writer', 'default privileges of foo_bar_owner in bar', 'extension pg_trgm in bar']);
  t.equal(plan.statements[0], 'ALTER DEFAULT PRIVILEGES FOR ROLE "foo_owner" GRANT USAGE ON SCHEMAS TO "foo_writer"');
  t.equal(plan.statements.filter((s) => s.startsWith('ALTER DEFAULT PRIVILEGES FOR ROLE "foo_owner" GRANT')).length, 10);
  t.same(plan.statements.slice(10, 12), ['CREATE SCHEMA IF NOT EXISTS "bar" AUTHORIZATION "foo_bar_owner"', 'GRANT USAGE ON SCHEMA "bar" TO "foo_bar_reader", "foo_bar_writer"']);
  t.equal(plan.statements.filter((s) => s.startsWith('ALTER DEFAULT PRIVILEGES FOR ROLE "foo_bar_owner" IN SCHEMA "bar" GRANT')).length, 8);
  t.equal(plan.statements.at(-1), 'CREATE EXTENSION IF NOT EXISTS "pg_trgm" SCHEMA "bar"');
});

t.test('a database that holds everything needs nothing', async (t) => {
  t.same(planPreparedDatabase(db, complete()), { statements: [], changes: [] });
});

t.test('only what is missing is granted, in its own scope', async (t) => {
  const catalog = complete();
  catalog.defaultAcl.delete(defaultAclKey('foo_bar_owner', 'bar', 'S', 'foo_bar_writer', 'UPDATE'));
  t.same(planPreparedDatabase(db, catalog), {
    statements: ['ALTER DEFAULT PRIVILEGES FOR ROLE "foo_bar_owner" IN SCHEMA "bar" GRANT UPDATE ON SEQUENCES TO "foo_bar_writer"'],
    changes: ['default privileges of foo_bar_owner in bar'],
  });

  const databaseWideOnly = { ...complete(), defaultAcl: new Set([...databaseWide, ...acl('foo_bar_owner', undefined, 'r:foo_bar_reader:SELECT')]) };
  const plan = planPreparedDatabase(db, databaseWideOnly);
  t.same(plan.changes, ['default privileges of foo_bar_owner in bar'], 'a database-wide grant does not stand for one in the schema');
  t.equal(plan.statements[0], 'ALTER DEFAULT PRIVILEGES FOR ROLE "foo_bar_owner" IN SCHEMA "bar" GRANT SELECT ON TABLES TO "foo_bar_reader"');
});

t.test('usage is granted to the roles that lack it; an extension elsewhere is moved', async (t) => {
  const catalog = complete();
  catalog.schemaUsage.set('bar', new Set(['foo_bar_reader']));
  catalog.extensions.set('pg_trgm', 'public');
  t.same(planPreparedDatabase(db, catalog), {
    statements: ['GRANT USAGE ON SCHEMA "bar" TO "foo_bar_writer"', 'ALTER EXTENSION "pg_trgm" SET SCHEMA "bar"'],
    changes: ['usage on bar for foo_bar_writer', 'extension pg_trgm in bar'],
  });
});
