// `adopt`: taking over a cluster another operator made, planned as a pure function of the parent, the
// children the sync hook answers for it (with the live objects observed) and the live objects.
//
// How Metacontroller claims children (metacontroller/metacontroller pkg/controller/composite/controller.go
// claimChildren, pkg/third_party/kubernetes/controller_ref_manager.go ClaimObject): with generateSelector
// the selector is `controller-uid: <parent uid>`; among the objects of each child kind in the parent's
// namespace, one whose controller ownerReference names the parent is its child while its labels match
// (otherwise it is released); one with a controller ownerReference to anything else is ignored (the hook's
// answer then fails with "already exists" forever); an orphan whose labels match is adopted (a controller
// reference with blockOwnerDeletion is added) and from then on deleted when the hook leaves it out. So the
// plan labels exactly what the hook answers, drops controller references to other owners from those, and
// refuses when any claimed object would not be answered.
import { annotationKeys, ChildKind, childKindOf, labelKeys } from '../hooks/names.js';
import type { KubeObject, SyncRequest } from '../schemas/hook.js';
import { metadataField, objectId } from './documents.js';
import { diffObject, findLive } from './diff.js';
import { claimedBy } from './live-request.js';

type Parent = SyncRequest['parent'];

export interface AdoptAction {
  action: 'pause' | 'resume' | 'stamp-pod' | 'drop-owner' | 'label' | 'unlabel' | 'drop-finalizer';
  /** `Kind/name`. */
  object: string;
  kind: string;
  apiVersion: string;
  name: string;
  /** The JSON merge patch that does it (list edits carry the resourceVersion they were planned on). */
  patch: Record<string, unknown>;
}

export interface AdoptionPlan {
  refusals: string[];
  actions: AdoptAction[];
  /** Live objects of the cluster Metacontroller will not claim: they stay as they are. */
  leftAlone: string[];
  /** Children the hook answers that do not exist yet: Metacontroller creates them. */
  created: string[];
}

interface OwnerReference { apiVersion?: string; kind?: string; name?: string; uid?: string; controller?: boolean; blockOwnerDeletion?: boolean }

export const METACONTROLLER_FINALIZER = 'metacontroller.io/compositecontroller-postgresql';

function ownerReferences(object: KubeObject): OwnerReference[] {
  return metadataField<OwnerReference[]>(object, 'ownerReferences') ?? [];
}

function action(kind: AdoptAction['action'], object: KubeObject, patch: Record<string, unknown>): AdoptAction {
  return { action: kind, object: objectId(object), kind: object.kind, apiVersion: object.apiVersion, name: object.metadata.name, patch };
}

function withOwners(object: KubeObject, kept: OwnerReference[]): Record<string, unknown> {
  return { metadata: { resourceVersion: metadataField(object, 'resourceVersion'), ownerReferences: kept } };
}

/** Secrets first (an early sync then carries their passwords), the StatefulSet last. */
const LABEL_ORDER = [ChildKind.Secret, ChildKind.ConfigMap, ChildKind.Service, ChildKind.Endpoints, ChildKind.PodDisruptionBudget, ChildKind.CronJob, ChildKind.Deployment, ChildKind.Job, ChildKind.StatefulSet] as string[];

function labelRank(object: KubeObject): number {
  const rank = LABEL_ORDER.indexOf(childKindOf(object));
  return rank < 0 ? LABEL_ORDER.length : rank;
}

function isSelectorService(object: KubeObject): boolean {
  return object.kind === 'Service' && Object.keys((object.spec as { selector?: object } | undefined)?.selector ?? {}).length > 0;
}

function secretPassword(object: KubeObject | undefined): string {
  return (object?.data as Record<string, string> | undefined)?.password ?? '';
}

/** A role's Secret (Zalando's keys username and password), not the pooler's auth file. */
function isCredentialSecret(object: KubeObject): boolean {
  const data = object.kind === 'Secret' ? (object.data as Record<string, string> | undefined) : undefined;
  return data !== undefined && ('username' in data || 'password' in data);
}

