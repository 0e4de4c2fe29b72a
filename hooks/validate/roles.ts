// Users, databases and prepared databases: names PostgreSQL and the setup Job can use.
import type { PostgresSpec } from '../../schemas/postgresql.js';
import { EXTENSION_NAME, SQL_NAME, USERNAME } from '../../schemas/patterns.js';
import type { Violation } from './violation.js';

const FLAG_PAIRS = ['superuser', 'inherit', 'login', 'createrole', 'createdb', 'replication', 'bypassrls'];
const USERNAME_PATTERN = new RegExp(USERNAME);
const SQL_NAME_PATTERN = new RegExp(SQL_NAME);
const EXTENSION_NAME_PATTERN = new RegExp(EXTENSION_NAME);
const SQL_NAME_RULE = 'must start with a letter or "_" and contain only letters, digits and "_"';

export function userViolations(spec: PostgresSpec): Violation[] {
  const violations: Violation[] = [];
  for (const [user, flags] of Object.entries(spec.users ?? {})) {
    if (!USERNAME_PATTERN.test(user)) {
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

export function databaseViolations(spec: PostgresSpec): Violation[] {
  const violations: Violation[] = [];
  for (const [database, owner] of Object.entries(spec.databases ?? {})) {
    if (!SQL_NAME_PATTERN.test(database)) violations.push({ path: `spec.databases.${database}`, message: `database name ${SQL_NAME_RULE}` });
    if (owner === '') violations.push({ path: `spec.databases.${database}`, message: 'needs an owner' });
  }
  for (const [database, prepared] of Object.entries(spec.preparedDatabases ?? {})) {
    if (!SQL_NAME_PATTERN.test(database)) violations.push({ path: `spec.preparedDatabases.${database}`, message: `database name ${SQL_NAME_RULE}` });
    for (const schema of Object.keys(prepared.schemas ?? {})) {
      if (!SQL_NAME_PATTERN.test(schema)) violations.push({ path: `spec.preparedDatabases.${database}.schemas.${schema}`, message: `schema name ${SQL_NAME_RULE}` });
    }
    for (const [extension, schema] of Object.entries(prepared.extensions ?? {})) {
      if (!EXTENSION_NAME_PATTERN.test(extension)) violations.push({ path: `spec.preparedDatabases.${database}.extensions.${extension}`, message: 'extension name must start with a letter or "_" and contain only letters, digits, "_" and "-"' });
      if (!SQL_NAME_PATTERN.test(schema)) violations.push({ path: `spec.preparedDatabases.${database}.extensions.${extension}`, message: `schema name ${SQL_NAME_RULE}` });
    }
  }
  return violations;
}
