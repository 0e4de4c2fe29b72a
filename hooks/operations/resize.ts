// The volume resize, planned: from the manifest's `volume`, `storage_resize_mode`, the observed
// StatefulSet and the data volumes' claims (`pgdata-<cluster>-<n>`, related objects), either what the
// resize Job is to do (grow the claims below the manifest size, then delete the StatefulSet with
// orphan propagation so the next answer recreates it with the new claim template) or the condition
// that says why nothing is to be done. Pure: the Job acts (operations/resize.ts).
import type { IStatefulSet } from 'kubernetes-models/apps/v1/StatefulSet';
import type { IPersistentVolumeClaim } from 'kubernetes-models/v1/PersistentVolumeClaim';
import type { OperatorConfig } from '../../schemas/config.js';
import type { OperationsState } from '../../schemas/operations-state.js';
import { baseLabels, type Cluster } from '../cluster.js';
import { ChildKind, names, RelatedKind } from '../names.js';
import type { Observed } from '../observed.js';
import { compareQuantities } from '../quantity.js';
import type { ConditionInput } from '../status.js';

export const RESIZE_CONDITION = 'VolumesResized';

export type ResizeIntent = NonNullable<OperationsState['resize']>;

export type ResizeDecision =
  /** A Job is to carry out `resize` (unless `blocked` says what it waits for); `note` goes into its condition. */
  | { due: ResizeIntent; blocked?: string; note?: string }
  /** Nothing to do, or nothing that may be done: the condition says which. */
  | { settled: ConditionInput };

interface Claim { name: string; ordinal: number; requested: string | undefined; storageClass: string; claim: IPersistentVolumeClaim }

/** The cluster's data volume claims by ordinal; claims being deleted are not resized. */
function dataClaims(cluster: Cluster, observed: Observed): Claim[] {
  const claims: Claim[] = [];
  for (const claim of observed.relatedOfKind<IPersistentVolumeClaim>(RelatedKind.PersistentVolumeClaim)) {
    const name = claim.metadata?.name ?? '';
    // Other claims carrying the cluster's labels (additional volumes someone labelled so) are none of ours.
    const ordinal = names.podOrdinal(cluster.name, name.slice(names.pgdataVolume.length + 1));
    if (ordinal === undefined || names.pgdataClaim(cluster.name, ordinal) !== name) continue;
    if (claim.metadata?.namespace !== cluster.namespace || claim.metadata.deletionTimestamp) continue;
    claims.push({ name, ordinal, requested: claim.spec?.resources?.requests?.storage as string | undefined, storageClass: claim.spec?.storageClassName ?? '', claim });
  }
  return claims.sort((a, b) => a.ordinal - b.ordinal);
}

/**
 * Why a claim's volume is not yet as large as it asks for: the CSI driver still has to grow the filesystem
 * (`FileSystemResizePending`, done online by the kubelet), the volume itself is being grown (`Resizing`), or the
 * reported capacity is still below the request.
 */
export function expansionPending(claim: IPersistentVolumeClaim): string | undefined {
  const condition = (claim.status?.conditions ?? []).find((c) => ['FileSystemResizePending', 'Resizing'].includes(c.type) && c.status === 'True');
  if (condition) return condition.type;
  const requested = claim.spec?.resources?.requests?.storage as string | undefined;
  const capacity = claim.status?.capacity?.storage as string | undefined;
  if (requested && capacity && compareQuantities(capacity, requested) < 0) return `capacity ${capacity} of ${requested}`;
  return undefined;
}

function claimTemplateStorage(statefulSet: IStatefulSet | undefined): string | undefined {
  const template = statefulSet?.spec?.volumeClaimTemplates?.find((c) => c.metadata?.name === names.pgdataVolume);
  return template?.spec?.resources?.requests?.storage as string | undefined;
}

/** Shrinking and storage-class changes: each names the claim and why; nothing is touched while any exists. */
function refusals(claims: Claim[], size: string, storageClass: string): string[] {
  return claims.flatMap((c) => [
    ...(c.requested && compareQuantities(c.requested, size) > 0 ? [`${c.name} requests ${c.requested}, more than volume.size ${size}: a volume cannot shrink`] : []),
    ...(storageClass && c.storageClass !== storageClass
      ? [`${c.name} has storage class ${c.storageClass || '(none)'} and volume.storageClass is ${storageClass}: a claim's storage class cannot change`]
      : []),
  ]);
}

