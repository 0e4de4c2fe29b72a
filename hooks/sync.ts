// The sync and finalize hooks: a pure function of Metacontroller's request, the configuration, the
// clock and the password source. Any answer that cannot be computed completely keeps every observed
// child (Metacontroller deletes what a response leaves out).
import type { IStatefulSet } from 'kubernetes-models/apps/v1/StatefulSet';
import type { OperatorConfig } from '../schemas/config.js';
import type { FinalizeResponse, KubeObject, SyncRequest, SyncResponse } from '../schemas/hook.js';
import { BACKUP_REQUESTS, type BackupRequest, type PostgresSpec, type PostgresStatus } from '../schemas/postgresql.js';
import { clusterOf, type Cluster } from './cluster.js';
import { describeObjectProblems } from './api-rules/objects.js';
import { buildEndpoints } from './children/endpoints.js';
import { buildLogicalBackup } from './children/logical-backup.js';
import { buildLogicalBackupRequest } from './children/logical-backup-job.js';
import { buildLogicalRestoreRequest } from './children/logical-restore-job.js';
import { buildOperations } from './children/operations-job.js';
import { buildPooler } from './children/pooler.js';
import { buildPodDisruptionBudgets } from './children/pdb.js';
import { buildPodMonitors } from './children/pod-monitor.js';
import { buildSecrets, SecretNameConflict } from './children/secrets.js';
import { buildServices } from './children/services.js';
import { buildSetup } from './children/setup-job.js';
import { buildStatefulSet } from './children/statefulset.js';
import { collisionMessage, nameCollisions } from './collisions.js';
import { instanceCount } from './instances.js';
import { lintCluster } from './lint/index.js';
import type { RequestResult } from './backup/requests.js';
import { annotationKeys, ChildKind, childKindOf, names } from './names.js';
import { Observed } from './observed.js';
import { CONDITION_TYPES, heldReplicas, planOperations, type OperationsPlan } from './operations/plan.js';
import { unreadableObjects } from './observed-shape.js';
import { keepAsDeclared } from './passthrough.js';
import { podEnvironment } from './pod/pod-environment.js';
import type { RandomSource } from './random.js';
import { infrastructureRoles } from './roles/infrastructure.js';
import { roleModel } from './roles/model.js';
import { buildStatus, isClusterPhase, phaseOf, readPreviousStatus, type ClusterPhase, type ConditionInput, type StatusInput } from './status.js';
import { isHibernated, isPaused } from './switches.js';
import { formatViolations, validateParent } from './validate.js';

export interface HookInputs { config: OperatorConfig; now: Date; random: RandomSource }

/** What every status answer takes from the request: the status it replaces and the generation it answers. */
function fromRequest(request: SyncRequest): Pick<StatusInput, 'previous' | 'observedGeneration'> {
  return { previous: readPreviousStatus(request.parent.status), observedGeneration: request.parent.metadata.generation };
}

/** Every observed child, unchanged, with a status explaining why nothing was applied. */
function keepObserved(request: SyncRequest, observed: Observed, inputs: HookInputs, phase: ClusterPhase, condition: ConditionInput): SyncResponse {
  const response: SyncResponse = {
    status: buildStatus({ phase, conditions: [condition], ...fromRequest(request), now: inputs.now }),
    children: observed.allChildren().map(keepAsDeclared),
  };
  if (phase === 'SyncFailed') response.resyncAfterSeconds = inputs.config.poll_interval_seconds;
  return response;
}

function invalid(request: SyncRequest, observed: Observed, inputs: HookInputs, message: string): SyncResponse {
  return keepObserved(request, observed, inputs, 'Invalid', { type: 'Valid', ok: false, reason: 'InvalidSpec', message });
}

/** Observed objects whose fields cannot be read: neither ignored (a missing Secret means a new password) nor guessed. */
function unreadable(request: SyncRequest, observed: Observed, inputs: HookInputs, objects: string[]): SyncResponse {
  return keepObserved(request, observed, inputs, 'SyncFailed', {
    type: 'ObservedObjectsReadable', ok: false, reason: 'MalformedObservedObject',
    message: `cannot read ${objects.join('; ')}; nothing is changed until they are corrected`,
  });
}

/**
 * Paused: nothing is computed from the spec, which may be half-edited or invalid; the phase stays what it was
 * (Creating when there was none to read).
 */
function paused(request: SyncRequest, observed: Observed, inputs: HookInputs): SyncResponse {
  const previous = readPreviousStatus(request.parent.status)?.phase;
  return keepObserved(request, observed, inputs, isClusterPhase(previous) ? previous : 'Creating', {
    type: 'ReconciliationPaused', ok: true, reason: 'Requested',
    message: `the annotation ${annotationKeys.pause} is "true": every object is kept as it is and no Job is started; deleting the cluster is not paused`,
  });
}

