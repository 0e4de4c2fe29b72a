import t from 'tap';
import { loadManifest, syncRequest } from '../../fixtures/requests.js';
import type { KubeObject, SyncRequest, SyncResponse } from '../../schemas/hook.js';
import { objectProblems } from '../api-rules/objects.js';
import { sync } from '../sync.js';
import {
  childrenOf, databasePod, fedBack, inputs, JOB_FAILED, JOB_SUCCEEDED, jobPod, NOW, validateKube, withJobStatus, withReadyInstances, withRelated, withSpecChange,
  withStatefulSetStatus,
} from '../../test/support.js';

const manifest = loadManifest('minimal');
const CLUSTER = 'acid-minimal-cluster';
const PODS = 'Pod.v1';

type Job = KubeObject & { spec: any };
type Options = Parameters<typeof inputs>[0];

function at(now: Date, config: Options = {}) {
  return { ...inputs(config), now };
}

function operationsJobs(response: SyncResponse, action?: string): Job[] {
  const pattern = new RegExp(`-${action ?? '(config|rollout|switchover|restart|reload)'}-[0-9a-f]{10}$`);
  return (childrenOf(response, 'Job') as Job[]).filter((j) => pattern.test(j.metadata.name));
}

function stateOf(response: SyncResponse, name: string): any {
  const configMap = childrenOf(response, 'ConfigMap').find((c) => c.metadata.name === name) as any;
  return JSON.parse(configMap.data['state.json']);
}

function condition(response: SyncResponse, type: string) {
  return response.status.conditions?.find((c) => c.type === type);
}

function templateHash(response: SyncResponse): string {
  return (childrenOf(response, 'StatefulSet')[0] as any).spec.template.metadata.annotations['postgres-metacontroller.io/pod-template-hash'];
}

/** A running cluster after `response`: `ready` ready pods, `outdated` of them not on the StatefulSet's current template. */
function running(request: SyncRequest, response: SyncResponse, outdated = 0, ready = 2): SyncRequest {
  return withReadyInstances(request, response, ready, outdated);
}

function withStatefulSetChange(request: SyncRequest, change: (statefulSet: any) => any): SyncRequest {
  const byName = Object.fromEntries(Object.entries(request.children['StatefulSet.apps/v1']!).map(([k, s]) => [k, change(s)]));
  return { ...request, children: { ...request.children, 'StatefulSet.apps/v1': byName } };
}

/** The StatefulSet's pods as its controller counts them. */
function podStatus(replicas: number, updated: number) {
  return { replicas, readyReplicas: replicas, updatedReplicas: updated, observedGeneration: 1 };
}

/** The first answers until the config Job of the running cluster has succeeded, fed back. */
function configured(request: SyncRequest = syncRequest(manifest), config: Options = {}) {
  const first = sync(request, at(NOW, config));
  const hash = templateHash(first);
  const withJob = running(request, first);
  const second = sync(withJob, at(NOW, config));
  const done = withJobStatus(running(withJob, second), (n) => n.includes('-config-'), JOB_SUCCEEDED);
  return { request: done, hash, response: sync(done, at(NOW, config)) };
}

t.test('no operations Job before a database pod is ready; the configuration comes first once one is', async (t) => {
  const request = syncRequest(manifest);
  const first = sync(request, inputs());
  t.equal(operationsJobs(first).length, 0);
  t.match(condition(first, 'PatroniConfigured'), { status: 'False', reason: 'Waiting', message: /ready database pod/ });
  t.equal(first.resyncAfterSeconds, 1800, 'no poll while waiting for a child to change: at the next repair bucket (NOW is on a boundary)');

  const second = sync(running(request, first), inputs());
  const [job] = operationsJobs(second);
  t.match(job?.metadata.name, new RegExp(`^${CLUSTER}-config-[0-9a-f]{10}$`));
  t.match(condition(second, 'PatroniConfigured'), { reason: 'Pending' });
  const state = stateOf(second, job!.metadata.name);
  t.match(state, { cluster: CLUSTER, namespace: 'default', action: 'config', podSelector: { application: 'spilo', 'cluster-name': CLUSTER }, patroniPort: 8008 });
  t.same(state.config.formerSlots, []);
  t.equal(state.config.desired.synchronous_mode, false);
  const pod = job!.spec.template.spec;
  t.equal(pod.serviceAccountName, 'postgres-metacontroller-operations');
  t.equal(pod.restartPolicy, 'Never');
  t.same(pod.containers[0].command, ['node', 'dist/operations/cli.js', '--state', '/etc/postgres-operations/state.json', '--termination-log', '/dev/termination-log']);
  t.equal(pod.containers[0].terminationMessagePath, '/dev/termination-log');
  t.equal(pod.containers[0].image, inputs().config.setup_job_image, 'the setup image unless operations_job_image is set');
  t.equal(pod.containers[0].securityContext.readOnlyRootFilesystem, true);
  t.equal(pod.securityContext.runAsNonRoot, true);
  t.same([job!.spec.backoffLimit, job!.spec.activeDeadlineSeconds], [2, 3600]);
  const other = sync(running(request, first), inputs({ operations_job_image: 'registry/ops:1', operations_job_backoff_limit: 0 }));
  t.equal(operationsJobs(other)[0]!.spec.template.spec.containers[0].image, 'registry/ops:1');
  t.equal(operationsJobs(other)[0]!.spec.backoffLimit, 0);
});

