import t from 'tap';
import { OPERATIONS_ACTIONS, type OperationsState } from '../../schemas/operations-state.js';
import type { KubeObject } from '../../schemas/hook.js';
import { objectProblems } from '../api-rules/objects.js';
import { childMap } from '../../fixtures/requests.js';
import { names } from '../names.js';
import { Observed } from '../observed.js';
import { asObserved, clusterWith, inputs, validateKube } from '../../test/support.js';
import { buildOperations, operationsJob } from './operations-job.js';

const config = inputs().config;

function state(cluster: string, action: OperationsState['action']): OperationsState {
  return { cluster, namespace: 'default', action, podSelector: { application: 'spilo', 'cluster-name': cluster }, patroniPort: 8008, maximumLagOnFailover: 33554432 };
}

t.test('every action gets a Job and ConfigMap the API server accepts, names within 63 characters', async (t) => {
  for (const name of ['acid-test', 'a'.repeat(52)]) {
    const cluster = { ...clusterWith(), name };
    for (const action of OPERATIONS_ACTIONS) {
      const jobName = names.operations(name, action, '0123456789');
      t.ok(jobName.length <= 63, `${jobName} is a label value`);
      t.ok(jobName.startsWith(names.operationsPrefix(name, action)));
      const [configMap, job] = operationsJob(cluster, config, jobName, state(name, action));
      for (const object of [configMap, job] as unknown as KubeObject[]) {
        validateKube(object);
        t.same(objectProblems(object), [], `${object.kind} ${jobName}`);
      }
      t.equal(job.spec?.template.spec?.volumes?.[0]?.configMap?.name, jobName, 'the Job reads the ConfigMap of its name');
      t.equal(configMap.immutable, true);
      t.same(JSON.parse(configMap.data!['state.json']!), state(name, action));
      t.equal(job.spec?.template.metadata?.labels?.application, 'db-operations', 'not selected as a database pod');
    }
  }
});

t.test('kept Jobs and their ConfigMaps are answered as they were declared; the new one follows', async (t) => {
  const cluster = clusterWith();
  const oldName = names.operations('acid-test', 'config', 'aaaaaaaaaa');
  // Declared with another image: a Job's template cannot change, so the kept one must not follow the configuration.
  const declared = operationsJob(cluster, { ...config, operations_job_image: 'old:1' }, oldName, state('acid-test', 'config')) as unknown as KubeObject[];
  const observed = new Observed(childMap(declared.map((o, i) => ({ ...asObserved(o, 'u', i), status: { succeeded: 1 } } as KubeObject)), 'default'));
  const newName = names.operations('acid-test', 'restart', 'bbbbbbbbbb');
  const children = buildOperations(cluster, config, observed, {
    start: { name: newName, state: state('acid-test', 'restart') }, keep: [oldName], conditions: [], operations: {}, majorVersion: {}, resyncAfterSeconds: undefined,
  });
  t.same(children.map((c) => `${c.kind}/${c.metadata.name}`), [`ConfigMap/${oldName}`, `Job/${oldName}`, `ConfigMap/${newName}`, `Job/${newName}`]);
  t.same(children.slice(0, 2), declared, 'byte for byte as declared, without server fields or status');
  t.same(buildOperations(cluster, config, observed, { start: undefined, keep: [], conditions: [], operations: {}, majorVersion: {}, resyncAfterSeconds: undefined }), [], 'what is not kept is dropped');
});
