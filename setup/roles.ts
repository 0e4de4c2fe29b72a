// Roles: create what is missing, add missing attributes, memberships, admin grants, parameters and
// changed passwords. Nothing is ever dropped or taken away (zalando-objects.md §8.2).
import type pg from 'pg';
import type { SetupRole, SetupState } from '../schemas/setup-state.js';
import { verifier, verifies } from './password.js';
import type { Report } from './report.js';
import { ident, identList, literal, parseIdentList } from './sql.js';
import { inTransaction, type SensitiveStatement } from './transaction.js';

const ATTRIBUTE_COLUMNS = {
  SUPERUSER: 'rolsuper', CREATEDB: 'rolcreatedb', CREATEROLE: 'rolcreaterole', INHERIT: 'rolinherit',
  LOGIN: 'rolcanlogin', REPLICATION: 'rolreplication', BYPASSRLS: 'rolbypassrls',
} as const;
type Attribute = keyof typeof ATTRIBUTE_COLUMNS;

/** A role the run reconciles: one of the state's, or a human role the Job made up, marked by its comment. */
export type DesiredRole = SetupRole & { comment?: string };

interface ExistingRole {
  attributes: Record<Attribute, boolean>;
  comment: string | null;
  password: string | null;
  validUntil: Date | null;
  memberOf: Set<string>;
  adminsOfRole: Set<string>;
  settings: Map<string, string>;
}

async function readRoles(client: pg.Client, names: string[]): Promise<Map<string, ExistingRole>> {
  const roles = new Map<string, ExistingRole>();
  const { rows } = await client.query(
    `SELECT rolname, rolsuper, rolcreatedb, rolcreaterole, rolinherit, rolcanlogin, rolreplication, rolbypassrls,
            rolpassword, rolvaliduntil, pg_catalog.shobj_description(oid, 'pg_authid') AS comment
       FROM pg_catalog.pg_authid WHERE rolname = ANY($1)`, [names]);
  for (const row of rows) {
    const attributes = Object.fromEntries(Object.entries(ATTRIBUTE_COLUMNS).map(([flag, column]) => [flag, row[column] === true])) as Record<Attribute, boolean>;
    roles.set(row.rolname, { attributes, comment: row.comment, password: row.rolpassword, validUntil: row.rolvaliduntil, memberOf: new Set(), adminsOfRole: new Set(), settings: new Map() });
  }
  const members = await client.query(
    `SELECT m.rolname AS member, g.rolname AS grp, am.admin_option FROM pg_catalog.pg_auth_members am
       JOIN pg_catalog.pg_roles m ON m.oid = am.member JOIN pg_catalog.pg_roles g ON g.oid = am.roleid
      WHERE m.rolname = ANY($1) OR g.rolname = ANY($1)`, [names]);
  for (const row of members.rows) {
    roles.get(row.member)?.memberOf.add(row.grp);
    if (row.admin_option) roles.get(row.grp)?.adminsOfRole.add(row.member);
  }
  const settings = await client.query(
    `SELECT r.rolname, s.setconfig FROM pg_catalog.pg_db_role_setting s JOIN pg_catalog.pg_roles r ON r.oid = s.setrole
      WHERE s.setdatabase = 0 AND r.rolname = ANY($1)`, [names]);
  for (const row of settings.rows) {
    for (const entry of row.setconfig as string[]) {
      const at = entry.indexOf('=');
      roles.get(row.rolname)?.settings.set(entry.slice(0, at), entry.slice(at + 1));
    }
  }
  return roles;
}

