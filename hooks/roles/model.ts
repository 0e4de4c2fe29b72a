// The roles a cluster should have: system users, infrastructure roles, prepared-database roles and
// manifest users, merged by Zalando's origin priority (zalando-objects.md §4.2, §4.4). Pure; the
// Secrets and the setup Job both derive from it.
import type { OperatorConfig } from '../../schemas/config.js';
import type { PostgresSpec } from '../../schemas/postgresql.js';
import { clusterDigest, type Cluster } from '../cluster.js';
import { memo } from '../memo.js';
import { normalizeFlags } from './flags.js';
import type { InfrastructureRole } from './infrastructure.js';

/**
 * Later origins win a name conflict (Zalando: manifest < infrastructure < teams < system < bootstrap < pooler < stream).
 * `monitoring` (ours: the postgres_exporter's role) ranks with the system users.
 */
export const ORIGIN_PRIORITY = ['manifest', 'infrastructure', 'system', 'monitoring', 'bootstrap', 'pooler', 'stream'] as const;
export type RoleOrigin = (typeof ORIGIN_PRIORITY)[number];

export interface Role {
  name: string;
  origin: RoleOrigin;
  /** Attribute keywords as Postgres takes them, e.g. LOGIN, CREATEDB, NOLOGIN. */
  flags: string[];
  memberOf: string[];
  adminRole?: string | undefined;
  parameters: Record<string, string>;
  isDbOwner: boolean;
  /** Namespace of the role's Secret. */
  namespace: string;
  /** Only infrastructure roles bring their password; the others get theirs from their Secret. */
  password?: string | undefined;
  /** The role logs in with a password and therefore has a credential Secret. */
  hasSecret: boolean;
}

export interface RoleModel { roles: Role[]; warnings: string[] }

export function isPoolerEnabled(spec: PostgresSpec, role: 'master' | 'replica'): boolean {
  if (role === 'replica') return spec.enableReplicaConnectionPooler === true;
  return spec.enableConnectionPooler ?? spec.connectionPooler !== undefined;
}

export function anyPoolerEnabled(spec: PostgresSpec): boolean {
  return isPoolerEnabled(spec, 'master') || isPoolerEnabled(spec, 'replica');
}

/** The exporter's login role, when the exporter runs. */
export function monitoringUserName(config: OperatorConfig): string | undefined {
  return config.enable_postgres_exporter ? config.postgres_exporter_user : undefined;
}

/** System users (the exporter's included) and `protected_role_names`: no manifest user, team member or pooler user takes these. */
export function reservedRoleNames(config: OperatorConfig): string[] {
  const monitoring = monitoringUserName(config);
  return [...new Set([config.super_username, config.replication_username, ...(monitoring ? [monitoring] : []), ...config.protected_role_names])].sort();
}

export function isReserved(name: string, config: OperatorConfig): boolean {
  return reservedRoleNames(config).includes(name);
}

/** The pooler's login role: the manifest's choice unless it is a system or protected name. */
export function poolerUserName(spec: PostgresSpec, config: OperatorConfig): string {
  const wanted = spec.connectionPooler?.user;
  return wanted && !isReserved(wanted, config) ? wanted : config.connection_pooler_user;
}

function role(partial: Partial<Role> & Pick<Role, 'name' | 'origin' | 'namespace'>): Role {
  const flags = partial.flags ?? [];
  return {
    memberOf: [],
    parameters: {},
    isDbOwner: false,
    ...partial,
    flags,
    hasSecret: partial.hasSecret ?? !flags.includes('NOLOGIN'),
  };
}