t.test('the config Job is named by its intent: the same for the same manifest and bucket, new otherwise', async (t) => {
  const request = syncRequest(manifest);
  const first = sync(request, inputs());
  const ready = running(request, first);
  const name = (r: SyncRequest, now = NOW) => operationsJobs(sync(r, at(now)), 'config')[0]?.metadata.name;
  t.equal(name(ready), name(ready), 'deterministic');
  t.equal(name(ready, new Date(NOW.getTime() + 60_000)), name(ready), 'the same repair bucket');
  t.not(name(ready, new Date(NOW.getTime() + 30 * 60_000)), name(ready), 'the next repair bucket');
  const changed = withSpecChange(ready, { postgresql: { version: '18', parameters: { max_connections: '200' } } });
  t.not(name(changed), name(ready), 'a DCS parameter change');
  t.same(stateOf(sync(changed, inputs()), name(changed)!).config.desired.parameters, { max_connections: '200' });
});

t.test('a running Job blocks every other; the finished one stays and is not run again', async (t) => {
  const request = syncRequest(manifest);
  const first = sync(request, inputs());
  const second = sync(running(request, first), inputs());
  const configJob = operationsJobs(second)[0]!.metadata.name;
  // The Job runs; meanwhile a pod is found outdated and a restart is requested.
  const busy = running(withAnnotations(request, { 'postgres-metacontroller.io/restart': 'r1' }), second, 1);
  const third = sync(busy, inputs());
  t.same(operationsJobs(third).map((j) => j.metadata.name), [configJob], 'only the running Job');
  t.match(condition(third, 'PatroniConfigured'), { reason: 'Running' });
  t.match(condition(third, 'RollingUpdate'), { reason: 'Waiting', message: new RegExp(`${configJob} is running`) });
  t.match(condition(third, 'Restart'), { reason: 'Waiting' });
  t.equal(third.resyncAfterSeconds, 30, 'polls while a Job runs');

  const failed = withJobStatus(running(busy, third, 1), () => true, JOB_FAILED);
  const fourth = sync(failed, inputs());
  t.match(condition(fourth, 'PatroniConfigured'), { status: 'False', reason: 'Failed', message: /BackoffLimitExceeded.*delete the Job to run it again/ });
  t.ok(operationsJobs(fourth).some((j) => j.metadata.name === configJob), 'the failed Job stays: it is not run again');
  t.equal(operationsJobs(fourth, 'rollout').length, 1, 'the next action starts');
  t.equal(operationsJobs(fourth).length, 2);

  // Its pods' termination messages: the newest pod's summary line is the condition's message.
  const observedJob = failed.children['Job.batch/v1']![`default/${configJob}`]!;
  const summary = (message: string) => `{"action":"refused","reason":"x"}\n{"summary":{"action":"config","outcome":"refused","message":${JSON.stringify(message)}}}`;
  const withPods = withRelated(failed, PODS, [
    jobPod(observedJob, 1, summary('refused: acid-minimal-cluster-1: lags 99999999 bytes')),
    jobPod(observedJob, 0, summary('an earlier attempt')),
    jobPod(observedJob, 2, 'Error: killed\n    at a stack trace'),
  ]);
  t.match(condition(sync(withPods, inputs()), 'PatroniConfigured'), {
    status: 'False', reason: 'Failed', message: `Job ${configJob} failed: refused: acid-minimal-cluster-1: lags 99999999 bytes; delete the Job to run it again`,
  }, 'the newest pod with a summary; a crash without one is passed over');
});

