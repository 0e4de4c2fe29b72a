// Checks a parent before anything is generated. Every violation is reported with its field path;
// one bad field never hides another.
import { Compile } from 'typebox/compile';
import type { OperatorConfig } from '../schemas/config.js';
import { PostgresSpec } from '../schemas/postgresql.js';
import {
  CIDR, CPU_QUANTITY, CRON_SCHEDULE, DNS1035_LABEL, MAINTENANCE_WINDOW, MEMORY_QUANTITY, RFC3339_WITH_OFFSET, SQL_NAME,
  USERNAME, UUID,
} from '../schemas/patterns.js';
import type { ParentEnvelope } from '../schemas/hook.js';

const checkSpec = Compile(PostgresSpec);

const PATTERN_NAMES: Record<string, string> = {
  [CPU_QUANTITY]: 'a CPU quantity such as 500m or 1.5',
  [MEMORY_QUANTITY]: 'a quantity such as 512Mi or 10Gi',
  [CIDR]: 'an IPv4 or IPv6 CIDR such as 10.0.0.0/8',
  [CRON_SCHEDULE]: 'a five-field cron schedule such as "30 00 * * *"',
  [RFC3339_WITH_OFFSET]: 'an RFC 3339 time with a numeric UTC offset such as 2024-01-31T12:00:00+00:00',
  [MAINTENANCE_WINDOW]: 'a window such as "Sat:22:00-23:59" or "01:00-06:00"',
  [UUID]: 'a UUID',
};

/** Longest cluster name whose StatefulSet pods still get a valid controller-revision-hash label. */
export const MAX_CLUSTER_NAME_LENGTH = 52;

export interface Violation { path: string; message: string }

function describe(error: { instancePath: string; message: string; keyword: string; params: unknown }): Violation {
  const path = ['spec', ...error.instancePath.split('/').filter(Boolean).map((p) => p.replaceAll('~1', '/').replaceAll('~0', '~'))].join('.');
  const pattern = (error.params as { pattern?: string }).pattern;
  if (error.keyword === 'pattern' && pattern && PATTERN_NAMES[pattern]) return { path, message: `must be ${PATTERN_NAMES[pattern]}` };
  if (error.keyword === 'required') {
    const missing = (error.params as { requiredProperties?: string[] }).requiredProperties;
    if (missing?.length === 1) return { path: `${path}.${missing[0]}`, message: 'is required' };
  }
  return { path, message: error.message };
}

function schemaViolations(spec: unknown): Violation[] {
  if (typeof spec !== 'object' || spec === null || Array.isArray(spec)) return [{ path: 'spec', message: 'must be an object' }];
  const seen = new Set<string>();
  const violations: Violation[] = [];
  for (const error of checkSpec.Errors(spec)) {
    // The standby rule fails as one anyOf plus one required per member; say it once, plainly.
    if (error.keyword === 'anyOf' && error.instancePath.startsWith('/standby')) {
      violations.push({ path: 'spec.standby', message: 'needs s3_wal_path, gs_wal_path or standby_host' });
      continue;
    }
    if (error.keyword === 'not' && error.instancePath.startsWith('/standby')) {
      violations.push({ path: 'spec.standby', message: 's3_wal_path and gs_wal_path exclude each other' });
      continue;
    }
    if (error.instancePath.startsWith('/standby') && error.keyword === 'required') continue;
    // A nullable field fails as "must be null" plus "must match a schema in anyOf" beside the real reason.
    if ((error.keyword === 'type' && (error.params as { type?: string }).type === 'null') || error.keyword === 'anyOf') continue;
    const violation = describe(error as never);
    const key = `${violation.path}: ${violation.message}`;
    if (!seen.has(key)) {
      seen.add(key);
      violations.push(violation);
    }
  }
  return violations;
}

function nameViolations(parent: ParentEnvelope, spec: PostgresSpec, config: OperatorConfig): Violation[] {
  const name = parent.metadata.name;
  const violations: Violation[] = [];
  if (!new RegExp(DNS1035_LABEL).test(name)) {
    violations.push({ path: 'metadata.name', message: 'must be a DNS-1035 label (lower-case letters, digits and "-", starting with a letter) because it names the Services' });
  }
  if (name.length > MAX_CLUSTER_NAME_LENGTH) {
    violations.push({ path: 'metadata.name', message: `must be at most ${MAX_CLUSTER_NAME_LENGTH} characters (StatefulSet pods label themselves with the name plus a revision hash); it has ${name.length}` });
  }
  if (config.enable_team_id_clustername_prefix) {
    const team = spec.teamId;
    if (team === '') violations.push({ path: 'spec.teamId', message: 'must not be empty when enable_team_id_clustername_prefix is on' });
    else if (!name.toLowerCase().startsWith(`${team.toLowerCase()}-`) || name.length < team.length + 2) {
      violations.push({ path: 'metadata.name', message: `must start with the team id followed by a dash ("${team}-…") because enable_team_id_clustername_prefix is on` });
    }
  }
  return violations;
}

