// Kubernetes Events on the `postgresql` object, so that `kubectl describe postgresql` tells what the Jobs
// did. A thin adapter over @kubernetes/client-node: core/v1 Events (what `kubectl describe` lists), with
// RFC 3339 first/last timestamps rather than the events.k8s.io MicroTime, which the API server accepts
// only with exactly six fractional digits (kubernetes/kubernetes#94748) and the client writes with three.
// An Event that cannot be written is reported to the caller and never fails the Job. Any Job (setup,
// operations, backup, restore) records through `eventRecorder`.
import { CoreV1Api, type CoreV1Event, type KubeConfig } from '@kubernetes/client-node';
import { boundedMessage } from '../schemas/job-summary.js';
import { API_GROUP, PARENT_KIND } from '../hooks/names.js';
import { boundedCallOptions, DEFAULT_TIMEOUT_MS, kubeConfigFromEnvironment, kubernetesError, type KubernetesError } from './kubernetes.js';
import type { EventRecorder, EventSubject, JobEvent } from './recorder.js';

/** Kubernetes keeps Events small; a note longer than this is cut (and marked). */
export const EVENT_NOTE_BYTES = 1024;

export interface EventRecorderOptions {
  config?: KubeConfig;
  /** Who reports: `source.component` and `reportingComponent`, e.g. `postgres-metacontroller-operations`. */
  component: string;
  /** Which instance reports: the Job's pod. */
  instance: string;
  now?: () => Date;
  timeoutMs?: number;
  /** Told about each Event that could not be written. */
  onError: (error: KubernetesError) => void;
}

export function eventRecorder(subject: EventSubject, options: EventRecorderOptions): EventRecorder {
  const core = (options.config ?? kubeConfigFromEnvironment()).makeApiClient(CoreV1Api);
  const now = options.now ?? (() => new Date());
  const { namespace } = subject;
  const request = `POST /api/v1/namespaces/${encodeURIComponent(namespace)}/events`;
  let queue: Promise<void> = Promise.resolve();

  function body(event: JobEvent): CoreV1Event {
    const at = now();
    return {
      apiVersion: 'v1',
      kind: 'Event',
      // The API server makes the name unique; the prefix says whose Event it is, as kubectl's recorder does.
      metadata: { generateName: `${subject.name}.`, namespace },
      involvedObject: { apiVersion: `${API_GROUP}/v1`, kind: PARENT_KIND, name: subject.name, namespace, uid: subject.uid },
      type: event.type,
      reason: event.reason,
      message: boundedMessage(event.note, EVENT_NOTE_BYTES),
      source: { component: options.component },
      reportingComponent: options.component,
      reportingInstance: options.instance,
      firstTimestamp: at,
      lastTimestamp: at,
      count: 1,
    };
  }

  return {
    record(event) {
      const created = body(event);
      queue = queue.then(() => core.createNamespacedEvent({ namespace, body: created }, boundedCallOptions(options.timeoutMs ?? DEFAULT_TIMEOUT_MS)))
        .then(() => undefined, (error: unknown) => options.onError(kubernetesError(request, error)));
    },
    flush: () => queue,
  };
}