function withAnnotations(request: SyncRequest, annotations: Record<string, string>): SyncRequest {
  const metadata = request.parent.metadata;
  return { ...request, parent: { ...request.parent, metadata: { ...metadata, annotations: { ...(metadata.annotations ?? {}), ...annotations } } } };
}

t.test('a rollout starts when the StatefulSet counts outdated pods, once it carries the template and every pod exists', async (t) => {
  const { request, hash } = configured();
  t.equal(operationsJobs(sync(request, inputs()), 'rollout').length, 0, 'every pod on the current revision: none');
  t.match(condition(sync(request, inputs()), 'RollingUpdate'), { status: 'True', reason: 'Succeeded' });

  const missing = sync(withStatefulSetStatus(request, podStatus(1, 0)), inputs());
  t.equal(operationsJobs(missing, 'rollout').length, 0);
  t.match(condition(missing, 'RollingUpdate'), { reason: 'Waiting', message: /waiting for 1 of 2 pods to exist/ });

  const outdated = withStatefulSetStatus(request, podStatus(2, 0));
  const rolled = sync(outdated, inputs());
  const [job] = operationsJobs(rolled, 'rollout');
  t.ok(job, 'the rollout Job');
  t.same(stateOf(rolled, job!.metadata.name).rollout, { templateHashAnnotation: 'postgres-metacontroller.io/pod-template-hash', templateHash: hash });
  t.match(condition(rolled, 'RollingUpdate'), { reason: 'Pending', message: /2 of 2 pods not on the current pod template: the Job recreates those whose template hash differs/ });
  t.equal(operationsJobs(sync(withStatefulSetStatus(request, podStatus(2, 1)), inputs()), 'rollout')[0]?.metadata.name, job!.metadata.name,
    'named by the template: the same Job however many pods are outdated');
  const byKubernetes = sync(outdated, inputs({ statefulset_update_strategy: 'RollingUpdate' }));
  t.equal(operationsJobs(byKubernetes, 'rollout').length, 0, 'RollingUpdate: the StatefulSet controller rolls, not the Job');
  t.match(condition(byKubernetes, 'RollingUpdate'), { status: 'True', message: /StatefulSet controller replaces pods itself/ });

  // The Job finds nothing outdated (the revision changed with what the hash leaves out) or recreates the outdated
  // pods: it succeeds, and the same template does not start it again.
  const succeeded = withJobStatus(withStatefulSetStatus(fedBack(outdated, rolled), podStatus(2, 0)), (n) => n === job!.metadata.name, JOB_SUCCEEDED);
  const after = sync(succeeded, inputs());
  t.same(operationsJobs(after, 'rollout').map((j) => j.metadata.name), [job!.metadata.name], 'kept, not run again');
  t.match(condition(after, 'RollingUpdate'), { status: 'True', reason: 'Succeeded' });

  const waiting = sync(withStatefulSetChange(request, (s) => ({ ...s, spec: { ...s.spec, template: { ...s.spec.template, metadata: { labels: {} } } } })), inputs());
  t.equal(operationsJobs(waiting, 'rollout').length, 0);
  t.match(condition(waiting, 'RollingUpdate'), { reason: 'Waiting', message: /StatefulSet to carry the new pod template/ });
});

t.test('a single-instance rollout says there will be downtime', async (t) => {
  const single = syncRequest({ ...manifest, spec: { ...manifest.spec, numberOfInstances: 1 } });
  const { request } = configured(single);
  const response = sync(withStatefulSetStatus(request, podStatus(1, 0)), inputs());
  t.equal(operationsJobs(response, 'rollout').length, 1);
  t.match(condition(response, 'RollingUpdate'), { message: /single instance.*down/ });
});

