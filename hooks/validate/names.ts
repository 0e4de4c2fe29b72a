// Names the hooks derive from the manifest: the cluster name and what is built from it, and the
// credential Secret of every role. Each must be a name the API server accepts for its kind.
import type { OperatorConfig } from '../../schemas/config.js';
import type { PostgresSpec } from '../../schemas/postgresql.js';
import { dns1035Label, dns1123Label, dns1123Subdomain } from '../api-rules/identifiers.js';
import type { Cluster } from '../cluster.js';
import { names, type Role } from '../names.js';
import { isPoolerEnabled, roleModel, type Role as DbRole } from '../roles/model.js';
import type { Violation } from './violation.js';

/** Longest cluster name whose StatefulSet pods still get a valid controller-revision-hash label. */
export const MAX_CLUSTER_NAME_LENGTH = 52;

export function clusterNameViolations(name: string, spec: PostgresSpec, config: OperatorConfig): Violation[] {
  const violations: Violation[] = [];
  if (dns1035Label(name).length > 0) {
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

interface DerivedName { name: string; what: string; rule: (value: string) => readonly string[] }

function poolerNames(cluster: string, role: Role): DerivedName[] {
  const pooler = names.pooler(cluster, role);
  return [
    { name: pooler, what: 'the pooler Service (also a label value)', rule: dns1035Label },
    { name: names.poolerAuthSecret(cluster, role), what: 'the pooler auth Secret volume', rule: dns1123Label },
  ];
}

/** Every name built from the cluster name for the features the spec turns on. */
function derivedNames(cluster: string, spec: PostgresSpec, config: OperatorConfig): DerivedName[] {
  const derived: DerivedName[] = [
    { name: names.service(cluster, 'master'), what: 'the master Service', rule: dns1035Label },
    { name: names.service(cluster, 'replica'), what: 'the replica Service', rule: dns1035Label },
    { name: names.primaryPdb(cluster, config), what: 'the PodDisruptionBudget', rule: dns1123Subdomain },
    { name: names.criticalOpPdb(cluster), what: 'the critical-operation PodDisruptionBudget', rule: dns1123Subdomain },
  ];
  if (isPoolerEnabled(spec, 'master')) derived.push(...poolerNames(cluster, 'master'));
  if (isPoolerEnabled(spec, 'replica')) derived.push(...poolerNames(cluster, 'replica'));
  return derived;
}

export function derivedNameViolations(cluster: string, spec: PostgresSpec, config: OperatorConfig): Violation[] {
  return derivedNames(cluster, spec, config).flatMap(({ name, what, rule }) =>
    rule(name).map((reason) => ({ path: 'metadata.name', message: `gives ${what} the name ${JSON.stringify(name)}, which ${reason}` })));
}

/** Where a role comes from in the manifest, for the violation's path. */
function rolePath(role: DbRole, spec: PostgresSpec): string {
  if (role.origin === 'pooler') return 'spec.connectionPooler.user';
  if (role.origin === 'bootstrap') {
    const database = Object.keys(spec.preparedDatabases ?? {}).filter((db) => role.name.startsWith(`${db}_`)).sort((a, b) => b.length - a.length)[0];
    return database === undefined ? 'spec.preparedDatabases' : `spec.preparedDatabases.${database}`;
  }
  return `spec.users.${role.name}`;
}

/** The Secret of every role the manifest brings (secret_name_template) must be a DNS-1123 subdomain. */
export function credentialSecretViolations(cluster: Cluster, config: OperatorConfig): Violation[] {
  const fromManifest = new Set<DbRole['origin']>(['manifest', 'bootstrap', 'pooler']);
  return roleModel(cluster, config).roles
    .filter((role) => role.hasSecret && role.namespace === cluster.namespace && fromManifest.has(role.origin))
    .flatMap((role) => {
      const secret = names.credentialSecret(role.name, cluster.name, config);
      return dns1123Subdomain(secret).map((reason) => ({
        path: rolePath(role, cluster.spec),
        message: `gives role ${role.name} the Secret name ${JSON.stringify(secret)}, which ${reason}`,
      }));
    });
}
