// What the setup Job must make true inside PostgreSQL, derived from the role model and the Secrets
// this same call emits (zalando-objects.md §8). Passwords stay in the Secrets: a role that logs in
// names an environment variable, and the Job maps each variable to its Secret's `password` key.
import type { ISecret } from 'kubernetes-models/v1/Secret';
import type { OperatorConfig } from '../schemas/config.js';
import type { SetupHumans, SetupPreparedDatabase, SetupRole, SetupSchema, SetupState } from '../schemas/setup-state.js';
import { unb64 } from './base64.js';
import type { Cluster } from './cluster.js';
import { instanceCount } from './instances.js';
import { isStandby } from './pod/spilo-env.js';
import { names } from './names.js';
import { poolerSettings } from './pooler-settings.js';
import { anyPoolerEnabled, preparedDatabases, type Role } from './roles/model.js';
import { rfc3339, rotationUserDay, rotationUserExpiry } from './roles/rotation.js';

/** A password the Job reads from a Secret into an environment variable. */
export interface PasswordSource { env: string; secretName: string }

export interface DesiredSetup { state: SetupState; passwords: PasswordSource[] }

export function passwordEncryption(cluster: Cluster): SetupState['passwordEncryption'] {
  const value = cluster.spec.postgresql?.parameters?.password_encryption;
  return value === 'md5' || value === 'on' ? 'md5' : 'scram-sha-256';
}

function setupRole(role: Role, passwordEnv: string | undefined): SetupRole {
  return {
    name: role.name,
    flags: role.flags,
    memberOf: role.memberOf,
    ...(role.adminRole ? { adminRole: role.adminRole } : {}),
    parameters: role.parameters,
    ...(passwordEnv ? { passwordEnv } : {}),
  };
}

function roles(cluster: Cluster, config: OperatorConfig, model: Role[], secrets: ISecret[]): { roles: SetupRole[]; passwords: PasswordSource[] } {
  const out: SetupRole[] = [];
  const passwords: PasswordSource[] = [];
  const byName = new Map(secrets.map((s) => [s.metadata?.name, s]));
  // Spilo creates the superuser and the replication user itself from their Secrets.
  for (const role of model.filter((r) => r.origin !== 'system')) {
    const secretName = names.credentialSecret(role.name, cluster.name, config);
    const secret = role.hasSecret ? byName.get(secretName) : undefined;
    const env = secret ? `PGMC_PASSWORD_${passwords.length}` : undefined;
    if (env) passwords.push({ env, secretName });
    const loginName = unb64(secret?.data?.username);
    const rotatedDay = loginName ? rotationUserDay(role.name, loginName) : undefined;
    if (!loginName || !rotatedDay) {
      out.push(setupRole(role, env));
      continue;
    }
    // The Secret names a rotation user: it logs in with the Secret's password as a member of the role.
    out.push(setupRole(role, undefined));
    out.push({
      name: loginName,
      flags: ['LOGIN'],
      memberOf: [role.name],
      parameters: role.parameters,
      ...(env ? { passwordEnv: env } : {}),
      validUntil: rfc3339(rotationUserExpiry(rotatedDay, config)),
    });
  }
  return { roles: out, passwords };
}

/** Reader/writer privileges per schema, applied as the owners Zalando uses (zalando-objects.md §8.4). */
function schemaPrivileges(db: string, schema: ReturnType<typeof preparedDatabases>[number]['schemas'][number], dbOwners: string[]): SetupSchema {
  if (!schema.defaultRoles) {
    return { name: schema.name, owner: `${db}_owner`, privileges: [{ prefix: db, owners: dbOwners }] };
  }
  const prefix = `${db}_${schema.name}`;
  const schemaOwners = [`${prefix}_owner`, ...(schema.defaultUsers ? [`${prefix}_owner_user`] : [])];
  return {
    name: schema.name,
    owner: `${prefix}_owner`,
    privileges: [
      { prefix: db, owners: schemaOwners },
      { prefix, owners: [...dbOwners, ...schemaOwners] },
    ],
  };
}

function prepared(cluster: Cluster): SetupPreparedDatabase[] {
  return preparedDatabases(cluster).map((db) => {
    const owners = [`${db.name}_owner`, ...(db.defaultUsers ? [`${db.name}_owner_user`] : [])];
    return {
      name: db.name,
      owners,
      schemas: db.schemas.map((schema) => schemaPrivileges(db.name, schema, owners)),
      extensions: db.extensions,
    };
  });
}

function databases(cluster: Cluster): SetupState['databases'] {
  const owners = new Map<string, string>();
  for (const db of preparedDatabases(cluster)) owners.set(db.name, `${db.name}_owner`);
  for (const [db, owner] of Object.entries(cluster.spec.databases ?? {})) owners.set(db, owner);
  return [...owners.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([name, owner]) => ({ name, owner }));
}

export function desiredSetup(cluster: Cluster, config: OperatorConfig, model: Role[], secrets: ISecret[], humans?: SetupHumans): DesiredSetup {
  const { roles: setupRoles, passwords } = roles(cluster, config, model, secrets);
  const state: SetupState = {
    cluster: cluster.name,
    passwordEncryption: passwordEncryption(cluster),
    roles: setupRoles,
    databases: databases(cluster),
    preparedDatabases: prepared(cluster),
  };
  if (anyPoolerEnabled(cluster.spec)) {
    const { schema, user } = poolerSettings(cluster, config);
    state.pooler = { schema, user };
  }
  if (humans) state.humans = humans;
  if (config.setup_service_account_name && cluster.uid) state.events = { namespace: cluster.namespace, parentUid: cluster.uid };
  return { state, passwords };
}

/** Why no setup runs for this cluster, or undefined when it should. */
export function setupSkipReason(cluster: Cluster, config: OperatorConfig): string | undefined {
  if (!config.enable_database_access) return 'enable_database_access is off';
  if (isStandby(cluster.spec)) return 'a standby cluster is read-only';
  if (instanceCount(cluster, config) <= 0) return 'the cluster has no instances';
  return undefined;
}