t.test('removed slots are set to null once, and the answer converges', async (t) => {
  const withSlot = syncRequest({ ...manifest, spec: { ...manifest.spec, patroni: { slots: { keep: { type: 'physical' }, gone: { type: 'physical' } } } } });
  const { request } = configured(withSlot);
  const dropped = withSpecChange(request, { patroni: { slots: { keep: { type: 'physical' } } } });
  const response = sync(dropped, inputs());
  const [job] = operationsJobs(response, 'config').filter((j) => !Object.keys(request.children['Job.batch/v1']!).some((k) => k.endsWith(j.metadata.name)));
  t.ok(job, 'a new config Job');
  t.same(stateOf(response, job!.metadata.name).config.formerSlots, ['gone']);
  t.equal(operationsJobs(response, 'config').length, 1, 'the new Job replaces the older one');

  // While it runs and after it succeeded, it is the Job of the current intent: nothing new starts.
  const runningNext = running(dropped, response);
  const whileRunning = sync(runningNext, inputs());
  t.same(operationsJobs(whileRunning).map((j) => j.metadata.name), [job!.metadata.name]);
  const succeeded = withJobStatus(running(runningNext, whileRunning), () => true, JOB_SUCCEEDED);
  const after = sync(succeeded, inputs());
  t.same(operationsJobs(after).map((j) => j.metadata.name), [job!.metadata.name]);
  t.match(condition(after, 'PatroniConfigured'), { status: 'True', reason: 'Succeeded' });
  const again = sync(withJobStatus(running(succeeded, after), () => true, JOB_SUCCEEDED), inputs());
  t.same(again.children, after.children, 'a fixed point');

  // In the next repair bucket the configuration is put back, without the slot removed long ago.
  const later = sync(succeeded, at(new Date(NOW.getTime() + 30 * 60_000)));
  const [repair] = operationsJobs(later, 'config').filter((j) => j.metadata.name !== job!.metadata.name);
  t.same(stateOf(later, repair!.metadata.name).config.formerSlots, []);
});

t.test('a declarative request runs once per request id, even after its Job was replaced', async (t) => {
  const { request } = configured();
  const asked = withAnnotations(request, { 'postgres-metacontroller.io/switchover': 'req-1', 'postgres-metacontroller.io/switchover-to': `${CLUSTER}-1` });
  const first = sync(asked, inputs());
  const [job] = operationsJobs(first, 'switchover');
  t.ok(job);
  t.match(stateOf(first, job!.metadata.name), { action: 'switchover', requestId: 'req-1', switchover: { candidate: `${CLUSTER}-1` } });
  t.match(condition(first, 'Switchover'), { reason: 'Pending' });

  // Another field of its state changes meanwhile: it is still the same request.
  const lagChanged = withSpecChange(running(asked, first), { patroni: { maximum_lag_on_failover: 1024 } });
  const meanwhile = sync(lagChanged, inputs());
  t.same(operationsJobs(meanwhile, 'switchover').map((j) => j.metadata.name), [job!.metadata.name]);
  t.match(condition(meanwhile, 'Switchover'), { reason: 'Running' });
  const done = withJobStatus(running(lagChanged, meanwhile), () => true, JOB_SUCCEEDED);
  const second = sync(done, inputs());
  t.same(second.status.operations?.switchover, { requestId: 'req-1', outcome: 'Succeeded' });
  t.match(condition(second, 'Switchover'), { status: 'True', reason: 'Succeeded' });

  // The Job is gone (replaced, or deleted by hand): the status remembers the request.
  const replaced = withReadyInstances(done, { ...second, children: second.children.filter((c) => c.metadata.name !== job!.metadata.name) }, 2);
  const withoutJob = withJobStatus(replaced, () => true, JOB_SUCCEEDED);
  const third = sync(withoutJob, inputs());
  t.equal(operationsJobs(third, 'switchover').length, 0, 'not run again');
  t.same(third.status.operations?.switchover, { requestId: 'req-1', outcome: 'Succeeded' });
  t.match(condition(third, 'Switchover'), { reason: 'Succeeded', message: /req-1 was handled/ });

  const newId = withAnnotations(withoutJob, { 'postgres-metacontroller.io/switchover': 'req-2' });
  const fourth = sync(newId, inputs());
  t.equal(operationsJobs(fourth, 'switchover').length, 1, 'a new request id runs');
  t.same(stateOf(fourth, operationsJobs(fourth, 'switchover')[0]!.metadata.name).switchover, { candidate: `${CLUSTER}-1` }, 'switchover-to still names the candidate');
});

