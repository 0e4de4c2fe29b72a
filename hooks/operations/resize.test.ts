// The volume resize through the sync hook: what it plans from the claims and the StatefulSet, what it
// refuses, what it answers while the StatefulSet is deleted and once it is gone, and that a recreated
// StatefulSet differs from the orphaned one in its claim template only.
import t from 'tap';
import { loadManifest, syncRequest } from '../../fixtures/requests.js';
import type { KubeObject, SyncRequest, SyncResponse } from '../../schemas/hook.js';
import {
  childrenOf, fedBack, inputs, JOB_FAILED, JOB_SUCCEEDED, withJobStatus, withReadyInstances, withRelated, withSpecChange,
} from '../../test/support.js';
import { sync } from '../sync.js';

const manifest = loadManifest('minimal');
const CLUSTER = 'acid-minimal-cluster';
const CLAIMS = 'PersistentVolumeClaim.v1';
const STS = 'StatefulSet.apps/v1';
const VOLUME = (manifest.spec as { volume: { size: string } }).volume;
const SIZE = VOLUME.size;
const RESIZE_JOB = new RegExp(`^${CLUSTER}-resize-[0-9a-f]{10}$`);

type Options = Parameters<typeof inputs>[0];

function condition(response: SyncResponse) {
  return response.status.conditions?.find((c) => c.type === 'VolumesResized');
}
function resizeJobs(response: SyncResponse): KubeObject[] {
  return childrenOf(response, 'Job').filter((j) => RESIZE_JOB.test(j.metadata.name));
}
function stateOf(response: SyncResponse, name: string): any {
  const configMap = childrenOf(response, 'ConfigMap').find((c) => c.metadata.name === name) as any;
  return JSON.parse(configMap.data['state.json']);
}
function statefulSetOf(response: SyncResponse): any {
  return childrenOf(response, 'StatefulSet')[0];
}
function templateHash(response: SyncResponse): string {
  return statefulSetOf(response).spec.template.metadata.annotations['postgres-metacontroller.io/pod-template-hash'];
}

/** A data volume claim as the API server lists it: bound, its capacity what it requests unless told. */
function claim(ordinal: number, requested: string, extra: { capacity?: string; storageClassName?: string; conditions?: object[] } = {}): KubeObject {
  return {
    apiVersion: 'v1', kind: 'PersistentVolumeClaim',
    metadata: { name: `pgdata-${CLUSTER}-${ordinal}`, namespace: 'default', labels: { application: 'spilo', 'cluster-name': CLUSTER, team: 'acid' } },
    spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: requested } }, storageClassName: extra.storageClassName ?? 'standard', volumeMode: 'Filesystem' },
    status: { phase: 'Bound', capacity: { storage: extra.capacity ?? requested }, ...(extra.conditions ? { conditions: extra.conditions } : {}) },
  } as KubeObject;
}

/** The request with the observed StatefulSet changed (its uid, a deletion …). */
function withStatefulSet(request: SyncRequest, change: (sts: any) => any): SyncRequest {
  const byName = Object.fromEntries(Object.entries(request.children[STS] ?? {}).map(([k, s]) => [k, change(structuredClone(s))]));
  return { ...request, children: { ...request.children, [STS]: byName } };
}
function withoutStatefulSet(request: SyncRequest): SyncRequest {
  return { ...request, children: { ...request.children, [STS]: {} } };
}

/**
 * A running cluster of two created at `SIZE` (config Job succeeded, claims at `SIZE`), then the manifest
 * changed to `size`: the request the hook gets next.
 */
function running(size = SIZE, config: Options = {}, claims?: KubeObject[]) {
  const first = syncRequest(manifest);
  const answer = sync(first, inputs(config));
  let request = withRelated(withReadyInstances(first, answer, 2), CLAIMS, [claim(0, SIZE), claim(1, SIZE)]);
  const second = sync(request, inputs(config));
  request = withJobStatus(withRelated(withReadyInstances(request, second, 2), CLAIMS, [claim(0, SIZE), claim(1, SIZE)]), () => true, JOB_SUCCEEDED);
  request = withStatefulSet(request, (s) => ({ ...s, metadata: { ...s.metadata, uid: 'sts-uid-1' } }));
  const changed = withSpecChange(request, { volume: { ...VOLUME, size } });
  return { request: claims ? withRelated(changed, CLAIMS, claims) : changed };
}

