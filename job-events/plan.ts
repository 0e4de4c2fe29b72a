// Which Event the logical backup's sidecar records for what its own pod says: whether it may run at all
// (only as a native sidecar: as a plain init container it would hold the backup back forever), the start,
// and the end read from the backup container's terminated state. Pure: the pod comes in as a view.
import type { JobEvent } from '../operations/recorder.js';
import { summaryEvent } from '../operations/report-events.js';

/** A container's status as the pod reports it. */
export interface ContainerView {
  state: 'waiting' | 'running' | 'terminated' | 'unknown';
  restartCount: number;
  exitCode?: number;
  /** `Completed`, `Error`, `OOMKilled` … */
  reason?: string;
  /** The termination message: the file's content or, with FallbackToLogsOnError after a failure, the log's tail. */
  message?: string;
}

/** What the sidecar reads of its own pod. */
export interface OwnPod {
  name: string;
  /** The Job that owns the pod (its controller owner reference). */
  job?: string;
  /** A deletion was asked for: the pod is terminating. */
  deleting: boolean;
  /** Init containers declared with restartPolicy Always: native sidecars. */
  sidecars: string[];
  /** Init and regular containers' statuses by name. */
  containers: Record<string, ContainerView>;
}

/** Who the sidecar is, whom it watches, and what started the backup. */
export interface Watch {
  self: string;
  container: string;
  origin: { cronJob: string } | { requestId: string };
}

const ACTION = 'logicalBackup';
/** Bytes of the log's tail quoted in a failure's note; the Event's note is cut at 1 KiB. */
export const LOG_TAIL_BYTES = 600;

/** `the logical backup Job J (pod P, scheduled by CronJob C)`. */
export function describeRun(pod: OwnPod, watch: Watch): string {
  const origin = 'cronJob' in watch.origin ? `scheduled by CronJob ${watch.origin.cronJob}` : `on demand, request ${watch.origin.requestId}`;
  return `the logical backup ${pod.job ? `Job ${pod.job}` : 'Job'} (pod ${pod.name}, ${origin})`;
}

export type StartPlan = { run: false; reason: string } | { run: true; event?: JobEvent };

/**
 * Runs only as a native sidecar: an API server without them (before 1.29, or the SidecarContainers gate off)
 * drops restartPolicy, and a plain init container must end for the backup to start. A sidecar the kubelet
 * restarted records no second start.
 */
export function planStart(pod: OwnPod, watch: Watch): StartPlan {
  if (!pod.sidecars.includes(watch.self)) {
    return { run: false, reason: `container ${watch.self} is not a native sidecar in pod ${pod.name} (Kubernetes before 1.29, or the SidecarContainers feature gate off): the backup runs without Events` };
  }
  if ((pod.containers[watch.self]?.restartCount ?? 0) > 0) return { run: true };
  return { run: true, event: { type: 'Normal', reason: 'LogicalBackupStarted', note: `${describeRun(pod, watch)} started` } };
}

/** The end of a text within `limit` bytes of UTF-8, at a character boundary, marked when cut. */
export function tailOf(text: string, limit: number): string {
  if (Buffer.byteLength(text) <= limit) return text;
  const chars = [...text];
  let bytes = Buffer.byteLength('…');
  let start = chars.length;
  while (start > 0 && bytes + Buffer.byteLength(chars[start - 1]!) <= limit) bytes += Buffer.byteLength(chars[--start]!);
  return `…${chars.slice(start).join('')}`;
}

/**
 * The log's tail without the lines of the shell's command trace (`+ …`): dump.sh runs with `set -x`, and a traced
 * command line may carry a credential; the tools' own error lines stay.
 */
export function quotedLog(message: string): string {
  const lines = message.split('\n').map((line) => line.trimEnd()).filter((line) => line.trim() !== '' && !/^\s*\++ /.test(line));
  return tailOf(lines.join('\n'), LOG_TAIL_BYTES);
}

export type EndPlan = { wait: true; state: string } | { wait: false; outcome: 'succeeded' | 'failed' | 'unknown'; event: JobEvent };

/**
 * The end, once the watched container has terminated in the pod's status (the kubelet stops the sidecar when the
 * regular containers ended, and writes their status to the API server on its own schedule): until then wait,
 * and when `timedOut` say the outcome is unknown.
 */
export function planEnd(pod: OwnPod | undefined, watch: Watch, timedOut: boolean): EndPlan {
  const status = pod?.containers[watch.container];
  if (pod && status?.state === 'terminated') {
    const run = describeRun(pod, watch);
    const deleting = pod.deleting ? ' while the pod was being deleted' : '';
    if (status.exitCode === 0) return { wait: false, outcome: 'succeeded', event: summaryEvent(ACTION, 'done', `${run} succeeded${deleting}`)! };
    const log = status.message ? quotedLog(status.message) : '';
    const cause = `exit code ${status.exitCode ?? 'unknown'}${status.reason ? ` (${status.reason})` : ''}`;
    return { wait: false, outcome: 'failed', event: summaryEvent(ACTION, 'failed', `${run} failed${deleting}: ${cause}${log ? `: ${log}` : ''}`)! };
  }
  if (!timedOut) return { wait: true, state: status?.state ?? (pod ? 'not reported' : 'pod not read') };
  const where = pod ? `container ${watch.container} had not ended in the pod's status (${status?.state ?? 'not reported'})` : 'its pod could not be read';
  return {
    wait: false,
    outcome: 'unknown',
    event: { type: 'Warning', reason: 'LogicalBackupOutcomeUnknown', note: `${pod ? describeRun(pod, watch) : 'the logical backup Job'}: ${where} when the sidecar had to stop; the Job's status tells` },
  };
}