function systemRoles(cluster: Cluster, config: OperatorConfig): Role[] {
  const namespace = cluster.namespace;
  const roles = [
    role({ name: config.super_username, origin: 'system', namespace, flags: [] }),
    role({ name: config.replication_username, origin: 'system', namespace, flags: ['LOGIN'] }),
  ];
  if (anyPoolerEnabled(cluster.spec)) {
    roles.push(role({ name: poolerUserName(cluster.spec, config), origin: 'pooler', namespace, flags: ['LOGIN'] }));
  }
  const monitoring = monitoringUserName(config);
  // Reads statistics only: pg_monitor, and no privilege on any application table.
  if (monitoring) roles.push(role({ name: monitoring, origin: 'monitoring', namespace, flags: ['LOGIN'], memberOf: ['pg_monitor'] }));
  if ((cluster.spec.streams?.length ?? 0) > 0) roles.push(role({ name: 'fes_user', origin: 'stream', namespace, flags: ['LOGIN', 'REPLICATION'] }));
  return roles;
}

function searchPath(schemas: string[]): string {
  return ['"$user"', ...schemas.map((s) => `"${s}"`)].join(', ');
}

/** Owner/reader/writer roles for a database or schema prefix, plus the `_user` LOGIN variants. */
function defaultRoles(prefix: string, ownerAdmin: string, withUsers: boolean, path: string, namespace: string): Role[] {
  const owner = `${prefix}_owner`;
  const reader = `${prefix}_reader`;
  const writer = `${prefix}_writer`;
  const parameters = { search_path: path };
  const groups = [
    role({ name: owner, origin: 'bootstrap', namespace, flags: ['NOLOGIN'], adminRole: ownerAdmin, isDbOwner: true, parameters }),
    role({ name: reader, origin: 'bootstrap', namespace, flags: ['NOLOGIN'], adminRole: owner, parameters }),
    role({ name: writer, origin: 'bootstrap', namespace, flags: ['NOLOGIN'], memberOf: [reader], adminRole: owner, parameters }),
  ];
  if (!withUsers) return groups;
  return [
    ...groups,
    role({ name: `${owner}_user`, origin: 'bootstrap', namespace, flags: ['LOGIN'], memberOf: [owner], adminRole: ownerAdmin, isDbOwner: true, parameters }),
    role({ name: `${reader}_user`, origin: 'bootstrap', namespace, flags: ['LOGIN'], memberOf: [reader], adminRole: owner, parameters }),
    role({ name: `${writer}_user`, origin: 'bootstrap', namespace, flags: ['LOGIN'], memberOf: [writer], adminRole: owner, parameters }),
  ];
}

/** Prepared databases with their schemas resolved: an empty map means one database named after the cluster. */
export function preparedDatabases(cluster: Cluster): Array<{ name: string; defaultUsers: boolean; schemas: Array<{ name: string; defaultRoles: boolean; defaultUsers: boolean }>; extensions: Record<string, string>; secretNamespace?: string | undefined }> {
  const prepared = cluster.spec.preparedDatabases;
  if (prepared === undefined) return [];
  type Prepared = NonNullable<PostgresSpec['preparedDatabases']>[string];
  const entries: Array<[string, Prepared]> = Object.keys(prepared).length === 0 ? [[cluster.name.replaceAll('-', '_'), {}]] : Object.entries(prepared);
  return entries
    .map(([name, db]) => {
      const declared = Object.entries(db.schemas ?? {});
      const schemas = declared.length === 0
        ? [{ name: 'data', defaultRoles: true, defaultUsers: false }]
        : declared.map(([schema, options]) => ({ name: schema, defaultRoles: options.defaultRoles ?? true, defaultUsers: options.defaultUsers ?? false }));
      return { name, defaultUsers: db.defaultUsers ?? false, schemas: schemas.sort((a, b) => a.name.localeCompare(b.name)), extensions: db.extensions ?? {}, secretNamespace: db.secretNamespace };
    })
    .sort((a, b) => a.name.localeCompare(b.name));
}