function databasePods(statefulSet: KubeObject, live: KubeObject[]): KubeObject[] {
  return live.filter((object) => object.kind === 'Pod' && ownerReferences(object).some((ref) => ref.controller === true && ref.kind === 'StatefulSet' && ref.uid === statefulSet.metadata.uid));
}

export interface AdoptionOptions {
  /** The CompositeController's child kinds (resources.ts childKinds). */
  childKinds: string[];
  /** Stamp pods and label even when the checks refuse. */
  force?: boolean;
}

export function planAdoption(parent: Parent, desired: KubeObject[], live: KubeObject[], options: AdoptionOptions): AdoptionPlan {
  const uid = parent.metadata.uid ?? '';
  const namespace = parent.metadata.namespace;
  const kinds = new Set(options.childKinds);
  const refusals: string[] = [];
  const actions: AdoptAction[] = [];
  const created: string[] = [];
  const liveChildren = live.filter((object) => kinds.has(childKindOf(object)) && object.metadata.namespace === namespace);

  // (1) Nothing restarts: the pod templates we declare equal the live ones in everything that replaces pods.
  const statefulSet = desired.find((child) => childKindOf(child) === ChildKind.StatefulSet);
  const liveStatefulSet = statefulSet && findLive(statefulSet, liveChildren);
  let templateMatches = false;
  if (!statefulSet || !liveStatefulSet) {
    refusals.push(`no live StatefulSet ${statefulSet?.metadata.name ?? parent.metadata.name}: there is no running cluster to adopt (the hook would create a new one)`);
  } else {
    const restart = diffObject(statefulSet, liveStatefulSet).restartPaths;
    templateMatches = restart.length === 0;
    if (!templateMatches) refusals.push(`StatefulSet/${statefulSet.metadata.name}: the pod template differs in ${restart.join(', ')}: the database pods would be recreated`);
  }
  for (const pooler of desired.filter((child) => childKindOf(child) === ChildKind.Deployment)) {
    const current = findLive(pooler, liveChildren);
    const restart = current ? diffObject(pooler, current).restartPaths : [];
    if (restart.length > 0) refusals.push(`Deployment/${pooler.metadata.name}: the pod template differs in ${restart.join(', ')}: the pooler pods would be replaced`);
  }

  // (2) No password changes: every credential Secret we declare exists live with its password (a live one
  // without is carried without, and the pods could not start).
  for (const secret of desired.filter(isCredentialSecret)) {
    const current = findLive(secret, liveChildren);
    if (!current) refusals.push(`Secret/${secret.metadata.name} does not exist: the hook would generate a new password for user ${usernameOf(secret)}`);
    else if (secretPassword(current) === '') refusals.push(`Secret/${secret.metadata.name} has no password: the hook would generate a new one for user ${usernameOf(secret)}`);
  }

  const proceed = refusals.length === 0 || options.force === true;
  const wasPaused = parent.metadata.annotations?.[annotationKeys.pause] === 'true';
  if (proceed && !wasPaused) actions.push(action('pause', parent, { metadata: { annotations: { [annotationKeys.pause]: 'true' } } }));

  // Pods first: the hash tells the operations Job they run the current template, so it does not roll them.
  const hash = (statefulSet?.spec as { template?: { metadata?: { annotations?: Record<string, string> } } } | undefined)?.template?.metadata?.annotations?.[annotationKeys.podTemplateHash];
  if (proceed && templateMatches && liveStatefulSet && hash) {
    for (const pod of databasePods(liveStatefulSet, live)) {
      if (pod.metadata.annotations?.[annotationKeys.podTemplateHash] !== hash) actions.push(action('stamp-pod', pod, { metadata: { annotations: { [annotationKeys.podTemplateHash]: hash } } }));
    }
  }

  const labelled = new Set<KubeObject>();
  for (const child of [...desired].sort((a, b) => labelRank(a) - labelRank(b))) {
    const current = findLive(child, liveChildren);
    if (!current) {
      created.push(objectId(child));
      continue;
    }
    labelled.add(current);
    if (claimedBy(parent, current)) continue;
    const owners = ownerReferences(current);
    const conflicting = owners.filter((ref) => ref.controller === true && ref.uid !== uid);
    if (proceed && conflicting.length > 0) actions.push(action('drop-owner', current, withOwners(current, owners.filter((ref) => !conflicting.includes(ref)))));
    if (proceed && current.metadata.labels?.[labelKeys.controllerUid] !== uid) actions.push(action('label', current, { metadata: { labels: { [labelKeys.controllerUid]: uid } } }));
  }
  if (proceed && !wasPaused) actions.push(action('resume', parent, { metadata: { annotations: { [annotationKeys.pause]: null } } }));

  // (3) Nothing is deleted: whatever Metacontroller will claim is answered. Kubernetes copies a selector
  // Service's labels onto its Endpoints, so where Endpoints are a child kind those count as labelled too.
  const answered = new Set(desired.map((child) => findLive(child, liveChildren)).filter((object): object is KubeObject => object !== undefined));
  const copiedLabels = new Set([...labelled].filter(isSelectorService).map((service) => service.metadata.name));
  const claimed = liveChildren.filter((object) => {
    const controller = ownerReferences(object).find((ref) => ref.controller === true);
    if (controller && controller.uid !== uid) return false;
    return labelled.has(object) || object.metadata.labels?.[labelKeys.controllerUid] === uid || (object.kind === 'Endpoints' && copiedLabels.has(object.metadata.name));
  });
  for (const object of claimed.filter((o) => !answered.has(o))) {
    refusals.push(`${objectId(object)} would be claimed by Metacontroller and deleted: the hook does not answer it`);
  }
  const leftAlone = live
    .filter((object) => object.kind !== 'Pod' && object.metadata.uid !== uid && !claimed.includes(object))
    .map(objectId);
  return { refusals, actions: refusals.length === 0 || options.force === true ? actions : [], leftAlone, created };
}

