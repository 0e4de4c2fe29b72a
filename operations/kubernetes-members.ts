// The cluster's members as the Kubernetes API sees them: the pods of its StatefulSet, and how one is
// replaced (deleted, for the StatefulSet controller to create it again from the current template).
// Which member to replace and when is the caller's decision; this module only makes sure a deletion
// hits the pod the caller saw and waits, within bounds, for the replacement to exist.
import { isIPv6 } from 'node:net';
import type { OperationsState } from '../schemas/operations-state.js';
import { backoffDelays, type BackoffPolicy } from './backoff.js';
import { KubernetesError, kubernetesApi, type KubernetesApi, type PodView } from './kubernetes.js';
import type { Member, MemberSource } from './members.js';

/**
 * Spilo's pods get up to 300 s to stop (Zalando's pod_terminate_grace_period), then the replacement is
 * scheduled, its image pulled and its volume attached: 20 minutes covers that with room to spare.
 */
export const RECREATE_BACKOFF: BackoffPolicy = { firstMs: 1_000, factor: 1.5, maxMs: 15_000, totalMs: 20 * 60_000 };

export interface KubernetesMembersOptions {
  backoff?: BackoffPolicy;
  sleep?: (ms: number) => Promise<void>;
}

/** Patroni's REST address of a pod, or '' while the pod has no IP (it is then never ready either). */
export function restUrl(pod: PodView, port: number): string {
  if (!pod.ip) return '';
  return `http://${isIPv6(pod.ip) ? `[${pod.ip}]` : pod.ip}:${port}`;
}

/** Without a rollout, or on a pod that carries no template hash, nothing is outdated. */
export function podUpToDate(pod: PodView, rollout: OperationsState['rollout']): boolean {
  if (!rollout) return true;
  const hash = pod.annotations[rollout.templateHashAnnotation];
  return hash === undefined || hash === rollout.templateHash;
}

/** A terminating pod is on its way out, whatever its Ready condition still says. */
export function member(pod: PodView, state: OperationsState): Member {
  return {
    name: pod.name,
    restUrl: restUrl(pod, state.patroniPort),
    upToDate: podUpToDate(pod, state.rollout),
    ready: pod.ready && pod.deletionTimestamp === undefined,
  };
}

/** The replacement exists once a pod of that name has another uid, is not terminating and has an IP. */
export function isReplacement(pod: PodView, oldUid: string | undefined): boolean {
  return pod.uid !== oldUid && pod.deletionTimestamp === undefined && pod.ip !== undefined;
}

/** While waiting, the pod being absent or the API failing for a moment only means: poll again. */
function worthPollingAgain(error: unknown): boolean {
  if (!(error instanceof KubernetesError)) return false;
  const { status } = error;
  return status === undefined || status === 404 || status === 429 || status >= 500;
}

const sleepFor = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export function kubernetesMembers(state: OperationsState, api?: KubernetesApi, options: KubernetesMembersOptions = {}): MemberSource {
  if (Object.keys(state.podSelector).length === 0) {
    throw new Error('the operations state has an empty podSelector: it would select every pod of the namespace');
  }
  const kubernetes = api ?? kubernetesApi();
  const { namespace, podSelector } = state;
  const delays = backoffDelays(options.backoff ?? RECREATE_BACKOFF);
  const sleep = options.sleep ?? sleepFor;
  /** The uid of each pod as the caller last saw it: the one it decided to replace. */
  const seen = new Map<string, string>();

  const selected = (pod: PodView) => Object.entries(podSelector).every(([key, value]) => pod.labels[key] === value);

  /** The uid to delete: the one last listed, else the current pod's (which must be one of ours); undefined when there is none. */
  async function currentUid(name: string): Promise<string | undefined> {
    const listed = seen.get(name);
    if (listed) return listed;
    let pod: PodView;
    try {
      pod = await kubernetes.getPod(namespace, name);
    } catch (error) {
      if (error instanceof KubernetesError && error.status === 404) return undefined;
      throw error;
    }
    if (!selected(pod)) throw new Error(`pod ${namespace}/${name} is not one of the cluster's pods (selector ${JSON.stringify(podSelector)})`);
    return pod.uid;
  }

  async function waitForReplacement(name: string, oldUid: string | undefined): Promise<PodView> {
    for (const delay of [0, ...delays]) {
      if (delay > 0) await sleep(delay);
      try {
        const pod = await kubernetes.getPod(namespace, name);
        if (isReplacement(pod, oldUid)) return pod;
      } catch (error) {
        if (!worthPollingAgain(error)) throw error;
      }
    }
    const total = delays.reduce((sum, delay) => sum + delay, 0);
    throw new Error(`pod ${namespace}/${name} was not replaced within ${total / 1000} s`);
  }

  return {
    async list() {
      const pods = await kubernetes.listPods(namespace, podSelector);
      seen.clear();
      for (const pod of pods) seen.set(pod.name, pod.uid);
      return pods.map((pod) => member(pod, state));
    },
    async recreate(name) {
      const uid = await currentUid(name);
      if (uid !== undefined) {
        try {
          await kubernetes.deletePod(namespace, name, { uid });
        } catch (error) {
          // 404: already gone; 409: already replaced by another pod of that name, which is left alone.
          if (!(error instanceof KubernetesError && (error.status === 404 || error.status === 409))) throw error;
        }
      }
      const replacement = await waitForReplacement(name, uid);
      seen.set(name, replacement.uid);
    },
  };
}