t.test('pvc mode: the claims below the manifest size are grown by a Job, which then recreates the StatefulSet', async (t) => {
  const { request } = running('5Gi');
  const response = sync(request, inputs());
  const [job] = resizeJobs(response);
  t.ok(job, 'a resize Job');
  const state = stateOf(response, job!.metadata.name);
  t.same(state.resize, { size: '5Gi', claims: [`pgdata-${CLUSTER}-0`, `pgdata-${CLUSTER}-1`], statefulSet: { name: CLUSTER, uid: 'sts-uid-1', replicas: 2 }, template: 'pgdata' });
  t.match(state, { action: 'resize', cluster: CLUSTER, namespace: 'default', podSelector: { application: 'spilo', 'cluster-name': CLUSTER } });
  t.match(condition(response), { status: 'False', reason: 'Pending', message: new RegExp(`pgdata-${CLUSTER}-0 \\(1Gi\\), pgdata-${CLUSTER}-1 \\(1Gi\\) grown to 5Gi; the StatefulSet is recreated with a claim template of 5Gi, its pods kept`) });
  t.same(statefulSetOf(response).spec.volumeClaimTemplates[0].spec.resources.requests.storage, SIZE, 'the immutable claim template is carried');
  const applied = response.status.conditions?.find((c) => c.type === 'SpecApplied');
  t.match(applied, { status: 'False', message: /1Gi → 5Gi is not applied .* the volume resize \(condition VolumesResized\) grows the claims and recreates the StatefulSet, keeping its pods/ });

  // The same intent, the same name; another target size or another StatefulSet, another Job.
  const name = (r: SyncRequest) => resizeJobs(sync(r, inputs()))[0]?.metadata.name;
  t.equal(name(request), job!.metadata.name, 'stable');
  t.not(name(withSpecChange(request, { volume: { size: '6Gi' } })), job!.metadata.name, 'another target size');
  t.not(name(withStatefulSet(request, (s) => ({ ...s, metadata: { ...s.metadata, uid: 'sts-uid-2' } }))), job!.metadata.name, 'another StatefulSet');
  const equal = sync(withSpecChange(request, { volume: { size: '5120Mi' } }), inputs());
  t.not(resizeJobs(equal)[0]?.metadata.name, undefined, '5120Mi is as much as 5Gi: compared exactly');
});

t.test('ebs and mixed act as pvc, with a note; off does nothing and says so', async (t) => {
  for (const mode of ['ebs', 'mixed'] as const) {
    const response = sync(running('5Gi', { storage_resize_mode: mode }).request, inputs({ storage_resize_mode: mode }));
    t.equal(resizeJobs(response).length, 1, mode);
    t.match(condition(response), { reason: 'Pending', message: new RegExp(`storage_resize_mode ${mode} acts as pvc here: .* no cloud volume API is called`) });
  }
  const off = sync(running('5Gi', { storage_resize_mode: 'off' }).request, inputs({ storage_resize_mode: 'off' }));
  t.equal(resizeJobs(off).length, 0);
  t.match(condition(off), { status: 'False', reason: 'Disabled', message: `storage_resize_mode is off: volume.size 5Gi is not applied (pgdata-${CLUSTER}-0 requests 1Gi, pgdata-${CLUSTER}-1 requests 1Gi, the StatefulSet's claim template requests 1Gi)` });
  t.equal(statefulSetOf(off).spec.volumeClaimTemplates[0].spec.resources.requests.storage, SIZE);
  t.match(off.status.conditions?.find((c) => c.type === 'SpecApplied'), { status: 'False', message: /storage_resize_mode is off, so the claims and the template keep their size/ });
  const unchanged = sync(running(SIZE, { storage_resize_mode: 'off' }).request, inputs({ storage_resize_mode: 'off' }));
  t.match(condition(unchanged), { status: 'True', reason: 'Disabled' });
});