function usernameOf(secret: KubeObject): string {
  const encoded = (secret.data as Record<string, string> | undefined)?.username;
  return encoded ? Buffer.from(encoded, 'base64').toString('utf8') : '(unknown)';
}

/** Objects our own Jobs make: handed back they stay owned by the `postgresql`, so they go with it. */
function ours(object: KubeObject): boolean {
  return object.kind === 'Job' || object.kind === 'ConfigMap';
}

/**
 * `adopt --undo`: labels, Metacontroller's controller references (the ones it writes carry
 * blockOwnerDeletion; Zalando's never do) and its last-applied annotation come off the children, its
 * finalizer off the parent. Only safe once Metacontroller no longer syncs the parent (README).
 */
export function planUndo(parent: Parent, live: KubeObject[]): AdoptAction[] {
  const uid = parent.metadata.uid ?? '';
  const actions: AdoptAction[] = [];
  for (const object of live) {
    if (object.kind === 'Pod' || object.metadata.uid === uid || object.metadata.namespace !== parent.metadata.namespace) continue;
    const owners = ownerReferences(object);
    const metacontrollers = ours(object) ? [] : owners.filter((ref) => ref.uid === uid && ref.blockOwnerDeletion === true);
    const labelled = object.metadata.labels?.[labelKeys.controllerUid] === uid;
    if (metacontrollers.length > 0) actions.push(action('drop-owner', object, withOwners(object, owners.filter((ref) => !metacontrollers.includes(ref)))));
    if (labelled || metacontrollers.length > 0) {
      const lastApplied = object.metadata.annotations?.[annotationKeys.lastApplied] !== undefined;
      actions.push(action('unlabel', object, {
        metadata: { labels: { [labelKeys.controllerUid]: null }, ...(lastApplied ? { annotations: { [annotationKeys.lastApplied]: null } } : {}) },
      }));
    }
  }
  const finalizers = metadataField<string[]>(parent, 'finalizers') ?? [];
  if (finalizers.includes(METACONTROLLER_FINALIZER)) {
    actions.push(action('drop-finalizer', parent as KubeObject, { metadata: { resourceVersion: metadataField(parent, 'resourceVersion'), finalizers: finalizers.filter((f) => f !== METACONTROLLER_FINALIZER) } }));
  }
  return actions;
}