function preparedRoles(cluster: Cluster, config: OperatorConfig, warnings: string[]): Role[] {
  const roles: Role[] = [];
  for (const db of preparedDatabases(cluster)) {
    let namespace = cluster.namespace;
    if (db.secretNamespace) {
      if (config.enable_cross_namespace_secret) namespace = db.secretNamespace;
      else warnings.push(`spec.preparedDatabases.${db.name}.secretNamespace is ignored: enable_cross_namespace_secret is off`);
    }
    const path = searchPath(db.schemas.map((s) => s.name));
    roles.push(...defaultRoles(db.name, 'admin', db.defaultUsers, path, namespace));
    for (const schema of db.schemas) {
      if (!schema.defaultRoles) continue;
      roles.push(...defaultRoles(`${db.name}_${schema.name}`, `${db.name}_owner`, schema.defaultUsers, searchPath([schema.name]), namespace));
    }
  }
  return roles;
}

function manifestRoles(cluster: Cluster, config: OperatorConfig, warnings: string[]): Role[] {
  const owners = new Set(Object.values(cluster.spec.databases ?? {}));
  const roles: Role[] = [];
  for (const [name, flags] of Object.entries(cluster.spec.users ?? {}).sort(([a], [b]) => a.localeCompare(b))) {
    if (isReserved(name, config)) {
      warnings.push(`spec.users.${name} is ignored: it is a system or protected role name`);
      continue;
    }
    let namespace = cluster.namespace;
    if (config.enable_cross_namespace_secret && name.includes('.')) namespace = name.slice(0, name.indexOf('.'));
    roles.push(role({
      name,
      origin: 'manifest',
      namespace,
      flags: normalizeFlags(flags),
      adminRole: config.enable_admin_role_for_users ? config.team_admin_role : undefined,
      isDbOwner: owners.has(name),
      // Zalando gives every manifest user a Secret, even one declared NOLOGIN.
      hasSecret: true,
    }));
  }
  return roles;
}

function infrastructureRoles(cluster: Cluster, infrastructure: InfrastructureRole[]): Role[] {
  return infrastructure.map((r) => role({
    name: r.name,
    origin: 'infrastructure',
    namespace: cluster.namespace,
    flags: normalizeFlags(r.flags),
    memberOf: r.memberOf,
    parameters: r.parameters,
    password: r.password,
    hasSecret: true,
  }));
}

interface SpecRoles { manifest: Role[]; system: Role[]; prepared: Role[]; warnings: string[] }

/** The roles of specs seen lately that come from the spec and the configuration alone. */
const rememberedSpecRoles = memo<SpecRoles>(256);

function specRoles(cluster: Cluster, config: OperatorConfig): SpecRoles {
  return rememberedSpecRoles(config, clusterDigest(cluster), () => {
    const warnings: string[] = [];
    const manifest = manifestRoles(cluster, config, warnings);
    return { manifest, system: systemRoles(cluster, config), prepared: preparedRoles(cluster, config, warnings), warnings };
  });
}

export function roleModel(cluster: Cluster, config: OperatorConfig, infrastructure: InfrastructureRole[] = []): RoleModel {
  const fromSpec = specRoles(cluster, config);
  const warnings = [...fromSpec.warnings];
  const candidates = [...fromSpec.manifest, ...infrastructureRoles(cluster, infrastructure), ...fromSpec.system, ...fromSpec.prepared];
  const byName = new Map<string, Role>();
  for (const candidate of candidates) {
    const existing = byName.get(candidate.name);
    if (existing && ORIGIN_PRIORITY.indexOf(existing.origin) > ORIGIN_PRIORITY.indexOf(candidate.origin)) continue;
    if (existing) warnings.push(`role ${candidate.name} is defined twice (${existing.origin} and ${candidate.origin}); the ${candidate.origin} definition wins`);
    byName.set(candidate.name, candidate);
  }
  const additional = config.additional_owner_roles;
  const roles = [...byName.values()].map((r) =>
    r.isDbOwner && additional.length > 0 ? { ...r, memberOf: [...new Set([...r.memberOf, ...additional])] } : r,
  );
  return { roles, warnings };
}