t.test('shrinking and a storage-class change are refused, naming the claim; nothing is touched', async (t) => {
  const bigger = [claim(0, '5Gi'), claim(1, '2Gi')];
  const shrink = sync(running('2Gi', {}, bigger).request, inputs());
  t.equal(resizeJobs(shrink).length, 0);
  t.match(condition(shrink), { status: 'False', reason: 'Refused', message: `nothing is resized: pgdata-${CLUSTER}-0 requests 5Gi, more than volume.size 2Gi: a volume cannot shrink` });

  const { request } = running('5Gi');
  const classed = sync(withSpecChange(request, { volume: { size: '5Gi', storageClass: 'fast' } }), inputs());
  t.equal(resizeJobs(classed).length, 0);
  t.match(condition(classed), { reason: 'Refused', message: new RegExp(`pgdata-${CLUSTER}-0 has storage class standard and volume.storageClass is fast: a claim's storage class cannot change; pgdata-${CLUSTER}-1 has`) });
  const sameClass = sync(withSpecChange(request, { volume: { size: '5Gi', storageClass: 'standard' } }), inputs());
  t.equal(resizeJobs(sameClass).length, 1, 'the class the claims have (the default class filled in) is no change');
});

t.test('claims waiting for the filesystem expansion are named until it is done', async (t) => {
  const pendingFs = { type: 'FileSystemResizePending', status: 'True', message: 'Waiting for user to (re-)start a pod to finish file system resize of volume on node.' };
  const claims = [claim(0, '5Gi', { capacity: '1Gi', conditions: [pendingFs] }), claim(1, '5Gi', { capacity: '1Gi' })];
  const { request } = running('5Gi', {}, claims);
  const recreated = withStatefulSet(request, (s) => ({
    ...s, metadata: { ...s.metadata, uid: 'sts-uid-2' },
    spec: { ...s.spec, volumeClaimTemplates: [{ ...s.spec.volumeClaimTemplates[0], spec: { ...s.spec.volumeClaimTemplates[0].spec, resources: { requests: { storage: '5Gi' } } } }] },
  }));
  const waiting = sync(recreated, inputs());
  t.equal(resizeJobs(waiting).length, 0, 'nothing left to patch');
  t.match(condition(waiting), { status: 'False', reason: 'FileSystemResizePending', message: `waiting for the storage driver to finish expanding pgdata-${CLUSTER}-0 (FileSystemResizePending), pgdata-${CLUSTER}-1 (capacity 1Gi of 5Gi)` });
  const resizing = sync(withRelated(recreated, CLAIMS, [claim(0, '5Gi', { capacity: '1Gi', conditions: [{ type: 'Resizing', status: 'True' }] }), claim(1, '5Gi')]), inputs());
  t.match(condition(resizing), { reason: 'FileSystemResizePending', message: `waiting for the storage driver to finish expanding pgdata-${CLUSTER}-0 (Resizing)` });
  const done = sync(withRelated(recreated, CLAIMS, [claim(0, '5Gi'), claim(1, '5Gi', { conditions: [{ type: 'FileSystemResizePending', status: 'False' }] })]), inputs());
  t.match(condition(done), { status: 'True', reason: 'Succeeded', message: 'every data volume claim requests 5Gi' });
});