const FLAG_PAIRS = ['superuser', 'inherit', 'login', 'createrole', 'createdb', 'replication', 'bypassrls'];

function userViolations(spec: PostgresSpec): Violation[] {
  const violations: Violation[] = [];
  const username = new RegExp(USERNAME);
  for (const [user, flags] of Object.entries(spec.users ?? {})) {
    if (!username.test(user)) {
      violations.push({ path: `spec.users.${user}`, message: 'is not a valid role name (lower-case letters, digits, "-" and "_", dot-separated parts)' });
    }
    const lower = new Set((flags ?? []).map((f) => f.toLowerCase()));
    for (const flag of FLAG_PAIRS) {
      if (lower.has(flag) && lower.has(`no${flag}`)) {
        violations.push({ path: `spec.users.${user}`, message: `sets both ${flag.toUpperCase()} and NO${flag.toUpperCase()}` });
      }
    }
  }
  return violations;
}

function databaseViolations(spec: PostgresSpec): Violation[] {
  const violations: Violation[] = [];
  const sqlName = new RegExp(SQL_NAME);
  const sqlNameRule = 'must start with a letter or "_" and contain only letters, digits and "_"';
  for (const [database, owner] of Object.entries(spec.databases ?? {})) {
    if (!sqlName.test(database)) violations.push({ path: `spec.databases.${database}`, message: `database name ${sqlNameRule}` });
    if (owner === '') violations.push({ path: `spec.databases.${database}`, message: 'needs an owner' });
  }
  for (const [database, prepared] of Object.entries(spec.preparedDatabases ?? {})) {
    if (!sqlName.test(database)) violations.push({ path: `spec.preparedDatabases.${database}`, message: `database name ${sqlNameRule}` });
    for (const schema of Object.keys(prepared.schemas ?? {})) {
      if (!sqlName.test(schema)) violations.push({ path: `spec.preparedDatabases.${database}.schemas.${schema}`, message: `schema name ${sqlNameRule}` });
    }
    for (const [extension, schema] of Object.entries(prepared.extensions ?? {})) {
      if (!sqlName.test(extension)) violations.push({ path: `spec.preparedDatabases.${database}.extensions.${extension}`, message: `extension name ${sqlNameRule}` });
      if (!sqlName.test(schema)) violations.push({ path: `spec.preparedDatabases.${database}.extensions.${extension}`, message: `schema name ${sqlNameRule}` });
    }
  }
  return violations;
}

function featureViolations(spec: PostgresSpec, config: OperatorConfig): Violation[] {
  const violations: Violation[] = [];
  if ((spec.sidecars?.length ?? 0) > 0 && !config.enable_sidecars) {
    violations.push({ path: 'spec.sidecars', message: 'sidecars are disabled in the operator configuration (enable_sidecars: false)' });
  }
  if ((spec.initContainers?.length ?? 0) > 0 && !config.enable_init_containers) {
    violations.push({ path: 'spec.initContainers', message: 'init containers are disabled in the operator configuration (enable_init_containers: false)' });
  }
  const clone = spec.clone;
  if (clone && clone.cluster !== '' && !clone.timestamp && (!new RegExp(DNS1035_LABEL).test(clone.cluster) || clone.cluster.length > 63)) {
    violations.push({ path: 'spec.clone.cluster', message: 'must be the name of a running cluster in this namespace (a DNS-1035 label of at most 63 characters)' });
  }
  (spec.sidecars ?? []).forEach((sidecar, index) => {
    if (sidecar.name === 'postgres') violations.push({ path: `spec.sidecars.${index}.name`, message: 'must not be "postgres", the name of the database container' });
  });
  return violations;
}

/** Every problem of the parent; an empty list means the spec can be acted on. */
export function validateParent(parent: ParentEnvelope, config: OperatorConfig): Violation[] {
  const schema = schemaViolations(parent.spec);
  if (schema.length > 0) return [...nameViolations(parent, { teamId: '' } as PostgresSpec, { ...config, enable_team_id_clustername_prefix: false }), ...schema];
  const spec = parent.spec as PostgresSpec;
  return [
    ...nameViolations(parent, spec, config),
    ...userViolations(spec),
    ...databaseViolations(spec),
    ...featureViolations(spec, config),
  ];
}

export function formatViolations(violations: Violation[]): string {
  return violations.map((v) => `${v.path}: ${v.message}`).join('; ');
}
