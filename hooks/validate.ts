// Checks a parent before anything is generated. Every violation is reported with its field path;
// one bad field never hides another. Beyond the schema, every field the hooks copy into a child is
// checked with the API server's own rules (hooks/api-rules), so no answer holds a child it refuses.
import type { OperatorConfig } from '../schemas/config.js';
import type { ParentEnvelope } from '../schemas/hook.js';
import type { PostgresSpec } from '../schemas/postgresql.js';
import { dns1035Label } from './api-rules/identifiers.js';
import { clusterDigest, clusterOf, type Cluster } from './cluster.js';
import { memo } from './memo.js';
import { parseWindows } from './maintenance-windows.js';
import { containerViolations } from './validate/containers.js';
import { clusterNameViolations, credentialSecretViolations, derivedNameViolations } from './validate/names.js';
import { containerResourceViolations } from './validate/resources.js';
import { databaseViolations, userViolations } from './validate/roles.js';
import { schemaViolations } from './validate/schema.js';
import { schedulingViolations } from './validate/scheduling.js';
import type { Violation } from './validate/violation.js';
import { volumeViolations } from './validate/volumes.js';

export type { Violation } from './validate/violation.js';

function featureViolations(spec: PostgresSpec, config: OperatorConfig): Violation[] {
  const violations: Violation[] = [];
  if ((spec.sidecars?.length ?? 0) > 0 && !config.enable_sidecars) {
    violations.push({ path: 'spec.sidecars', message: 'sidecars are disabled in the operator configuration (enable_sidecars: false)' });
  }
  if ((spec.initContainers?.length ?? 0) > 0 && !config.enable_init_containers) {
    violations.push({ path: 'spec.initContainers', message: 'init containers are disabled in the operator configuration (enable_init_containers: false)' });
  }
  const clone = spec.clone;
  if (clone && clone.cluster !== '' && !clone.timestamp && dns1035Label(clone.cluster).length > 0) {
    violations.push({ path: 'spec.clone.cluster', message: 'must be the name of a running cluster in this namespace (a DNS-1035 label of at most 63 characters)' });
  }
  // The CRD pattern lets through what Zalando's parser refuses (a one-digit minute, spaces, an end before the start).
  for (const problem of parseWindows(spec.maintenanceWindows ?? []).problems) {
    violations.push({ path: `spec.maintenanceWindows[${problem.index}]`, message: `${JSON.stringify(problem.text)}: ${problem.reason}` });
  }
  return violations;
}

/**
 * Answers for parents seen lately: Metacontroller sends every cluster again on each resync and each change of a
 * child, nearly always with the same spec, and checking it is an eighth of a sync.
 */
const remembered = memo<Violation[]>(2048);

/**
 * Every problem of the parent; an empty list means the spec can be acted on. `cluster`: the parent read as a
 * cluster, when the caller has it (its digest is then taken once).
 */
export function validateParent(parent: ParentEnvelope, config: OperatorConfig, cluster = clusterOf(parent, parent.spec as PostgresSpec)): Violation[] {
  return [...remembered(config, clusterDigest(cluster), () => parentViolations(parent, config, cluster))];
}

function parentViolations(parent: ParentEnvelope, config: OperatorConfig, read: Cluster): Violation[] {
  const name = parent.metadata.name;
  const schema = schemaViolations(parent.spec);
  if (schema.length > 0) return [...clusterNameViolations(name, { teamId: '' } as PostgresSpec, { ...config, enable_team_id_clustername_prefix: false }), ...schema];
  const spec = parent.spec as PostgresSpec;
  // Without the status, which the digest leaves out.
  const cluster = { ...read, status: undefined };
  return [
    ...clusterNameViolations(name, spec, config),
    ...derivedNameViolations(name, spec, config),
    ...userViolations(spec),
    ...databaseViolations(spec),
    ...featureViolations(spec, config),
    ...credentialSecretViolations(cluster, config),
    ...containerViolations(cluster, config),
    ...containerResourceViolations(cluster, config),
    ...volumeViolations(cluster, config),
    ...schedulingViolations(spec),
  ];
}

export function formatViolations(violations: Violation[]): string {
  return violations.map((v) => `${v.path}: ${v.message}`).join('; ');
}