export function sync(request: SyncRequest, inputs: HookInputs): SyncResponse {
  const { config } = inputs;
  const observed = new Observed(request.children, request.related);
  if (isPaused(request.parent.metadata.annotations)) return paused(request, observed, inputs);
  const cluster = clusterOf(request.parent, request.parent.spec as PostgresSpec);
  const violations = validateParent(request.parent, config, cluster);
  if (violations.length > 0) return invalid(request, observed, inputs, formatViolations(violations));
  const malformed = unreadableObjects(observed);
  if (malformed.length > 0) return unreadable(request, observed, inputs, malformed);

  const infrastructure = infrastructureRoles(config, observed);
  if (infrastructure.unreadable.length > 0) return unreadable(request, observed, inputs, infrastructure.unreadable);
  const environment = podEnvironment(cluster.namespace, config, observed);
  const backup = buildLogicalBackup(cluster, config, observed);
  const missing = [...infrastructure.missing, ...environment.missing, ...backup.missing];
  if (missing.length > 0) {
    return keepObserved(request, observed, inputs, 'SyncFailed', {
      type: 'InputsAvailable', ok: false, reason: 'MissingObjects',
      message: `waiting for ${missing.join(', ')}; nothing is changed until they exist`,
    });
  }

  const model = roleModel(cluster, config, infrastructure.roles);
  let secrets;
  try {
    secrets = buildSecrets(cluster, config, observed, model.roles, inputs);
  } catch (error) {
    if (error instanceof SecretNameConflict) return invalid(request, observed, inputs, `spec.users: ${error.message}`);
    throw error;
  }
  const hold = heldReplicas(cluster, config, observed);
  const statefulSet = buildStatefulSet(cluster, config, observed, environment, hold.replicas);
  const templateHash = statefulSet.statefulSet.spec?.template.metadata?.annotations?.[annotationKeys.podTemplateHash] ?? '';
  const operations = planOperations({ cluster, config, observed, now: inputs.now, templateHash, hold });
  const setup = buildSetup(cluster, config, observed, model.roles, secrets.secrets, inputs.now);
  const pooler = buildPooler(cluster, config, observed, model.roles, secrets.secrets);
  const requests = { logicalBackup: buildLogicalBackupRequest(cluster, config, observed), logicalRestore: buildLogicalRestoreRequest(cluster, config, observed) };
  const children = [
    statefulSet.statefulSet,
    ...buildServices(cluster, config),
    ...buildEndpoints(cluster, config),
    ...buildPodDisruptionBudgets(cluster, config),
    ...secrets.secrets,
    ...pooler.children,
    ...backup.cronJobs,
    ...setup.children,
    ...buildOperations(cluster, config, observed, operations),
    ...requests.logicalBackup.children,
    ...requests.logicalRestore.children,
    ...buildPodMonitors(cluster, config),
  ] as KubeObject[];
  const collisions = nameCollisions(request, children, config, infrastructure.roles, inputs.now);
  if (collisions.lost.length > 0) {
    return keepObserved(request, observed, inputs, 'Invalid', { type: 'Valid', ok: false, reason: 'NameCollision', message: collisionMessage(collisions.lost) });
  }

  // The last guard: a child the API server would refuse is never answered (the manifest checks should
  // have caught its cause; this names the object instead of letting Metacontroller's write fail).
  const refused = describeObjectProblems(children);
  if (refused.length > 0) {
    return keepObserved(request, observed, inputs, 'SyncFailed', {
      type: 'ChildrenAccepted', ok: false, reason: 'WouldBeRefused',
      message: `the API server would refuse what this spec produces; nothing is changed: ${refused.join('; ')}`,
    });
  }

  const response: SyncResponse = {
    status: clusterStatus(cluster, config, observed, inputs, {
      notApplied: [...statefulSet.notApplied, ...pooler.notApplied],
      unmanaged: secrets.unmanaged,
      warnings: [...model.warnings, ...setup.warnings, ...infrastructure.warnings, ...secrets.warnings, ...collisions.kept, ...lintCluster(cluster, config, environment)],
      setup: setup.condition,
      operations,
      requests,
    }),
    children,
  };
  const resync = [secrets.nextRotation ? secondsUntilDue(secrets.nextRotation, inputs.now) : undefined, operations.resyncAfterSeconds]
    .filter((seconds): seconds is number => seconds !== undefined);
  if (resync.length > 0) response.resyncAfterSeconds = Math.min(...resync);
  return response;
}

/** A rotation is due strictly after its date, so come back one second later. */
function secondsUntilDue(due: Date, now: Date): number {
  return Math.max(1, Math.ceil((due.getTime() - now.getTime()) / 1000) + 1);
}

