// A thin adapter over @kubernetes/client-node for the few calls the operations Job makes (pods, the
// data volumes' claims, the StatefulSet): typed
// views of what it reads and errors that carry the API's status code and message. It decides nothing
// (what to delete, in which order, when to stop belongs to its callers) and never puts a credential in
// an error: only the API's own Status message and the request's method and path.
import { Writable } from 'node:stream';
import {
  ApiException, AppsV1Api, CoreV1Api, Exec, KubeConfig, Observable, PatchStrategy, type ConfigurationOptions, type V1PersistentVolumeClaim, type V1Pod, type V1StatefulSet,
  type V1Status,
} from '@kubernetes/client-node';

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

/** What the resize needs to know about a claim. */
export interface ClaimView {
  name: string;
  uid: string;
  /** `spec.resources.requests.storage`. */
  requested?: string;
  /** `status.capacity.storage`: what the volume has so far. */
  capacity?: string;
  storageClassName?: string;
  phase?: string;
  /** `status.conditions` whose status is True (`Resizing`, `FileSystemResizePending` …), with their message. */
  conditions: Array<{ type: string; message?: string }>;
}

/** What the resize needs to know about the StatefulSet. */
export interface StatefulSetView {
  name: string;
  uid: string;
  /** Set once a deletion has been asked for; with orphan propagation the `orphan` finalizer holds it meanwhile. */
  deletionTimestamp?: string;
  finalizers: string[];
  /** The storage each claim template requests, by template name. */
  claimTemplates: Record<string, string | undefined>;
}

export interface KubernetesApi {
  listPods(namespace: string, selector: Record<string, string>): Promise<PodView[]>;
  getPod(namespace: string, name: string): Promise<PodView>;
  /** Deletes the pod only while it is still the one with this uid (the API answers 409 otherwise). */
  deletePod(namespace: string, name: string, preconditions: { uid: string }): Promise<PodView>;
  /** A JSON merge patch of the pod's labels: a null value removes the label. */
  patchPodLabels(namespace: string, name: string, labels: Record<string, string | null>): Promise<PodView>;
  /**
   * Runs a command in a container (the API's exec over a WebSocket, no stdin, no TTY) and resolves when it
   * ended: its exit code and the end of its stdout and stderr as they arrived (at most EXEC_OUTPUT_BYTES).
   */
  exec(namespace: string, pod: string, container: string, command: string[]): Promise<ExecResult>;
  getClaim(namespace: string, name: string): Promise<ClaimView>;
  /** A JSON merge patch of `spec.resources.requests.storage`; the API refuses a claim its storage class cannot expand. */
  patchClaimSize(namespace: string, name: string, storage: string): Promise<ClaimView>;
  getStatefulSet(namespace: string, name: string): Promise<StatefulSetView>;
  /**
   * Deletes the StatefulSet of this uid with orphan propagation: its pods and claims stay (409 for another uid).
   * The typed client reads the answer (the object, held by the `orphan` finalizer) as a Status: read it back with
   * `getStatefulSet` to see it.
   */
  deleteStatefulSetOrphan(namespace: string, name: string, uid: string): Promise<void>;
}

export interface ExecResult { exitCode: number; output: string }

/** How much of a command's output is kept: its end, where a script says how it ended. */
export const EXEC_OUTPUT_BYTES = 64 * 1024;

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

export const DEFAULT_TIMEOUT_MS = 30_000;

export function podPath(namespace: string, name?: string): string {
  const base = `/api/v1/namespaces/${encodeURIComponent(namespace)}/pods`;
  return name === undefined ? base : `${base}/${encodeURIComponent(name)}`;
}

function claimPath(namespace: string, name: string): string {
  return `/api/v1/namespaces/${encodeURIComponent(namespace)}/persistentvolumeclaims/${encodeURIComponent(name)}`;
}

