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

export const SetupHumanTeam = Type.Object({
  name: Type.String({ minLength: 1 }),
  /** Its members get SUPERUSER (a member of any superuser team is a superuser). */
  superuser: Type.Boolean(),
  /** Members known to the hooks (PostgresTeam `additionalMembers`); the Teams API's are added by the Job. */
  members: Type.Array(Name),
});
export type SetupHumanTeam = Static<typeof SetupHumanTeam>;

/** The environment variables the setup Job finds the Teams API token in (filled from the token Secret). */
export const TEAMS_API_TOKEN_ENV = { token: 'TEAMS_API_TOKEN', type: 'TEAMS_API_TOKEN_TYPE' } as const;

/** Human roles: LOGIN without a password (PAM), marked as human roles so that only these are ever deprecated. */
export const SetupHumans = Type.Object({
  teams: Type.Array(SetupHumanTeam),
  /** Groups every human role joins (`pam_role_name`). */
  groups: Type.Array(Name),
  /** The group non-superusers join as well (`team_admin_role`). */
  adminGroup: Type.Optional(Name),
  /** Role settings (`team_api_role_configuration`). */
  parameters: Type.Record(Type.String({ pattern: '^[A-Za-z_][A-Za-z0-9_.]*$' }), Type.String()),
  /** Names never made, changed or deprecated as human roles (system users, `protected_role_names`); the state's roles are never either. */
  reserved: Type.Array(Name),
  /** The Teams API the Job asks for each team's members (`enable_teams_api`), with the token from its environment. */
  teamsApiUrl: Type.Optional(Type.String({ minLength: 1 })),
  /** `enable_team_member_deprecation`: human roles no team names any more lose LOGIN and get this suffix. */
  deprecationSuffix: Type.Optional(Type.String({ minLength: 1 })),
});
export type SetupHumans = Static<typeof SetupHumans>;

export const SetupState = Type.Object({
  cluster: Type.String(),
  passwordEncryption: Type.Union([Type.Literal('scram-sha-256'), Type.Literal('md5')]),
  roles: Type.Array(SetupRole),
  databases: Type.Array(Type.Object({ name: Name, owner: Name })),
  preparedDatabases: Type.Array(SetupPreparedDatabase),
  pooler: Type.Optional(Type.Object({ schema: Name, user: Name })),
  humans: Type.Optional(SetupHumans),
  /** Where the Job records its Events (`setup_service_account_name` set): the postgresql object's namespace and uid. */
  events: Type.Optional(Type.Object({ namespace: Type.String({ minLength: 1 }), parentUid: Type.String({ minLength: 1 }) })),
});
export type SetupState = Static<typeof SetupState>;