function clusterStatus(
  cluster: Cluster, config: OperatorConfig, observed: Observed, inputs: HookInputs,
  notes: { notApplied: string[]; unmanaged: string[]; warnings: string[]; setup: ConditionInput; operations: OperationsPlan; requests: Record<BackupRequest, RequestResult> },
): PostgresStatus {
  const statefulSet = observed.child<IStatefulSet>(ChildKind.StatefulSet, names.statefulSet(cluster.name));
  const replicas = instanceCount(cluster, config);
  const hibernated = isHibernated(cluster.annotations);
  // Hibernated, the declared state is no pod: Updating while they stop, Running once they all have.
  const rollout = notes.operations.conditions.find((c) => c.type === CONDITION_TYPES.rollout);
  const podsCurrent = config.statefulset_update_strategy === 'OnDelete' ? rollout?.ok !== false : undefined;
  const phase = phaseOf(statefulSet, hibernated ? 0 : replicas, cluster.status?.phase, podsCurrent);
  const readyText = `${statefulSet?.status?.readyReplicas ?? 0} of ${replicas} instances ready`;
  const conditions: ConditionInput[] = [
    { type: 'Valid', ok: true, reason: 'SpecValid', message: 'the spec is valid' },
    // Polarity: status True means there is something to read (the cluster is still created).
    notes.warnings.length > 0
      ? { type: 'Warnings', ok: true, reason: 'ConfigurationWarnings', message: notes.warnings.join('; ') }
      : { type: 'Warnings', ok: false, reason: 'NoWarnings', message: 'no configuration warnings' },
    hibernated
      ? { type: 'Ready', ok: false, reason: 'Hibernated', message: `${readyText}; the cluster is hibernated` }
      : {
        type: 'Ready',
        ok: phase === 'Running',
        reason: phase === 'Running' ? 'AllInstancesReady' : statefulSet ? 'InstancesNotReady' : 'StatefulSetMissing',
        message: readyText,
      },
    hibernated
      ? { type: 'Hibernated', ok: true, reason: 'Requested', message: `the annotation ${annotationKeys.hibernate} is "true": no database, pooler or backup pod runs; volumes, Secrets and Services are kept` }
      : { type: 'Hibernated', ok: false, reason: 'Awake', message: 'the cluster is not hibernated' },
    notes.notApplied.length > 0
      ? { type: 'SpecApplied', ok: false, reason: 'ImmutableFieldChange', message: notes.notApplied.join('; ') }
      : { type: 'SpecApplied', ok: true, reason: 'Applied', message: 'every requested change is declared' },
    notes.setup,
    ...notes.operations.conditions,
    ...BACKUP_REQUESTS.flatMap((request) => notes.requests[request].condition ?? []),
  ];
  if (notes.unmanaged.length > 0) {
    conditions.push({
      type: 'SecretsManaged', ok: false, reason: 'OtherNamespace',
      message: `Metacontroller cannot own objects outside the cluster's namespace; these Secrets are not managed: ${notes.unmanaged.join(', ')}`,
    });
  }
  return buildStatus({
    phase, conditions, readyInstances: statefulSet?.status?.readyReplicas ?? 0, unmanagedSecrets: notes.unmanaged,
    previous: cluster.status, observedGeneration: cluster.generation, now: inputs.now,
    operations: { ...notes.operations.operations, ...Object.fromEntries(BACKUP_REQUESTS.flatMap((request) => notes.requests[request].handled ? [[request, notes.requests[request].handled]] : [])) },
    majorVersion: notes.operations.majorVersion,
  });
}

/** Kinds removed in the first finalize step; connection objects stay until the database pods are gone. */
const WORKLOAD_KINDS = new Set<string>([ChildKind.StatefulSet, ChildKind.Deployment, ChildKind.CronJob, ChildKind.Job]);
const CONNECTION_KINDS = new Set<string>([ChildKind.Secret, ChildKind.Service, ChildKind.Endpoints]);

export function finalize(request: SyncRequest, inputs: HookInputs): FinalizeResponse {
  const observed = new Observed(request.children);
  const all = observed.allChildren();
  const workloadsLeft = all.some((child) => WORKLOAD_KINDS.has(childKindOf(child)));
  const keep = workloadsLeft
    ? all.filter((child) => CONNECTION_KINDS.has(childKindOf(child))).map(keepAsDeclared)
    : [];
  return {
    status: buildStatus({
      phase: 'Updating',
      conditions: [{ type: 'Deleting', ok: true, reason: workloadsLeft ? 'StoppingWorkloads' : 'RemovingObjects', message: `${all.length} objects left` }],
      ...fromRequest(request),
      now: inputs.now,
    }),
    children: keep,
    finalized: all.length === 0,
    ...(all.length > 0 ? { resyncAfterSeconds: inputs.config.poll_interval_seconds } : {}),
  };
}
