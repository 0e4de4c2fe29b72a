// Two clusters of a namespace can derive the same child name: the replica Service of `acid-foo` is the
// master Service of `acid-foo-repl`, the critical-operation budget of `acid-foo` the primary budget of
// `acid-foo-critical-op`. The customize hook asks for the clusters whose names could do that; the sync
// hook compares what each of them would declare with its own children. The older cluster keeps the
// object; the younger one changes nothing until it is renamed.
import type { OperatorConfig } from '../schemas/config.js';
import type { KubeObject, ObjectMap, ParentEnvelope, SyncRequest } from '../schemas/hook.js';
import type { PostgresSpec } from '../schemas/postgresql.js';
import { dns1035Label } from './api-rules/identifiers.js';
import { buildEndpoints } from './children/endpoints.js';
import { buildLogicalBackup } from './children/logical-backup.js';
import { buildPodDisruptionBudgets } from './children/pdb.js';
import { buildPooler } from './children/pooler.js';
import { buildSecrets, SecretNameConflict } from './children/secrets.js';
import { buildServices } from './children/services.js';
import { clusterOf } from './cluster.js';
import {
  allNameRules, API_GROUP, ChildKind, childKindOf, clustersNaming, nameBy, nameRules, names, PARENT_KIND, ruleNamesRoles,
  ruleTellsClustersApart, type NameRule,
} from './names.js';
import { Observed } from './observed.js';
import type { RandomSource } from './random.js';
import type { InfrastructureRole } from './roles/infrastructure.js';
import { roleModel } from './roles/model.js';
import { validateParent } from './validate.js';
import { MAX_CLUSTER_NAME_LENGTH } from './validate/names.js';

/** The `related` key under which Metacontroller sends the clusters the customize hook asked for. */
export const RELATED_CLUSTERS = `${PARENT_KIND}.${API_GROUP}/v1`;

function isClusterName(name: string): boolean {
  return name.length <= MAX_CLUSTER_NAME_LENGTH && dns1035Label(name).length === 0;
}

/**
 * The names `rule` may give a child of this cluster whatever its spec: a cut CronJob name is Zalando's where the
 * cluster already owns that CronJob, a unique one otherwise. Role-named rules give none here: a template that tells
 * clusters apart puts a character no cluster name has into every such name, so only this cluster can derive it.
 */
function possibleNames(rule: NameRule, cluster: string, config: OperatorConfig): string[] {
  if (rule === nameRules.logicalBackupCronJob) {
    return [...new Set([true, false].map((owns) => names.logicalBackupCronJob(cluster, config, () => owns)))];
  }
  if (ruleNamesRoles(rule, config)) return [];
  return [nameBy(rule, config, cluster)];
}

/**
 * The other clusters whose children could have the name of one of this cluster's: what the customize hook asks
 * for. It depends on the name and the configuration only, so Metacontroller's cache per parent generation stays
 * right. `'any'` when a configured template lets any cluster of the namespace collide (no `{cluster}`, or a
 * role name joined to it by characters a cluster name may contain).
 */
export function collisionCandidates(cluster: string, config: OperatorConfig): string[] | 'any' {
  const candidates = new Set<string>();
  for (const rule of allNameRules) {
    if (!ruleTellsClustersApart(rule, config)) return 'any';
    for (const name of possibleNames(rule, cluster, config)) {
      for (const kind of rule.kinds) {
        const clusters = clustersNaming(kind, name, config);
        if (clusters === 'any') return 'any';
        for (const other of clusters) if (other !== cluster && isClusterName(other)) candidates.add(other);
      }
    }
  }
  return [...candidates].sort();
}

interface ChildName { kind: string; name: string }

/** Passwords are not needed to know a sibling's Secret names, and must not use up the real source. */
const NO_PASSWORDS: RandomSource = { password: () => '' };

function namesOf(objects: Array<{ apiVersion?: string; kind?: string; metadata?: { name?: string } }>): ChildName[] {
  return objects.map((o) => ({ kind: childKindOf(o as KubeObject), name: o.metadata?.name ?? '' }));
}

/** The objects every cluster has whatever its spec. */
function specIndependentNames(cluster: string, config: OperatorConfig): ChildName[] {
  return [
    { kind: ChildKind.Service, name: names.service(cluster, 'master') },
    { kind: ChildKind.Service, name: names.service(cluster, 'replica') },
    { kind: ChildKind.PodDisruptionBudget, name: names.primaryPdb(cluster, config) },
    { kind: ChildKind.PodDisruptionBudget, name: names.criticalOpPdb(cluster) },
  ];
}

