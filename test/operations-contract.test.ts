// The hook and the operations command meet in one file: the state.json of an operations Job's ConfigMap.
// What the sync hook writes for a real manifest must be what the command loads, and its desired
// configuration must be what the command's patch planner works from.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import t from 'tap';
import { loadManifest, syncRequest } from '../fixtures/requests.js';
import { sync } from '../hooks/sync.js';
import type { DesiredDynamicConfig } from '../hooks/patroni/dynamic-config.js';
import type { KubeObject, SyncResponse } from '../schemas/hook.js';
import { planConfigPatch } from '../operations/config-patch.js';
import { loadOperationsState } from '../operations/main.js';
import { applyPatch } from './patroni-patch.js';
import { inputs, withReadyInstances } from './support.js';

const dir = mkdtempSync(join(tmpdir(), 'pgmc-operations-contract-'));

/** The state the command would read from the Job's ConfigMap, through the command's own loader. */
function loadedState(response: SyncResponse, action: string) {
  const configMap = response.children.find((c) => c.kind === 'ConfigMap' && c.metadata.name.includes(`-${action}-`)) as KubeObject & { data: Record<string, string> } | undefined;
  if (!configMap) throw new Error(`no ${action} ConfigMap in the answer`);
  const file = join(dir, `${configMap.metadata.name}.json`);
  writeFileSync(file, configMap.data['state.json']!);
  return loadOperationsState(file);
}

t.test('the config state of the complete example loads in the command, and its desired configuration plans a patch', async (t) => {
  const manifest = loadManifest('complete');
  const request = syncRequest(manifest);
  const first = sync(request, inputs());
  const name = manifest.metadata.name;
  const running = withReadyInstances(request, first, 2);
  const state = loadedState(sync(running, inputs()), 'config');
  t.equal(state.action, 'config');
  t.equal(state.cluster, name);
  t.same(state.podSelector, { application: 'spilo', 'cluster-name': name });
  const desired = state.config!.desired as unknown as DesiredDynamicConfig;
  const live = { ttl: 30, loop_wait: 10, retry_timeout: 10, postgresql: { parameters: {} } };
  const plan = planConfigPatch(live, desired, { formerSlots: state.config!.formerSlots });
  t.ok(plan.patch, 'a cluster bootstrapped without the manifest\'s parameters gets a patch');
  t.same(planConfigPatch(applyPatch(live, plan.patch!), desired, { formerSlots: state.config!.formerSlots }).patch, undefined, 'and once applied nothing is left to patch');
});

t.test('a rollout state names the template hash the command compares pods with', async (t) => {
  const manifest = loadManifest('minimal');
  const request = syncRequest(manifest);
  const first = sync(request, inputs());
  const name = manifest.metadata.name;
  // Both pods are off the StatefulSet's current revision. The configuration was applied already: its Job
  // succeeded, so the rollout comes next.
  let next = withReadyInstances(request, first, 2, 2);
  const configured = sync(next, inputs());
  next = withReadyInstances(next, configured, 2, 2);
  const jobs = Object.fromEntries(Object.entries(next.children['Job.batch/v1'] ?? {}).map(([key, job]) => [key, { ...job, status: { conditions: [{ type: 'Complete', status: 'True' }] } }]));
  const response = sync({ ...next, children: { ...next.children, 'Job.batch/v1': jobs } }, inputs());
  const state = loadedState(response, 'rollout');
  const statefulSet = response.children.find((c) => c.kind === 'StatefulSet') as KubeObject & { spec: { template: { metadata: { annotations: Record<string, string> } } } };
  t.equal(state.rollout!.templateHash, statefulSet.spec.template.metadata.annotations[state.rollout!.templateHashAnnotation], 'the hash the StatefulSet\'s template carries');
});
