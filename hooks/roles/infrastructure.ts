// Infrastructure roles: operator-wide login roles whose names and passwords live in Secrets named by
// the configuration (the templated `user1/password1/inrole1` form and the per-role key form), with an
// optional same-named ConfigMap describing flags, memberships and parameters. The Secrets reach the
// hook as related objects, their fields already checked (observed-shape.ts); the YAML descriptions
// inside them are checked here. One that cannot be read stops the update rather than dropping its
// role (which would delete the role's Secret), and is named by its place only: a description in a
// Secret holds a password, which YAML parse errors would quote.
import type { IConfigMap } from 'kubernetes-models/v1/ConfigMap';
import type { ISecret } from 'kubernetes-models/v1/Secret';
import { parseDocument } from 'yaml';
import type { InfrastructureRoleSource, OperatorConfig } from '../../schemas/config.js';
import { ChildKind } from '../names.js';
import type { Observed } from '../observed.js';
import { describeProblems, fieldPath, fields, isMap, listOf, mapOf, text, type Identity } from '../observed-shape.js';
import { resolveName, type NamespacedName } from '../pod/pod-environment.js';

export interface InfrastructureRole {
  name: string;
  password: string;
  flags: string[];
  memberOf: string[];
  parameters: Record<string, string>;
}

export interface InfrastructureSource extends InfrastructureRoleSource { secret: NamespacedName }

export interface InfrastructureResult {
  roles: InfrastructureRole[];
  missing: string[];
  warnings: string[];
  /** Descriptions that cannot be read, by object and key. */
  unreadable: string[];
}

/** Every configured source, bare Secret names resolved in the operator's namespace. */
export function infrastructureSources(config: OperatorConfig): InfrastructureSource[] {
  const sources: InfrastructureSource[] = config.infrastructure_roles_secrets.map((s) => ({ ...s, secret: resolveName(s.secretname, config.operator_namespace) }));
  if (config.infrastructure_roles_secret_name) {
    sources.push({
      secretname: config.infrastructure_roles_secret_name,
      userkey: 'user', passwordkey: 'password', rolekey: 'inrole', template: true,
      secret: resolveName(config.infrastructure_roles_secret_name, config.operator_namespace),
    });
  }
  return sources;
}

function decode(data: Record<string, string> | undefined): Record<string, string> {
  return Object.fromEntries(Object.entries(data ?? {}).map(([k, v]) => [k, Buffer.from(v, 'base64').toString('utf8')]));
}

interface Description { name?: string; password?: string; user_flags?: string[]; inrole?: string[]; db_parameters?: Record<string, string> }

const DESCRIPTION = fields({ name: text, password: text, user_flags: listOf(text), inrole: listOf(text), db_parameters: mapOf(text) });

/** Maps whose keys are not all strings stay JS Maps, which the shape check refuses (toJS would print such keys in a warning). */
function plain(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(plain);
  if (!(value instanceof Map)) return value;
  const entries = [...value].map(([key, item]): [unknown, unknown] => [key, plain(item)]);
  return entries.every(([key]) => typeof key === 'string') ? Object.fromEntries(entries) : value;
}

/**
 * The role description at `data.<key>` of `object`, or undefined after naming what makes it
 * unreadable. The failsafe schema reads every scalar as a string, as Zalando's Go YAML decoder does
 * for string fields.
 */
function describe(yaml: string, object: Identity, key: string, unreadable: string[]): Description | undefined {
  const path = fieldPath('data', key);
  const problems: string[] = [];
  let parsed: unknown;
  try {
    const document = parseDocument(yaml, { schema: 'failsafe' });
    if (document.errors.length > 0) problems.push(`${path} must be a YAML role description`);
    else parsed = plain(document.toJS({ mapAsMap: true }));
  } catch {
    problems.push(`${path} must be a YAML role description`);
  }
  if (problems.length === 0 && parsed !== null && parsed !== undefined) DESCRIPTION(parsed, path, problems);
  if (problems.length > 0) {
    unreadable.push(describeProblems(object, problems));
    return undefined;
  }
  return isMap(parsed) ? (parsed as Description) : {};
}

function fromDescription(name: string, password: string, d: Description): InfrastructureRole {
  return { name, password, flags: d.user_flags ?? [], memberOf: d.inrole ?? [], parameters: d.db_parameters ?? {} };
}

function templated(data: Record<string, string>): InfrastructureRole[] {
  const roles: InfrastructureRole[] = [];
  for (let i = 1; data[`user${i}`] !== undefined; i += 1) {
    const name = data[`user${i}`] as string;
    const password = data[`password${i}`] ?? '';
    if (name !== '' && password !== '') {
      roles.push({ name, password, flags: [], memberOf: data[`inrole${i}`] ? [data[`inrole${i}`] as string] : [], parameters: {} });
    }
  }
  return roles;
}

function single(source: InfrastructureSource, secret: ISecret, data: Record<string, string>, unreadable: string[]): InfrastructureRole[] {
  const details = source.details ? data[source.details] : undefined;
  if (source.details && details !== undefined) {
    const d = describe(details, secret, source.details, unreadable);
    return d?.name && d.password ? [fromDescription(d.name, d.password, d)] : [];
  }
  const name = (source.userkey ? data[source.userkey] : undefined) || source.defaultuservalue || '';
  const password = data[source.passwordkey] ?? '';
  const inrole = (source.rolekey ? data[source.rolekey] : undefined) || source.defaultrolevalue || '';
  return name && password ? [{ name, password, flags: [], memberOf: inrole ? [inrole] : [], parameters: {} }] : [];
}

export function infrastructureRoles(config: OperatorConfig, observed: Observed): InfrastructureResult {
  const result: InfrastructureResult = { roles: [], missing: [], warnings: [], unreadable: [] };
  const byName = new Map<string, InfrastructureRole>();
  for (const source of infrastructureSources(config)) {
    const secret = observed.related<ISecret>(ChildKind.Secret, source.secret.namespace, source.secret.name);
    if (!secret) {
      result.missing.push(`Secret ${source.secret.namespace}/${source.secret.name} (infrastructure roles)`);
      continue;
    }
    const data = decode(secret.data);
    const roles = source.template ? templated(data) : single(source, secret, data, result.unreadable);
    const details = observed.related<IConfigMap>(ChildKind.ConfigMap, source.secret.namespace, source.secret.name);
    for (const [name, yaml] of Object.entries(details?.data ?? {}).sort(([a], [b]) => a.localeCompare(b))) {
      const description = describe(yaml, details as IConfigMap, name, result.unreadable);
      const password = data[name];
      if (!description) continue;
      if (!password) {
        result.warnings.push(`infrastructure role ${name} has no password in Secret ${source.secret.name} and is ignored`);
        continue;
      }
      roles.push(fromDescription(name, password, description));
    }
    for (const r of roles) byName.set(r.name, r);
  }
  result.roles = [...byName.values()];
  return result;
}
