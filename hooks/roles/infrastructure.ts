// Infrastructure roles: operator-wide login roles whose names and passwords live in Secrets named by
// the configuration (the templated `user1/password1/inrole1` form and the per-role key form), with an
// optional same-named ConfigMap describing flags, memberships and parameters. The Secrets reach the
// hook as related objects.
import type { IConfigMap } from 'kubernetes-models/v1/ConfigMap';
import type { ISecret } from 'kubernetes-models/v1/Secret';
import { parse as parseYaml } from 'yaml';
import type { InfrastructureRoleSource, OperatorConfig } from '../../schemas/config.js';
import { ChildKind } from '../names.js';
import type { Observed } from '../observed.js';
import { resolveName, type NamespacedName } from '../pod/pod-environment.js';

export interface InfrastructureRole {
  name: string;
  password: string;
  flags: string[];
  memberOf: string[];
  parameters: Record<string, string>;
}

export interface InfrastructureSource extends InfrastructureRoleSource { secret: NamespacedName }

export interface InfrastructureResult { roles: InfrastructureRole[]; missing: string[]; warnings: string[] }

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

interface Description { user_flags?: string[]; inrole?: string[]; db_parameters?: Record<string, string> }

function describe(text: string): Description {
  const parsed = parseYaml(text) as Description | null;
  return parsed ?? {};
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

function single(source: InfrastructureSource, data: Record<string, string>): InfrastructureRole[] {
  if (source.details && data[source.details] !== undefined) {
    const d = describe(data[source.details] as string) as Description & { name?: string; password?: string };
    return d.name && d.password ? [fromDescription(d.name, d.password, d)] : [];
  }
  const name = (source.userkey ? data[source.userkey] : undefined) || source.defaultuservalue || '';
  const password = data[source.passwordkey] ?? '';
  const inrole = (source.rolekey ? data[source.rolekey] : undefined) || source.defaultrolevalue || '';
  return name && password ? [{ name, password, flags: [], memberOf: inrole ? [inrole] : [], parameters: {} }] : [];
}

export function infrastructureRoles(config: OperatorConfig, observed: Observed): InfrastructureResult {
  const result: InfrastructureResult = { roles: [], missing: [], warnings: [] };
  const byName = new Map<string, InfrastructureRole>();
  for (const source of infrastructureSources(config)) {
    const secret = observed.related<ISecret>(ChildKind.Secret, source.secret.namespace, source.secret.name);
    if (!secret) {
      result.missing.push(`Secret ${source.secret.namespace}/${source.secret.name} (infrastructure roles)`);
      continue;
    }
    const data = decode(secret.data);
    const roles = source.template ? templated(data) : single(source, data);
    const details = observed.related<IConfigMap>(ChildKind.ConfigMap, source.secret.namespace, source.secret.name);
    for (const [name, text] of Object.entries(details?.data ?? {}).sort(([a], [b]) => a.localeCompare(b))) {
      const password = data[name];
      if (!password) {
        result.warnings.push(`infrastructure role ${name} has no password in Secret ${source.secret.name} and is ignored`);
        continue;
      }
      try {
        roles.push(fromDescription(name, password, describe(text)));
      } catch (error) {
        result.warnings.push(`infrastructure role ${name}: its description in ConfigMap ${source.secret.name} is not YAML (${(error as Error).message})`);
      }
    }
    for (const r of roles) byName.set(r.name, r);
  }
  result.roles = [...byName.values()];
  return result;
}
