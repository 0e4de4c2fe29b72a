// `job-events --self <name> --container <name> --cluster <name> --cluster-uid <uid> (--cron-job <name> | --request <id>)
// [--wait-seconds N] [--termination-log PATH]`, with POD_NAME and POD_NAMESPACE from the downward API: the
// logical backup pod's Events sidecar (hooks/pod/logical-backup-events.ts). It records the start, waits to be
// stopped (the kubelet stops sidecars once the regular containers ended), then reads its pod until the
// watched container's end is there and records it. It prints one JSON line per step and a summary, and
// always exits 0: as a sidecar its exit code is ignored, and as a plain init container (no native sidecars)
// anything else would fail the backup pod.
import { parseArgs } from 'node:util';
import { endWithSummary, summaryLine, terminationLogOf } from '../schemas/job-summary.js';
import type { EventRecorder, EventSubject, JobEvent } from '../operations/recorder.js';
import type { OwnPodApi } from './kubernetes.js';
import { planEnd, planStart, type OwnPod, type Watch } from './plan.js';

export interface Invocation {
  watch: Watch;
  namespace: string;
  pod: string;
  subject: EventSubject;
  waitMs: number;
}

export interface Runtime {
  pods: OwnPodApi;
  events: EventRecorder;
  /** Resolves when the sidecar is asked to stop (SIGTERM). */
  stopped: Promise<void>;
  sleep(ms: number): Promise<void>;
  now(): number;
}

const START_ATTEMPTS = 3;
const RETRY_MS = 2_000;
const POLL_MS = 1_000;

function parse(argv: string[], env: NodeJS.ProcessEnv): Invocation {
  const { values } = parseArgs({
    args: argv,
    options: {
      self: { type: 'string' },
      container: { type: 'string' },
      cluster: { type: 'string' },
      'cluster-uid': { type: 'string', default: '' },
      'cron-job': { type: 'string' },
      request: { type: 'string' },
      'wait-seconds': { type: 'string', default: '60' },
      'termination-log': { type: 'string' },
    },
  });
  const { self, container, cluster } = values;
  const pod = env.POD_NAME;
  const namespace = env.POD_NAMESPACE;
  if (!self || !container || !cluster || !pod || !namespace) throw new Error('--self, --container, --cluster, POD_NAME and POD_NAMESPACE are required');
  const cronJob = values['cron-job'];
  const { request } = values;
  if ((cronJob === undefined) === (request === undefined)) throw new Error('one of --cron-job or --request says what started the backup');
  const waitMs = Number(values['wait-seconds']) * 1000;
  if (!(waitMs > 0)) throw new Error('--wait-seconds must be a positive number');
  return {
    watch: { self, container, origin: cronJob !== undefined ? { cronJob } : { requestId: request! } },
    namespace, pod, subject: { name: cluster, namespace, uid: values['cluster-uid'] }, waitMs,
  };
}

export async function main(argv: string[], env: NodeJS.ProcessEnv, write: (line: string) => void, runtimeFor: (invocation: Invocation) => Runtime): Promise<number> {
  const terminationLog = terminationLogOf(argv);
  const end = (outcome: string, message: string) => {
    endWithSummary(write, terminationLog, summaryLine({ outcome, message }));
    return 0;
  };
  let invocation: Invocation;
  try {
    invocation = parse(argv, env);
  } catch (error) {
    return end('unusable', (error as Error).message);
  }
  const { watch, namespace, pod: podName, waitMs } = invocation;
  const runtime = runtimeFor(invocation);
  const line = (fields: Record<string, unknown>) => write(JSON.stringify(fields));
  const record = (event: JobEvent) => {
    runtime.events.record(event);
    line({ action: 'event', type: event.type, reason: event.reason, note: event.note });
  };
  const read = async (): Promise<OwnPod | undefined> => {
    try {
      return await runtime.pods.readPod(namespace, podName);
    } catch (error) {
      line({ action: 'read-pod', status: 'failed', reason: (error as Error).message });
      return undefined;
    }
  };

  let pod: OwnPod | undefined;
  for (let attempt = 1; !pod && attempt <= START_ATTEMPTS; attempt++) {
    pod = await read();
    if (!pod && attempt < START_ATTEMPTS) await runtime.sleep(RETRY_MS);
  }
  // Unread, the pod may hold this container as a plain init container: ending lets the backup run.
  if (!pod) return end('skipped', `pod ${podName} could not be read: no Events for this backup`);
  const start = planStart(pod, watch);
  if (!start.run) return end('skipped', start.reason);
  if (start.event) record(start.event);
  line({ action: 'watch', container: watch.container, status: 'waiting for the stop signal' });

  await runtime.stopped;
  const deadline = runtime.now() + waitMs;
  let reported = '';
  for (;;) {
    const plan = planEnd(await read(), watch, runtime.now() >= deadline);
    if (!plan.wait) {
      record(plan.event);
      await runtime.events.flush();
      return end(plan.outcome, plan.event.note);
    }
    if (plan.state !== reported) line({ action: 'wait', container: watch.container, state: plan.state });
    reported = plan.state;
    await runtime.sleep(POLL_MS);
  }
}
