// The desired in-database state the sync hook hands to the setup Job (as a ConfigMap). No password is
// ever part of it: a role that logs in names the environment variable holding its password, which the
// Job fills from the role's Secret.
import Type, { type Static } from 'typebox';

const Name = Type.String({ minLength: 1, maxLength: 63 });

export const SetupRole = Type.Object({
  name: Name,
  /** Attribute keywords as CREATE ROLE takes them (LOGIN, CREATEDB, NOLOGIN …). */
  flags: Type.Array(Type.String({ pattern: '^(NO)?(SUPERUSER|CREATEDB|CREATEROLE|INHERIT|LOGIN|REPLICATION|BYPASSRLS)$' })),
  memberOf: Type.Array(Name),
  adminRole: Type.Optional(Name),
  parameters: Type.Record(Type.String({ pattern: '^[A-Za-z_][A-Za-z0-9_.]*$' }), Type.String()),
  /** Environment variable with the password; absent = the password is left as it is (new roles get none). */
  passwordEnv: Type.Optional(Type.String({ pattern: '^[A-Z_][A-Z0-9_]*$' })),
  /** RFC 3339; rotation users stop logging in then. */
  validUntil: Type.Optional(Type.String()),
});
export type SetupRole = Static<typeof SetupRole>;

export const SetupSchema = Type.Object({
  name: Name,
  owner: Name,
  /** Prefixes whose reader/writer roles get default privileges in this schema, each applied as the given owners. */
  privileges: Type.Array(Type.Object({ prefix: Name, owners: Type.Array(Name) })),
});
export type SetupSchema = Static<typeof SetupSchema>;

export const SetupPreparedDatabase = Type.Object({
  name: Name,
  /** Owners that run the database-wide default privileges for `<name>_reader` / `<name>_writer`. */
  owners: Type.Array(Name),
  schemas: Type.Array(SetupSchema),
  extensions: Type.Record(Name, Name),
});
export type SetupPreparedDatabase = Static<typeof SetupPreparedDatabase>;

export const SetupState = Type.Object({
  cluster: Type.String(),
  passwordEncryption: Type.Union([Type.Literal('scram-sha-256'), Type.Literal('md5')]),
  roles: Type.Array(SetupRole),
  databases: Type.Array(Type.Object({ name: Name, owner: Name })),
  preparedDatabases: Type.Array(SetupPreparedDatabase),
  pooler: Type.Optional(Type.Object({ schema: Name, user: Name })),
});
export type SetupState = Static<typeof SetupState>;