t.test('restart and reload requests; a standby cluster is configured but not switched over', async (t) => {
  const { request } = configured();
  const restart = sync(withAnnotations(request, { 'postgres-metacontroller.io/restart': 'a', 'postgres-metacontroller.io/reload': 'b' }), inputs());
  t.equal(operationsJobs(restart, 'restart').length, 1, 'restart before reload');
  t.equal(operationsJobs(restart, 'reload').length, 0);
  t.match(condition(restart, 'Reload'), { reason: 'Waiting', message: /goes first/ });

  const standbyManifest = loadManifest('standby');
  const standby = syncRequest(withAnnotationsOf(standbyManifest, { 'postgres-metacontroller.io/switchover': 's1' }));
  const first = sync(standby, inputs());
  t.match(condition(first, 'Switchover'), { status: 'False', reason: 'Failed', message: /s1 is skipped: a standby cluster/ });
  const second = sync(withReadyInstances(standby, first, 1), inputs());
  t.equal(operationsJobs(second, 'switchover').length, 0);
  t.equal(operationsJobs(second, 'config').length, 1, 'the configuration still follows the manifest');
  t.same(second.status.operations?.switchover, { requestId: 's1', outcome: 'Skipped' });
  t.match(condition(second, 'Switchover'), { status: 'False', reason: 'Failed', message: /s1 was handled \(Skipped\)/ });
});

function withAnnotationsOf<T extends KubeObject>(object: T, annotations: Record<string, string>): T {
  return { ...object, metadata: { ...object.metadata, annotations: { ...(object.metadata.annotations ?? {}), ...annotations } } };
}

t.test('a scale-down holds the replicas until a switchover Job made sure the primary is kept', async (t) => {
  const three = syncRequest({ ...manifest, spec: { ...manifest.spec, numberOfInstances: 3 } });
  const { request } = configured(three);
  const scaled = withSpecChange(withStatefulSetStatus(request, podStatus(3, 3)), { numberOfInstances: 1 });
  const held = sync(scaled, inputs());
  t.equal((childrenOf(held, 'StatefulSet')[0] as any).spec.replicas, 3, 'replicas held');
  const [job] = operationsJobs(held, 'switchover');
  t.same(stateOf(held, job!.metadata.name).switchover, { instances: 1 });
  t.notOk(stateOf(held, job!.metadata.name).requestId);
  t.match(condition(held, 'Switchover'), { reason: 'Pending', message: /scale-down from 3 to 1 instances waits for the switchover Job, which moves the primary to a pod kept when it is acid-minimal-cluster-1 or above/ });

  const whileRunning = sync(withReadyInstances(scaled, held, 3), inputs());
  t.equal((childrenOf(whileRunning, 'StatefulSet')[0] as any).spec.replicas, 3, 'still held while it runs');
  t.match(condition(whileRunning, 'Switchover'), { reason: 'Running' });
  const failed = sync(withJobStatus(withReadyInstances(scaled, whileRunning, 3), (n) => n === job!.metadata.name, JOB_FAILED), inputs());
  t.equal((childrenOf(failed, 'StatefulSet')[0] as any).spec.replicas, 3, 'held when it failed');
  t.match(condition(failed, 'Switchover'), { reason: 'Failed', message: /delete the Job to run it again/ });

  const switched = withJobStatus(withReadyInstances(scaled, whileRunning, 3), (n) => n === job!.metadata.name, JOB_SUCCEEDED);
  const released = sync(switched, inputs());
  t.equal((childrenOf(released, 'StatefulSet')[0] as any).spec.replicas, 1, 'once it succeeded the scale-down goes on');
  t.match(condition(released, 'Switchover'), { status: 'True', reason: 'Succeeded' });
  const scaledDown = withJobStatus(withReadyInstances(switched, released, 1), (n) => n === job!.metadata.name, JOB_SUCCEEDED);
  const settled = sync(scaledDown, inputs());
  t.equal((childrenOf(settled, 'StatefulSet')[0] as any).spec.replicas, 1);
  t.same(operationsJobs(settled).map((j) => j.metadata.name), operationsJobs(released).map((j) => j.metadata.name), 'the Job stays, nothing new starts');
  t.same(sync(withJobStatus(withReadyInstances(scaledDown, settled, 1), () => true, JOB_SUCCEEDED), inputs()).children, settled.children, 'a fixed point');

  // Scaled up and down again later: the StatefulSet's generation has moved on, so the old Job does not count.
  const later = sync(withJobStatus(withStatefulSetChange(switched, (s) => ({ ...s, metadata: { ...s.metadata, generation: 7 } })), () => true, JOB_SUCCEEDED), inputs());
  t.equal((childrenOf(later, 'StatefulSet')[0] as any).spec.replicas, 3, 'held again');
  const [next] = operationsJobs(later, 'switchover');
  t.not(next?.metadata.name, job!.metadata.name, 'by a new Job');
  t.match(condition(later, 'Switchover'), { reason: 'Pending' });

  const up = sync(withSpecChange(withStatefulSetStatus(request, podStatus(3, 3)), { numberOfInstances: 4 }), inputs());
  t.equal((childrenOf(up, 'StatefulSet')[0] as any).spec.replicas, 4, 'a scale-up needs no Job');
  t.equal(operationsJobs(up, 'switchover').length, 0);
});

