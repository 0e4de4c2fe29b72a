// What the StatefulSet's status tells of its pods: the planner's only view of them (it does not watch the
// pods, ./plan.ts). The StatefulSet controller counts them, created, ready and on its update revision, and
// writes its status only when a pod comes, goes, or changes its readiness or revision.
import type { IStatefulSet } from 'kubernetes-models/apps/v1/StatefulSet';
import { annotationKeys } from '../names.js';

export interface PodCounts {
  /** The pods the StatefulSet is to have. */
  replicas: number;
  /** The pods it has (terminating ones included). */
  existing: number;
  ready: number;
  /** Pods on the update revision while the StatefulSet carries the desired template (its pods then run it), else none. */
  current: number;
}

function carries(statefulSet: IStatefulSet, templateHash: string): boolean {
  return statefulSet.spec?.template?.metadata?.annotations?.[annotationKeys.podTemplateHash] === templateHash;
}

/** The StatefulSet carries the desired pod template and its controller has seen that generation. */
export function templateApplied(statefulSet: IStatefulSet, templateHash: string): boolean {
  return carries(statefulSet, templateHash) && (statefulSet.status?.observedGeneration ?? 0) >= (statefulSet.metadata?.generation ?? 0);
}

export function podCounts(statefulSet: IStatefulSet, templateHash: string): PodCounts {
  const status = statefulSet.status;
  return {
    replicas: statefulSet.spec?.replicas ?? 1,
    existing: status?.replicas ?? 0,
    ready: status?.readyReplicas ?? 0,
    current: carries(statefulSet, templateHash) ? status?.updatedReplicas ?? 0 : 0,
  };
}