t.test('the Job\'s outcomes; the StatefulSet while it is deleted and once it is gone; the recreated one is left alone', async (t) => {
  const { request } = running('5Gi');
  const first = sync(request, inputs());
  const jobName = resizeJobs(first)[0]!.metadata.name;
  const next = (response: SyncResponse, status?: object) => {
    let r = withRelated(withReadyInstances(request, response, 2), CLAIMS, [claim(0, '5Gi'), claim(1, '5Gi')]);
    r = withStatefulSet(r, (s) => ({ ...s, metadata: { ...s.metadata, uid: 'sts-uid-1' } }));
    return status ? withJobStatus(r, (n) => n === jobName, status) : r;
  };
  const whileRunning = sync(next(first), inputs());
  t.match(condition(whileRunning), { reason: 'Running' });
  t.equal(whileRunning.resyncAfterSeconds, 30, 'polled while it runs');

  const failed = sync(next(first, { conditions: [{ ...JOB_FAILED.conditions[0], message: 'persistentvolumeclaims "pgdata-x-0" is forbidden' }] }), inputs());
  t.match(condition(failed), { status: 'False', reason: 'Failed', message: new RegExp(`Job ${jobName} failed \\(BackoffLimitExceeded: persistentvolumeclaims "pgdata-x-0" is forbidden\\)`) });
  t.equal(resizeJobs(failed).length, 1, 'the failed Job stays and is not run again');

  // The Job deleted the StatefulSet with orphan propagation: it is pending deletion.
  const deleting = withStatefulSet(next(first, JOB_SUCCEEDED), (s) => ({ ...s, metadata: { ...s.metadata, deletionTimestamp: '2026-11-20T12:05:00Z', finalizers: ['orphan'] } }));
  const duringDeletion = sync(deleting, inputs());
  t.match(condition(duringDeletion), { status: 'True', reason: 'Succeeded', message: new RegExp(`Job ${jobName} succeeded`) });
  const kept = statefulSetOf(duringDeletion);
  t.ok(kept, 'the StatefulSet is still answered (Metacontroller leaves a child pending deletion alone)');
  t.equal(kept.spec.volumeClaimTemplates[0].spec.resources.requests.storage, SIZE, 'with the observed claim template: no immutable change');

  // Gone: the answer creates it from the manifest; the orphaned pods are still there.
  const gone = withoutStatefulSet(next(first, JOB_SUCCEEDED));
  const recreated = sync(gone, inputs());
  t.equal(statefulSetOf(recreated).spec.volumeClaimTemplates[0].spec.resources.requests.storage, '5Gi', 'the new claim template');
  t.equal(statefulSetOf(recreated).spec.replicas, 2);
  t.match(condition(recreated), { status: 'True', reason: 'Succeeded', message: 'every data volume claim requests 5Gi' });
  t.same(resizeJobs(recreated).map((j) => j.metadata.name), [jobName], 'the finished Job stays, nothing new starts');
  // A scale-down in the same answer: the replicas the Job's state recorded are held until the primary is known to be kept.
  const scaledDown = sync(withSpecChange(gone, { numberOfInstances: 1 }), inputs());
  t.equal(statefulSetOf(scaledDown).spec.replicas, 2, 'held at the count the resize Job recorded');
  t.match(scaledDown.status.conditions?.find((c) => c.type === 'Switchover'), { reason: 'Waiting', message: /-config-[0-9a-f]{10} is running; the scale-down from 2 to 1 instances waits for the switchover Job/ });

  // Created again (a new uid, the new template): converged, and never deleted again by the same intent.
  const again = withRelated(withJobStatus(withReadyInstances(gone, recreated, 2), () => true, JOB_SUCCEEDED), CLAIMS, [claim(0, '5Gi'), claim(1, '5Gi')]);
  const after = sync(again, inputs());
  t.same(resizeJobs(after).map((j) => j.metadata.name), [jobName]);
  t.same(after.children, sync(withJobStatus(withReadyInstances(again, after, 2), () => true, JOB_SUCCEEDED), inputs()).children, 'a fixed point');
  t.same(sync(fedBack(again, after), inputs()).children.filter((c) => c.kind !== 'Job'), after.children.filter((c) => c.kind !== 'Job'), 'fed back, the same children');
});