/** Zalando's value rules: search_path is a list of names; other values lose one pair of surrounding quotes. */
function settingValue(key: string, value: string): { sql: string; matches: (stored: string | undefined) => boolean } {
  if (key === 'search_path') {
    const items = parseIdentList(value.replace(/^'(.*)'$/s, '$1'));
    return { sql: identList(items), matches: (stored) => stored !== undefined && JSON.stringify(parseIdentList(stored)) === JSON.stringify(items) };
  }
  const plain = /^(['"])(.*)\1$/s.exec(value.trim())?.[2] ?? value.trim();
  return { sql: literal(plain), matches: (stored) => stored === plain };
}

/** Groups and admins before the roles that name them, so one pass creates everything. */
function dependencyOrder(roles: DesiredRole[]): DesiredRole[] {
  const byName = new Map(roles.map((r) => [r.name, r]));
  const ordered: DesiredRole[] = [];
  const visiting = new Set<string>();
  const done = new Set<string>();
  const visit = (role: DesiredRole) => {
    if (done.has(role.name) || visiting.has(role.name)) return;
    visiting.add(role.name);
    for (const dep of [...role.memberOf, ...(role.adminRole ? [role.adminRole] : [])]) {
      const target = byName.get(dep);
      if (target) visit(target);
    }
    visiting.delete(role.name);
    done.add(role.name);
    ordered.push(role);
  };
  roles.forEach(visit);
  return ordered;
}

function validUntilChanged(wanted: string | undefined, current: Date | null): boolean {
  if (wanted === undefined) return false;
  return current === null || current.getTime() !== Date.parse(wanted);
}

/** `problems` make the role's outcome a failure (a group or admin that does not exist); `notes` are only said. */
interface RolePlan { statements: SensitiveStatement[]; changes: string[]; notes: string[]; problems: string[] }

function commentOn(role: DesiredRole): SensitiveStatement {
  return { sql: `COMMENT ON ROLE ${ident(role.name)} IS ${literal(role.comment ?? '')}` };
}

function planCreate(role: DesiredRole, password: string | undefined, state: SetupState, available: (name: string) => boolean): RolePlan {
  const groups = role.memberOf.filter(available);
  const admin = role.adminRole && available(role.adminRole) ? role.adminRole : undefined;
  const parts = [`CREATE ROLE ${ident(role.name)}`, ...role.flags];
  if (groups.length > 0) parts.push(`IN ROLE ${identList(groups)}`);
  if (admin) parts.push(`ADMIN ${ident(admin)}`);
  parts.push(password === undefined ? 'PASSWORD NULL' : `PASSWORD ${literal(verifier(password, role.name, state.passwordEncryption))}`);
  if (role.validUntil) parts.push(`VALID UNTIL ${literal(role.validUntil)}`);
  const statements: SensitiveStatement[] = [{ sql: parts.join(' '), sensitive: password !== undefined }];
  for (const [key, value] of Object.entries(role.parameters)) {
    statements.push({ sql: `ALTER ROLE ${ident(role.name)} SET ${key} TO ${settingValue(key, value).sql}` });
  }
  if (role.comment !== undefined) statements.push(commentOn(role));
  const missing = [...role.memberOf, ...(role.adminRole ? [role.adminRole] : [])].filter((name) => !available(name));
  return { statements, changes: ['created'], notes: [], problems: missing.map((name) => `role ${name} does not exist, so ${role.name} could not join it`) };
}

function planAlter(role: DesiredRole, current: ExistingRole, password: string | undefined, passwordCurrent: boolean, state: SetupState, available: (name: string) => boolean): RolePlan {
  const name = ident(role.name);
  const statements: SensitiveStatement[] = [];
  const changes: string[] = [];
  const notes: string[] = [];
  const problems: string[] = [];
  const missingFlags = role.flags.filter((flag) => flag in ATTRIBUTE_COLUMNS && !current.attributes[flag as Attribute]);
  if (missingFlags.length > 0) {
    statements.push({ sql: `ALTER ROLE ${name} WITH ${missingFlags.join(' ')}` });
    changes.push(`attributes ${missingFlags.join(' ')}`);
  }
  for (const flag of role.flags.filter((f) => f.startsWith('NO') && current.attributes[f.slice(2) as Attribute])) {
    notes.push(`${flag} is declared but ${flag.slice(2)} is kept: attributes are never removed`);
  }
  if (password !== undefined && !passwordCurrent) {
    statements.push({ sql: `ALTER ROLE ${name} PASSWORD ${literal(verifier(password, role.name, state.passwordEncryption))}`, sensitive: true });
    changes.push('password');
  }
  if (validUntilChanged(role.validUntil, current.validUntil)) {
    statements.push({ sql: `ALTER ROLE ${name} VALID UNTIL ${literal(role.validUntil!)}` });
    changes.push('valid until');
  }
  const groups = role.memberOf.filter((g) => !current.memberOf.has(g));
  for (const group of groups) {
    if (!available(group)) { problems.push(`role ${group} does not exist, so ${role.name} could not join it`); continue; }
    statements.push({ sql: `GRANT ${ident(group)} TO ${name}` });
    changes.push(`member of ${group}`);
  }
  if (role.adminRole && !current.adminsOfRole.has(role.adminRole)) {
    if (!available(role.adminRole)) problems.push(`role ${role.adminRole} does not exist, so it cannot administer ${role.name}`);
    else {
      statements.push({ sql: `GRANT ${name} TO ${ident(role.adminRole)} WITH ADMIN OPTION` });
      changes.push(`administered by ${role.adminRole}`);
    }
  }
  for (const [key, value] of Object.entries(role.parameters)) {
    const setting = settingValue(key, value);
    if (setting.matches(current.settings.get(key))) continue;
    statements.push({ sql: `ALTER ROLE ${name} SET ${key} TO ${setting.sql}` });
    changes.push(`parameter ${key}`);
  }
  if (role.comment !== undefined && role.comment !== current.comment) {
    statements.push(commentOn(role));
    changes.push('comment');
  }
  return { statements, changes, notes, problems };
}

/** The state's roles and `humans` (made up by the Job from the teams' members). */
export async function reconcileRoles(client: pg.Client, state: SetupState, passwords: Map<string, string>, report: Report, humans: DesiredRole[] = []): Promise<void> {
  const roles = [...state.roles, ...humans];
  const referenced = roles.flatMap((r) => [r.name, ...r.memberOf, ...(r.adminRole ? [r.adminRole] : [])]);
  const existing = await readRoles(client, [...new Set(referenced)]);
  const created = new Set<string>();
  const available = (name: string) => existing.has(name) || created.has(name);
  const passwordOf = (role: DesiredRole) => (role.passwordEnv ? passwords.get(role.passwordEnv) : undefined);
  // Every stored password checked at once: one at a time, a thousand SCRAM derivations take seconds.
  const currentPasswords = new Set(await Promise.all(roles.map(async (role) => {
    const password = passwordOf(role);
    const current = existing.get(role.name);
    return password && current && await verifies(current.password, password, role.name, state.passwordEncryption) ? role : undefined;
  })));
  for (const role of dependencyOrder(roles)) {
    const password = passwordOf(role);
    if (role.passwordEnv && !password) {
      report.record({ outcome: 'failed', object: 'role', name: role.name, message: `environment variable ${role.passwordEnv} with its password is empty or missing` });
      continue;
    }
    const current = existing.get(role.name);
    let plan: RolePlan;
    try {
      plan = current ? planAlter(role, current, password, currentPasswords.has(role), state, available) : planCreate(role, password, state, available);
      if (plan.statements.length > 0) await inTransaction(client, plan.statements);
      if (!current) created.add(role.name);
    } catch (error) {
      report.record({ outcome: 'failed', object: 'role', name: role.name, message: (error as Error).message });
      continue;
    }
    if (plan.problems.length > 0) {
      report.record({ outcome: 'failed', object: 'role', name: role.name, ...(plan.statements.length > 0 ? { changes: plan.changes } : {}), message: [...plan.problems, ...plan.notes].join('; ') });
      continue;
    }
    const outcome = !current ? 'created' : plan.statements.length > 0 ? 'altered' : 'unchanged';
    report.record({ outcome, object: 'role', name: role.name, ...(outcome === 'altered' ? { changes: plan.changes } : {}), ...(plan.notes.length > 0 ? { message: plan.notes.join('; ') } : {}) });
  }
}
