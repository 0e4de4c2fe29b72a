// Entry point of the logical backup pod's Events sidecar: the Kubernetes client, the stop signal, real time.
import { setTimeout as sleep } from 'node:timers/promises';
import { eventRecorder } from '../operations/events.js';
import { ownPodApi } from './kubernetes.js';
import { main } from './main.js';

/** An Event must be written before the kubelet's grace period is over. */
const EVENT_TIMEOUT_MS = 10_000;

// A signal listener does not keep Node running; this timer does, until the stop signal.
const alive = setInterval(() => undefined, 60_000);
const stopped = new Promise<void>((resolve) => {
  for (const signal of ['SIGTERM', 'SIGINT'] as const) process.once(signal, () => resolve());
});
const write = (line: string) => process.stdout.write(`${line}\n`);

process.exitCode = await main(process.argv.slice(2), process.env, write, ({ subject, pod }) => ({
  pods: ownPodApi(undefined, { timeoutMs: EVENT_TIMEOUT_MS }),
  events: eventRecorder(subject, {
    component: 'postgres-metacontroller-logical-backup',
    instance: pod,
    timeoutMs: EVENT_TIMEOUT_MS,
    // The backup goes on: the sidecar's log says the same.
    onError: (error) => write(JSON.stringify({ event: 'not-recorded', reason: error.message })),
  }),
  stopped,
  sleep: (ms) => sleep(ms),
  now: () => Date.now(),
}));
clearInterval(alive);