function statefulSetPath(namespace: string, name: string): string {
  return `/apis/apps/v1/namespaces/${encodeURIComponent(namespace)}/statefulsets/${encodeURIComponent(name)}`;
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

export function claimView(claim: V1PersistentVolumeClaim): ClaimView {
  const { metadata = {}, spec = {}, status = {} } = claim;
  const requested = spec.resources?.requests?.storage;
  const capacity = status.capacity?.storage;
  return {
    name: metadata.name ?? '',
    uid: metadata.uid ?? '',
    ...(requested ? { requested } : {}),
    ...(capacity ? { capacity } : {}),
    ...(spec.storageClassName ? { storageClassName: spec.storageClassName } : {}),
    ...(status.phase ? { phase: status.phase } : {}),
    conditions: (status.conditions ?? []).filter((c) => c.status === 'True').map((c) => ({ type: c.type, ...(c.message ? { message: c.message } : {}) })),
  };
}

export function statefulSetView(statefulSet: V1StatefulSet): StatefulSetView {
  const { metadata = {}, spec } = statefulSet;
  return {
    name: metadata.name ?? '',
    uid: metadata.uid ?? '',
    ...(metadata.deletionTimestamp ? { deletionTimestamp: new Date(metadata.deletionTimestamp).toISOString() } : {}),
    finalizers: metadata.finalizers ?? [],
    claimTemplates: Object.fromEntries((spec?.volumeClaimTemplates ?? []).map((t) => [t.metadata?.name ?? '', t.spec?.resources?.requests?.storage])),
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
export function kubernetesError(request: string, error: unknown): KubernetesError {
  if (error instanceof ApiException) {
    const status = statusOf(error.body);
    return new KubernetesError(request, error.code, status.reason, status.message ?? (error.code === 401 ? 'Unauthorized' : '(no message)'));
  }
  const failure = error as Error;
  const detail = failure.name === 'AbortError' || failure.name === 'TimeoutError' ? 'no answer in time' : failure.message;
  return new KubernetesError(request, undefined, undefined, detail);
}

/** Keeps the last `limit` bytes written to any of its sinks. */
class OutputTail {
  private chunks: Buffer[] = [];
  private size = 0;
  constructor(private readonly limit: number) {}

  sink(): Writable {
    return new Writable({ write: (chunk: Buffer, _encoding, done) => { this.push(chunk); done(); } });
  }

  private push(chunk: Buffer): void {
    this.chunks.push(chunk);
    this.size += chunk.length;
    while (this.size - this.chunks[0]!.length >= this.limit) this.size -= this.chunks.shift()!.length;
  }

  text(): string {
    const all = Buffer.concat(this.chunks);
    return all.subarray(Math.max(0, all.length - this.limit)).toString('utf8');
  }
}

/**
 * The exit code the kubelet reports on the status channel: 0 on Success, the ExitCode cause of a
 * NonZeroExitCode failure (kubelet remotecommand ServeExec); anything else is an error of the exec itself.
 */
function exitCodeOf(status: V1Status | undefined): number | { reason: string | undefined; message: string } {
  if (!status) return { reason: undefined, message: 'the exec stream closed without a status' };
  if (status.status === 'Success') return 0;
  const code = status.details?.causes?.find((cause) => cause.reason === 'ExitCode')?.message;
  if (status.reason === 'NonZeroExitCode' && code !== undefined && /^\d+$/.test(code)) return Number(code);
  return { reason: status.reason, message: (status.message ?? '(no message)').slice(0, 500) };
}

/** A refused WebSocket handshake: ws reports the HTTP status in its message. */
function execError(request: string, error: unknown): KubernetesError {
  const message = (error as { message?: unknown })?.message;
  const text = typeof message === 'string' ? message : String(error);
  const status = /Unexpected server response: (\d{3})/.exec(text)?.[1];
  return new KubernetesError(request, status === undefined ? undefined : Number(status), undefined, status === undefined ? text : 'the exec request was refused');
}

/** Every call is bounded; a patch also names its content type (the client defaults to a JSON patch). */
export function boundedCallOptions(timeoutMs: number, contentType?: string): ConfigurationOptions {
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

export interface KubernetesApiOptions {
  /** Per request. */
  timeoutMs?: number;
}

export function kubernetesApi(config: KubeConfig = kubeConfigFromEnvironment(), options: KubernetesApiOptions = {}): KubernetesApi {
  const core = config.makeApiClient(CoreV1Api);
  const apps = config.makeApiClient(AppsV1Api);
  const callOptions = (contentType?: string) => boundedCallOptions(options.timeoutMs ?? DEFAULT_TIMEOUT_MS, contentType);

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
    async exec(namespace, pod, container, command) {
      // Only the command's name: its arguments are the caller's business.
      const request = `exec ${command[0] ?? ''} in ${podPath(namespace, pod)}/exec (container ${container})`;
      const tail = new OutputTail(EXEC_OUTPUT_BYTES);
      let status: V1Status | undefined;
      let socket: Awaited<ReturnType<Exec['exec']>>;
      try {
        socket = await new Exec(config).exec(namespace, pod, container, command, tail.sink(), tail.sink(), null, false, (s) => { status = s; });
      } catch (error) {
        throw execError(request, error);
      }
      await new Promise<void>((resolve) => {
        if (socket.readyState === socket.CLOSED) resolve();
        else socket.addEventListener('close', () => resolve());
      });
      const exitCode = exitCodeOf(status);
      if (typeof exitCode !== 'number') throw new KubernetesError(request, undefined, exitCode.reason, exitCode.message);
      return { exitCode, output: tail.text() };
    },
    async getClaim(namespace, name) {
      return claimView(await call(`GET ${claimPath(namespace, name)}`, () => core.readNamespacedPersistentVolumeClaim({ name, namespace }, callOptions())));
    },
    async patchClaimSize(namespace, name, storage) {
      const claim = await call(`PATCH ${claimPath(namespace, name)}`, () =>
        core.patchNamespacedPersistentVolumeClaim({ name, namespace, body: { spec: { resources: { requests: { storage } } } } }, callOptions(PatchStrategy.MergePatch)));
      return claimView(claim);
    },
    async getStatefulSet(namespace, name) {
      return statefulSetView(await call(`GET ${statefulSetPath(namespace, name)}`, () => apps.readNamespacedStatefulSet({ name, namespace }, callOptions())));
    },
    async deleteStatefulSetOrphan(namespace, name, uid) {
      await call(`DELETE ${statefulSetPath(namespace, name)}`, () =>
        apps.deleteNamespacedStatefulSet({ name, namespace, body: { propagationPolicy: 'Orphan', preconditions: { uid } } }, callOptions()));
    },
  };
}