t.test('no resize Job without a StatefulSet, while another Job runs, hibernated or paused', async (t) => {
  const { request } = running('5Gi');
  const none = sync(withoutStatefulSet(request), inputs());
  t.equal(resizeJobs(none).length, 0);
  t.match(condition(none), { reason: 'Waiting', message: /waiting for the StatefulSet to exist/ });
  const deleting = sync(withStatefulSet(request, (s) => ({ ...s, metadata: { ...s.metadata, deletionTimestamp: '2026-11-20T12:05:00Z' } })), inputs());
  t.match(condition(deleting), { reason: 'Waiting', message: /StatefulSet being deleted to be recreated/ });
  const selector = sync(withStatefulSet(request, (s) => ({ ...s, spec: { ...s.spec, selector: { matchLabels: { application: 'other', 'cluster-name': CLUSTER } } } })), inputs());
  t.equal(resizeJobs(selector).length, 0);
  t.match(condition(selector), { reason: 'Waiting', message: /pod selector differs .* would not adopt its pods/ });

  const busy = withJobStatus(request, () => true, {});
  t.match(condition(sync(busy, inputs())), { reason: 'Waiting', message: /-config-[0-9a-f]{10} is running/ });

  const annotate = (value: Record<string, string>) => ({ ...request, parent: { ...request.parent, metadata: { ...request.parent.metadata, annotations: value } } });
  const hibernated = sync(annotate({ 'postgres-metacontroller.io/hibernate': 'true' }), inputs());
  t.equal(resizeJobs(hibernated).length, 0);
  t.match(condition(hibernated), { reason: 'Waiting', message: /the cluster is hibernated/ });
  const paused = sync(annotate({ 'postgres-metacontroller.io/pause': 'true' }), inputs());
  t.equal(resizeJobs(paused).length, 0);
  t.notOk(condition(paused), 'paused: no plan at all');
});

t.test('the recreated StatefulSet equals the orphaned one but for its claim template, so no pod restarts', async (t) => {
  for (const strategy of ['OnDelete', 'RollingUpdate'] as const) {
    const config = { statefulset_update_strategy: strategy };
    const { request } = running('5Gi', config);
    const orphaned = statefulSetOf(sync(request, inputs(config)));
    const recreated = statefulSetOf(sync(withoutStatefulSet(request), inputs(config)));
    t.same(recreated.spec.selector, orphaned.spec.selector, `${strategy}: selector`);
    t.same(recreated.metadata.labels, orphaned.metadata.labels, `${strategy}: labels`);
    // The StatefulSet controller's revision is a hash of the pod template: the same template, the same revision.
    t.same(recreated.spec.template, orphaned.spec.template, `${strategy}: pod template`);
    const { volumeClaimTemplates: newTemplates, ...newRest } = recreated.spec;
    const { volumeClaimTemplates: oldTemplates, ...oldRest } = orphaned.spec;
    t.same(newRest, oldRest, `${strategy}: the rest of the spec`);
    t.same(recreated.metadata, orphaned.metadata, `${strategy}: metadata`);
    t.equal(oldTemplates[0].spec.resources.requests.storage, SIZE);
    t.equal(newTemplates[0].spec.resources.requests.storage, '5Gi', `${strategy}: new replicas get the new size`);
    t.same({ ...newTemplates[0], spec: { ...newTemplates[0].spec, resources: oldTemplates[0].spec.resources } }, oldTemplates[0], `${strategy}: only the size differs`);
  }
});

t.test('claims of other names carrying the cluster\'s labels are not resized', async (t) => {
  const stray = { ...claim(0, SIZE), metadata: { ...claim(0, SIZE).metadata, name: `wal-${CLUSTER}-0` } } as KubeObject;
  const other = { ...claim(0, SIZE), metadata: { ...claim(0, SIZE).metadata, name: `pgdata-${CLUSTER}-extra-0` } } as KubeObject;
  const response = sync(running('5Gi', {}, [claim(0, '5Gi'), claim(1, '5Gi'), stray, other]).request, inputs());
  const [job] = resizeJobs(response);
  t.same(stateOf(response, job!.metadata.name).resize.claims, [`pgdata-${CLUSTER}-0`, `pgdata-${CLUSTER}-1`]);
  t.match(condition(response), { message: /was requested; the StatefulSet is recreated with a claim template of 5Gi, its pods kept$/ }, "no claim below the size: only the StatefulSet");
});
