// A thin adapter over @kubernetes/client-node for the few pod calls the operations Job makes: typed
// views of what it reads and errors that carry the API's status code and message. It decides nothing
// (what to delete, in which order, when to stop belongs to its callers) and never puts a credential in
// an error: only the API's own Status message and the request's method and path.
import { ApiException, CoreV1Api, KubeConfig, Observable, PatchStrategy, type ConfigurationOptions, type V1Pod } from '@kubernetes/client-node';

/** What the operations Job needs to know about a pod. */
export interface PodView {
  name: string;
  namespace: string;
  uid: string;
  /** The pod's IP once it has one (absent while it is pending). */
  ip?: string;
  phase?: string;
  /** The pod's Ready condition is True. */
  ready: boolean;
  labels: Record<string, string>;
  annotations: Record<string, string>;
  /** Set once a deletion has been asked for: the pod is terminating. */
  deletionTimestamp?: string;
  /** Restarts summed over the pod's containers. */
  restarts: number;
}

export interface KubernetesApi {
  listPods(namespace: string, selector: Record<string, string>): Promise<PodView[]>;
  getPod(namespace: string, name: string): Promise<PodView>;
  /** Deletes the pod only while it is still the one with this uid (the API answers 409 otherwise). */
  deletePod(namespace: string, name: string, preconditions: { uid: string }): Promise<PodView>;
  /** A JSON merge patch of the pod's labels: a null value removes the label. */
  patchPodLabels(namespace: string, name: string, labels: Record<string, string | null>): Promise<PodView>;
}

export class KubernetesError extends Error {
  constructor(
    /** What was asked, e.g. `DELETE /api/v1/namespaces/default/pods/acid-0`. */
    readonly request: string,
    /** HTTP status, or undefined when no answer came. */
    readonly status: number | undefined,
    /** The Status object's reason (`NotFound`, `Conflict`, `Forbidden`, …) when the API sent one. */
    readonly reason: string | undefined,
    /** The Status object's message, or why no answer came. */
    readonly detail: string,
  ) {
    super(`${request}: ${status === undefined ? '' : `${status} `}${reason === undefined ? '' : `${reason}: `}${detail}`);
    this.name = 'KubernetesError';
  }
}

/**
 * In a pod, the ServiceAccount's token and CA (re-read as the kubelet rotates the token); by hand,
 * `KUBECONFIG` or `~/.kube/config`.
 */
export function kubeConfigFromEnvironment(): KubeConfig {
  const config = new KubeConfig();
  if (!process.env.KUBECONFIG && process.env.KUBERNETES_SERVICE_HOST) config.loadFromCluster();
  else config.loadFromDefault();
  return config;
}

const DEFAULT_TIMEOUT_MS = 30_000;

function podPath(namespace: string, name?: string): string {
  const base = `/api/v1/namespaces/${encodeURIComponent(namespace)}/pods`;
  return name === undefined ? base : `${base}/${encodeURIComponent(name)}`;
}

/** `a=1,b=2` in key order: equality requirements only, which is all a StatefulSet's matchLabels needs. */
export function labelSelector(selector: Record<string, string>): string {
  return Object.keys(selector).sort().map((key) => `${key}=${selector[key]}`).join(',');
}

export function podView(pod: V1Pod): PodView {
  const { metadata = {}, status = {} } = pod;
  const ready = (status.conditions ?? []).some((condition) => condition.type === 'Ready' && condition.status === 'True');
  const restarts = (status.containerStatuses ?? []).reduce((sum, container) => sum + container.restartCount, 0);
  return {
    name: metadata.name ?? '',
    namespace: metadata.namespace ?? '',
    uid: metadata.uid ?? '',
    ...(status.podIP ? { ip: status.podIP } : {}),
    ...(status.phase ? { phase: status.phase } : {}),
    ready,
    labels: metadata.labels ?? {},
    annotations: metadata.annotations ?? {},
    ...(metadata.deletionTimestamp ? { deletionTimestamp: new Date(metadata.deletionTimestamp).toISOString() } : {}),
    restarts,
  };
}

/** The Status object the API server sends with an error, when the body is one. */
export function statusOf(body: unknown): { reason?: string; message?: string } {
  let parsed: unknown = body;
  if (typeof body === 'string') {
    try {
      parsed = JSON.parse(body);
    } catch {
      return body.trim() ? { message: body.trim().slice(0, 500) } : {};
    }
  }
  if (typeof parsed !== 'object' || parsed === null) return {};
  const { reason, message } = parsed as { reason?: unknown; message?: unknown };
  return {
    ...(typeof reason === 'string' && reason ? { reason } : {}),
    ...(typeof message === 'string' && message ? { message } : {}),
  };
}

/**
 * Rebuilt from the parts we trust: the client's own exception text holds the whole answer (headers
 * included), and a transport error is reduced to its message.
 */
function kubernetesError(request: string, error: unknown): KubernetesError {
  if (error instanceof ApiException) {
    const status = statusOf(error.body);
    return new KubernetesError(request, error.code, status.reason, status.message ?? (error.code === 401 ? 'Unauthorized' : '(no message)'));
  }
  const failure = error as Error;
  const detail = failure.name === 'AbortError' || failure.name === 'TimeoutError' ? 'no answer in time' : failure.message;
  return new KubernetesError(request, undefined, undefined, detail);
}

export interface KubernetesApiOptions {
  /** Per request. */
  timeoutMs?: number;
}

export function kubernetesApi(config: KubeConfig = kubeConfigFromEnvironment(), options: KubernetesApiOptions = {}): KubernetesApi {
  const core = config.makeApiClient(CoreV1Api);
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;

  /** Every call is bounded; a patch also names its content type (the client defaults to a JSON patch). */
  function callOptions(contentType?: string): ConfigurationOptions {
    return {
      middleware: [{
        pre: (context) => {
          context.setSignal(AbortSignal.timeout(timeoutMs));
          if (contentType) context.setHeaderParam('Content-Type', contentType);
          return new Observable(Promise.resolve(context));
        },
        post: (response) => new Observable(Promise.resolve(response)),
      }],
      middlewareMergeStrategy: 'append',
    };
  }

  async function call<T>(request: string, send: () => Promise<T>): Promise<T> {
    try {
      return await send();
    } catch (error) {
      throw kubernetesError(request, error);
    }
  }

  return {
    async listPods(namespace, selector) {
      const list = await call(`GET ${podPath(namespace)}`, () =>
        core.listNamespacedPod({ namespace, labelSelector: labelSelector(selector) }, callOptions()));
      return list.items.map(podView);
    },
    async getPod(namespace, name) {
      return podView(await call(`GET ${podPath(namespace, name)}`, () => core.readNamespacedPod({ name, namespace }, callOptions())));
    },
    async deletePod(namespace, name, preconditions) {
      const pod = await call(`DELETE ${podPath(namespace, name)}`, () =>
        core.deleteNamespacedPod({ name, namespace, body: { preconditions: { uid: preconditions.uid } } }, callOptions()));
      return podView(pod);
    },
    async patchPodLabels(namespace, name, labels) {
      const pod = await call(`PATCH ${podPath(namespace, name)}`, () =>
        core.patchNamespacedPod({ name, namespace, body: { metadata: { labels } } }, callOptions(PatchStrategy.MergePatch)));
      return podView(pod);
    },
  };
}