/**
 * The children a sibling declares that another cluster could also derive, from the same builders: Services,
 * Endpoints, budgets, Secrets, and its pooler and logical backup only where it has them. A sibling with an invalid
 * spec declares nothing new but keeps what it has: its spec-independent objects count; one with an invalid name
 * never declared anything.
 */
function siblingChildNames(parent: ParentEnvelope, config: OperatorConfig, related: ObjectMap | undefined, infrastructure: InfrastructureRole[], now: Date): ChildName[] {
  const violations = validateParent(parent, config);
  if (violations.some((v) => v.path === 'metadata.name')) return [];
  if (violations.length === 0) {
    const sibling = clusterOf(parent, parent.spec as PostgresSpec);
    const unknownChildren = new Observed(undefined, related);
    const model = roleModel(sibling, config, infrastructure);
    try {
      const secrets = buildSecrets(sibling, config, unknownChildren, model.roles, { now, random: NO_PASSWORDS });
      return namesOf([
        ...buildServices(sibling, config),
        ...buildEndpoints(sibling, config),
        ...buildPodDisruptionBudgets(sibling, config),
        ...secrets.secrets,
        ...buildPooler(sibling, config, unknownChildren, model.roles, secrets.secrets).children,
        ...buildLogicalBackup(sibling, config, unknownChildren).cronJobs,
      ]);
    } catch (error) {
      if (!(error instanceof SecretNameConflict)) throw error;
    }
  }
  return specIndependentNames(parent.metadata.name, config);
}

function createdAt(parent: ParentEnvelope): number {
  const time = Date.parse(String((parent.metadata as { creationTimestamp?: unknown }).creationTimestamp ?? ''));
  return Number.isNaN(time) ? Number.POSITIVE_INFINITY : time;
}

/** Kubernetes keeps creation times to the second; the name breaks a tie the same way for both clusters. */
function isOlder(a: ParentEnvelope, b: ParentEnvelope): boolean {
  const [ta, tb] = [createdAt(a), createdAt(b)];
  return ta !== tb ? ta < tb : a.metadata.name < b.metadata.name;
}

function isCluster(object: unknown): object is ParentEnvelope {
  const metadata = (object as { metadata?: { name?: unknown; namespace?: unknown } } | null)?.metadata;
  return typeof metadata?.name === 'string' && typeof metadata.namespace === 'string';
}

/** The other clusters of the namespace Metacontroller sent as related objects, by name. */
function siblingsOf(request: SyncRequest): ParentEnvelope[] {
  const self = request.parent.metadata;
  return Object.values(request.related?.[RELATED_CLUSTERS] ?? {})
    .filter(isCluster)
    .filter((o) => o.metadata.namespace === self.namespace && o.metadata.name !== self.name)
    .sort((a, b) => (a.metadata.name < b.metadata.name ? -1 : 1));
}

export interface NameCollisions {
  /** Objects an older sibling derives too: this cluster must not take them. */
  lost: string[];
  /** Objects a younger sibling derives too: this cluster keeps them, with a warning. */
  kept: string[];
}

export function nameCollisions(request: SyncRequest, children: KubeObject[], config: OperatorConfig, infrastructure: InfrastructureRole[], now: Date): NameCollisions {
  const own = new Map(children.map((c) => [`${childKindOf(c)} ${c.metadata.name}`, c]));
  const result: NameCollisions = { lost: [], kept: [] };
  for (const sibling of siblingsOf(request)) {
    const other = sibling.metadata.name;
    const older = isOlder(request.parent, sibling);
    for (const claim of siblingChildNames(sibling, config, request.related, infrastructure, now)) {
      const mine = own.get(`${claim.kind} ${claim.name}`);
      if (!mine) continue;
      const object = `${mine.kind} ${claim.name}`;
      if (older) result.kept.push(`${object} is also derived by cluster ${other}, created later, which changes nothing until one of the two is renamed (while it owns the object, this cluster cannot create it)`);
      else result.lost.push(`${object} is also derived by cluster ${other}, created earlier, which keeps it`);
    }
  }
  return result;
}

/** The status message of a cluster that lost a name to an older one. */
export function collisionMessage(lost: string[]): string {
  return `name collision: ${lost.join('; ')}. Nothing of this cluster is changed until it has another name `
    + '(create it again under a new name, cloning this one to keep its data)';
}