function pendingNote(claims: Claim[]): string | undefined {
  const pending = claims.flatMap((c) => {
    const why = expansionPending(c.claim);
    return why ? [`${c.name} (${why})`] : [];
  });
  return pending.length > 0 ? `waiting for the storage driver to finish expanding ${pending.join(', ')}` : undefined;
}

/** Why the StatefulSet cannot be replaced by one built from the manifest without losing its pods. */
function statefulSetBlock(cluster: Cluster, config: OperatorConfig, statefulSet: IStatefulSet | undefined): string | undefined {
  if (!statefulSet?.metadata?.uid) return 'waiting for the StatefulSet to exist';
  if (statefulSet.metadata.deletionTimestamp) return 'waiting for the StatefulSet being deleted to be recreated';
  // A recreated StatefulSet gets the configuration's selector: with another one it would not adopt these pods.
  if (JSON.stringify(statefulSet.spec?.selector) !== JSON.stringify({ matchLabels: baseLabels(cluster, config) })) {
    return 'the StatefulSet\'s pod selector differs from the configuration\'s (cluster_labels, cluster_name_label): a StatefulSet recreated with the new claim template would not adopt its pods';
  }
  return undefined;
}

function join(parts: Array<string | undefined>): string | undefined {
  const present = parts.filter((p): p is string => p !== undefined);
  return present.length > 0 ? present.join('; ') : undefined;
}

export function planResize(cluster: Cluster, config: OperatorConfig, observed: Observed): ResizeDecision {
  const { size, storageClass = '' } = cluster.spec.volume;
  const mode = config.storage_resize_mode;
  const claims = dataClaims(cluster, observed);
  const statefulSet = observed.child<IStatefulSet>(ChildKind.StatefulSet, names.statefulSet(cluster.name));
  const template = claimTemplateStorage(statefulSet);
  const below = claims.filter((c) => c.requested !== undefined && compareQuantities(c.requested, size) < 0);
  const templateDiffers = template !== undefined && compareQuantities(template, size) !== 0;
  const settled = (ok: boolean, reason: string, message: string): ResizeDecision => ({ settled: { type: RESIZE_CONDITION, ok, reason, message } });

  if (mode === 'off') {
    return below.length > 0 || templateDiffers
      ? settled(false, 'Disabled', `storage_resize_mode is off: volume.size ${size} is not applied (${[...below.map((c) => `${c.name} requests ${c.requested}`), ...(templateDiffers ? [`the StatefulSet's claim template requests ${template}`] : [])].join(', ')})`)
      : settled(true, 'Disabled', `storage_resize_mode is off; no data volume claim requests less than ${size}`);
  }
  const refused = refusals(claims, size, storageClass);
  if (refused.length > 0) return settled(false, 'Refused', `nothing is resized: ${refused.join('; ')}`);

  const modeNote = mode === 'pvc' ? undefined : `storage_resize_mode ${mode} acts as pvc here: the claims are grown through the Kubernetes API, no cloud volume API is called`;
  const pending = pendingNote(claims);
  if (below.length === 0 && !templateDiffers) {
    return pending
      ? settled(false, 'FileSystemResizePending', join([pending, modeNote])!)
      : settled(true, 'Succeeded', join([claims.length > 0 ? `every data volume claim requests ${size}` : `no data volume claim exists yet; new ones request ${size}`, modeNote])!);
  }
  const blocked = statefulSetBlock(cluster, config, statefulSet);
  const note = join([
    below.length > 0 ? `${below.map((c) => `${c.name} (${c.requested})`).join(', ')} grown to ${size}` : undefined,
    templateDiffers ? `the StatefulSet is recreated with a claim template of ${size}, its pods kept` : undefined,
    modeNote,
    pending,
  ]);
  const due: ResizeIntent = {
    size,
    claims: claims.map((c) => c.name),
    statefulSet: { name: names.statefulSet(cluster.name), uid: statefulSet?.metadata?.uid ?? '', replicas: statefulSet?.spec?.replicas ?? 1 },
    template: names.pgdataVolume,
  };
  return { due, ...(blocked ? { blocked } : {}), ...(note ? { note } : {}) };
}
