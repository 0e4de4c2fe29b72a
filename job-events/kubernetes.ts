// The one read the Events sidecar makes: its own pod (GET, which the pods' ServiceAccount may do), as the
// view job-events/plan.ts decides from. Errors come back as operations/kubernetes.ts' KubernetesError:
// the API's Status and the request, never a credential.
import { CoreV1Api, type KubeConfig, type V1ContainerStatus, type V1Pod } from '@kubernetes/client-node';
import { boundedCallOptions, DEFAULT_TIMEOUT_MS, kubeConfigFromEnvironment, kubernetesError, podPath } from '../operations/kubernetes.js';
import type { ContainerView, OwnPod } from './plan.js';

export interface OwnPodApi {
  readPod(namespace: string, name: string): Promise<OwnPod>;
}

function containerView(status: V1ContainerStatus): ContainerView {
  const { running, terminated } = status.state ?? {};
  if (terminated) {
    return {
      state: 'terminated',
      restartCount: status.restartCount,
      exitCode: terminated.exitCode,
      ...(terminated.reason ? { reason: terminated.reason } : {}),
      ...(terminated.message ? { message: terminated.message } : {}),
    };
  }
  return { state: running ? 'running' : status.state?.waiting ? 'waiting' : 'unknown', restartCount: status.restartCount };
}

export function ownPodView(pod: V1Pod): OwnPod {
  const { metadata = {}, spec, status = {} } = pod;
  const job = metadata.ownerReferences?.find((owner) => owner.controller === true && owner.kind === 'Job')?.name;
  const statuses = [...(status.initContainerStatuses ?? []), ...(status.containerStatuses ?? [])];
  return {
    name: metadata.name ?? '',
    ...(job ? { job } : {}),
    deleting: metadata.deletionTimestamp !== undefined && metadata.deletionTimestamp !== null,
    sidecars: (spec?.initContainers ?? []).filter((container) => container.restartPolicy === 'Always').map((container) => container.name),
    containers: Object.fromEntries(statuses.map((s) => [s.name, containerView(s)])),
  };
}

export function ownPodApi(config: KubeConfig = kubeConfigFromEnvironment(), options: { timeoutMs?: number } = {}): OwnPodApi {
  const core = config.makeApiClient(CoreV1Api);
  return {
    async readPod(namespace, name) {
      try {
        return ownPodView(await core.readNamespacedPod({ name, namespace }, boundedCallOptions(options.timeoutMs ?? DEFAULT_TIMEOUT_MS)));
      } catch (error) {
        throw kubernetesError(`GET ${podPath(namespace, name)}`, error);
      }
    },
  };
}