t.test('no decision reads a database pod: the answer is the same whatever pods are observed', async (t) => {
  const three = syncRequest({ ...manifest, spec: { ...manifest.spec, numberOfInstances: 3 } });
  const { request, hash } = configured(three);
  const states = [
    withStatefulSetStatus(request, podStatus(3, 3)),
    withSpecChange(withStatefulSetStatus(request, podStatus(3, 3)), { numberOfInstances: 1 }),
    withStatefulSetStatus(request, podStatus(3, 1)),
    withAnnotations(request, { 'postgres-metacontroller.io/restart': 'r1' }),
  ];
  const podSets = [
    [],
    [0, 1, 2].map((i) => databasePod(CLUSTER, i, { templateHash: hash, role: i === 0 ? 'master' : 'replica' })),
    [0, 1, 2].map((i) => databasePod(CLUSTER, i, { templateHash: 'old', role: i === 2 ? 'master' : 'replica' })),
    [databasePod(CLUSTER, 1, { role: 'master' })],
  ];
  for (const [i, state] of states.entries()) {
    const answer = sync(state, inputs());
    for (const [j, podSet] of podSets.entries()) t.same(sync(withRelated(state, PODS, podSet), inputs()), answer, `state ${i}, pods ${j}`);
  }
});

t.test('resync at the next repair bucket boundary, and every child is accepted', async (t) => {
  const { response } = configured();
  const interval = 30 * 60;
  const seconds = Math.floor(NOW.getTime() / 1000);
  t.equal(response.resyncAfterSeconds, interval - (seconds % interval));
  const hourly = configured(syncRequest(manifest), { repair_interval: '1h' }).response;
  t.equal(hourly.resyncAfterSeconds, 3600 - (seconds % 3600));
  for (const child of [...response.children, ...sync(withAnnotations(configured().request, { 'postgres-metacontroller.io/reload': 'x' }), inputs()).children]) {
    t.same(objectProblems(child), [], `${child.kind} ${child.metadata.name}`);
    validateKube(child);
  }
});

t.test('a Job\'s pod with unreadable labels keeps every child and says which', async (t) => {
  const { request } = configured();
  const job = Object.values(request.children['Job.batch/v1']!)[0]!;
  const pod = jobPod(job, 0, 'x');
  const broken = { ...pod, metadata: { ...pod.metadata, labels: ['job-name'] } } as unknown as KubeObject;
  const response = sync(withRelated(request, PODS, [broken]), inputs());
  t.equal(response.status.PostgresClusterStatus, 'SyncFailed');
  t.match(condition(response, 'ObservedObjectsReadable'), { reason: 'MalformedObservedObject', message: new RegExp(`Pod default/${pod.metadata.name}: metadata.labels`) });
  t.equal(response.children.length, Object.values(request.children).flatMap((m) => Object.values(m)).length);
});

t.test('hibernated: a request waits for the wake-up, unhandled, and the finished Jobs stay', async (t) => {
  const { request, response } = configured();
  const restart = { 'postgres-metacontroller.io/restart': 'r1' };
  const asleep = sync(withAnnotations(request, { ...restart, 'postgres-metacontroller.io/hibernate': 'true' }), inputs());
  t.same(operationsJobs(asleep, 'restart'), [], 'no Job starts');
  t.same(operationsJobs(asleep).map((j) => j.metadata.name), operationsJobs(response).map((j) => j.metadata.name), 'the config Job stays');
  t.match(condition(asleep, 'Restart'), { status: 'False', reason: 'Waiting', message: /the cluster is hibernated/ });
  t.notOk(asleep.status.operations?.restart, 'the request is not recorded as handled');
  t.equal((childrenOf(asleep, 'StatefulSet')[0] as Job).spec.replicas, 0);
  const awake = sync(withAnnotations(request, restart), inputs());
  t.equal(operationsJobs(awake, 'restart').length, 1, 'awake, it starts');
});
