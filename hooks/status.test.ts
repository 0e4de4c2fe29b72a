// status.observedGeneration: every answer names the parent generation it was computed from.
import t from 'tap';
import { loadManifest, syncRequest } from '../fixtures/requests.js';
import type { SyncRequest } from '../schemas/hook.js';
import { inputs, withSpecChange } from '../test/support.js';
import { finalize, sync } from './sync.js';
import { phaseOf } from './status.js';

function atGeneration(request: SyncRequest, generation: number | undefined): SyncRequest {
  const { generation: _old, ...metadata } = request.parent.metadata;
  return { ...request, parent: { ...request.parent, metadata: generation === undefined ? metadata : { ...metadata, generation } } };
}

const manifest = loadManifest('minimal');
const valid = syncRequest(manifest);
const existing = sync(valid, inputs()).children;

t.test('every kind of answer carries the generation of the parent it read', async (t) => {
  const answers = {
    valid: () => sync(atGeneration(valid, 7), inputs()),
    Invalid: () => sync(atGeneration(withSpecChange(syncRequest(manifest, existing), { numberOfInstances: -1 }), 7), inputs()),
    'SyncFailed (missing input)': () => sync(atGeneration(valid, 7), inputs({ pod_environment_secret: 'absent' })),
    'SyncFailed (unreadable child)': () => sync(atGeneration(syncRequest(manifest, [{ ...existing[0]!, status: 'broken' }]), 7), inputs()),
    finalize: () => finalize(atGeneration(syncRequest(manifest, existing, { finalizing: true }), 7), inputs()),
  };
  const phases = new Set<string>();
  for (const [name, answer] of Object.entries(answers)) {
    const status = answer().status;
    phases.add(status.PostgresClusterStatus);
    t.equal(status.observedGeneration, 7, name);
  }
  t.same([...phases].sort(), ['Creating', 'Invalid', 'SyncFailed', 'Updating'], 'the answers are of the kinds named');
  t.notOk('observedGeneration' in sync(atGeneration(valid, undefined), inputs()).status, 'absent when the parent has no generation');
});

t.test('handled operation requests are carried by every answer; malformed records are dropped', async (t) => {
  const handled = { switchover: { requestId: 'r1', outcome: 'Succeeded' }, reload: { requestId: 'r2', outcome: 'Failed' } };
  const withHandled = (request: SyncRequest, operations: unknown): SyncRequest => ({ ...request, parent: { ...request.parent, status: { PostgresClusterStatus: 'Running', operations } } });
  const answers = {
    valid: sync(withHandled(valid, handled), inputs()),
    Invalid: sync(withHandled(withSpecChange(syncRequest(manifest, existing), { numberOfInstances: -1 }), handled), inputs()),
    SyncFailed: sync(withHandled(valid, handled), inputs({ pod_environment_secret: 'absent' })),
  };
  for (const [name, answer] of Object.entries(answers)) t.same(answer.status.operations, handled, name);
  const malformed = sync(withHandled(valid, { switchover: { requestId: 1, outcome: 'Succeeded' }, restart: { requestId: 'x', outcome: 'Maybe' }, reload: handled.reload }), inputs());
  t.same(malformed.status.operations, { reload: handled.reload });
  t.notOk('operations' in sync(withHandled(valid, 'broken'), inputs()).status);
});

t.test('with OnDelete the phase follows the rollout, not currentRevision, which only a rolling update moves', async (t) => {
  const statefulSet = (status: Record<string, unknown>) => ({ apiVersion: 'apps/v1' as const, kind: 'StatefulSet' as const, metadata: { name: 'x', generation: 2 }, status: { observedGeneration: 2, replicas: 2, readyReplicas: 2, ...status } });
  const after = statefulSet({ currentRevision: 'x-1', updateRevision: 'x-2', updatedReplicas: 2 });
  t.equal(phaseOf(after, 2, 'Updating', true), 'Running', 'OnDelete, every pod on the current template: Running although currentRevision stays');
  t.equal(phaseOf(after, 2, 'Running', false), 'Updating', 'OnDelete, a rollout still due or running');
  t.equal(phaseOf(after, 2, 'Updating'), 'Updating', 'RollingUpdate: the controller has not completed the revision');
  t.equal(phaseOf(statefulSet({ currentRevision: 'x-2', updateRevision: 'x-2' }), 2, 'Updating'), 'Running');
  t.equal(phaseOf(statefulSet({ readyReplicas: 1 }), 2, 'Running', true), 'Updating', 'a pod not ready is never Running');
});
