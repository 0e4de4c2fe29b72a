import t from 'tap';
import { pino } from 'pino';
import { loadManifest, syncRequest } from '../fixtures/requests.js';
import { fedBack, inputs, JOB_FAILED, NOW, withJobStatus, withReadyInstances } from '../test/support.js';
import { buildApp } from './app.js';
import { ClusterGauges, clusterSample, type ClusterSample } from './cluster-metrics.js';
import { defaultConfig } from './config.js';
import { labelText } from './metrics.js';
import { seededRandom } from './random.js';
import { sync } from './sync.js';

/** The value of one series in an exposition, or undefined when it is absent. */
function series(text: string, name: string, labels: Record<string, string>): number | undefined {
  const line = text.split('\n').find((l) => l.startsWith(`${name}${labelText(labels)} `));
  return line === undefined ? undefined : Number(line.slice(line.lastIndexOf(' ') + 1));
}

const manifest = loadManifest('minimal');
const id = { namespace: manifest.metadata.namespace ?? 'default', name: manifest.metadata.name };

t.test('a new cluster: Creating, instances asked for and none ready, no step failed', async (t) => {
  const request = syncRequest(manifest);
  const sample = clusterSample(request, sync(request, inputs()), NOW);
  t.same(sample, { ...id, phase: 'Creating', desired: 2, ready: 0, failedSteps: { setup: 0, config: 0, rollout: 0, resize: 0, upgrade: 0 }, at: NOW.getTime() });
});

t.test('ready pods are read from the observed StatefulSet; a failed setup Job reads as setup failed', async (t) => {
  const request = syncRequest(manifest);
  const first = sync(request, inputs());
  const running = withReadyInstances(request, first, 2);
  const withJob = sync(running, inputs());
  const failed = withJobStatus(withReadyInstances(running, withJob, 2), (name) => /-setup-/.test(name), JOB_FAILED);
  const sample = clusterSample(failed, sync(failed, inputs()), NOW);
  t.equal(sample.ready, 2);
  t.equal(sample.desired, 2);
  t.equal(sample.failedSteps.setup, 1);
});

t.test('an invalid spec keeps the observed children: the gauges say Invalid and what the kept StatefulSet asks for', async (t) => {
  const request = syncRequest(manifest);
  const kept = fedBack(request, sync(request, inputs()));
  const invalid = { ...kept, parent: { ...kept.parent, spec: { ...(kept.parent.spec as object), numberOfInstances: -3 } } };
  const sample = clusterSample(invalid, sync(invalid, inputs()), NOW);
  t.equal(sample.phase, 'Invalid');
  t.equal(sample.desired, 2);
});

const sample = (name: string, at: number, phase = 'Running'): ClusterSample => ({ namespace: 'ns', name, phase, desired: 2, ready: 2, failedSteps: { setup: 0, rollout: 1 }, at });

t.test('one series per cluster and phase, step and gauge', async (t) => {
  const gauges = new ClusterGauges();
  gauges.record(sample('a', NOW.getTime()));
  const text = gauges.render(NOW, labelText).join('\n');
  t.equal(series(text, 'pgmc_cluster_phase', { namespace: 'ns', name: 'a', phase: 'Running' }), 1);
  t.equal(series(text, 'pgmc_cluster_phase', { namespace: 'ns', name: 'a', phase: 'Updating' }), 0, 'every other phase is 0, so a change shows in one query');
  t.equal(series(text, 'pgmc_cluster_instances_ready', { namespace: 'ns', name: 'a' }), 2);
  t.equal(series(text, 'pgmc_cluster_step_failed', { namespace: 'ns', name: 'a', step: 'rollout' }), 1);
  t.equal(series(text, 'pgmc_cluster_step_failed', { namespace: 'ns', name: 'a', step: 'setup' }), 0);
  t.equal(series(text, 'pgmc_cluster_step_failed', { namespace: 'ns', name: 'a', step: 'backup' }), undefined, 'a step the answer did not report has no series');
  t.equal(series(text, 'pgmc_cluster_last_sync_timestamp_seconds', { namespace: 'ns', name: 'a' }), NOW.getTime() / 1000);
  t.match(text, /^# TYPE pgmc_cluster_phase gauge$/m);
});

t.test('bounded: the least recently answered cluster goes first, a sample older than the TTL expires, a finalized one is forgotten', async (t) => {
  const gauges = new ClusterGauges({ clusters: 2, ttlMs: 60_000 });
  const now = NOW.getTime();
  gauges.record(sample('a', now));
  gauges.record(sample('b', now));
  gauges.record(sample('a', now, 'Updating'));
  gauges.record(sample('c', now));
  let text = gauges.render(NOW, labelText).join('\n');
  t.equal(series(text, 'pgmc_cluster_instances_ready', { namespace: 'ns', name: 'b' }), undefined, 'b was answered longest ago');
  t.equal(series(text, 'pgmc_cluster_phase', { namespace: 'ns', name: 'a', phase: 'Updating' }), 1, 'the newest answer replaces the last');
  gauges.forget('ns', 'c');
  text = gauges.render(new Date(now + 60_001), labelText).join('\n');
  t.notMatch(text, /name="[ac]"/, 'a expired, c was forgotten');
});

t.test('/metrics shows each cluster the process answered, until it is finalized', async (t) => {
  const { app } = buildApp({ config: defaultConfig(), logger: pino({ level: 'silent' }), clock: () => NOW, random: seededRandom(3) });
  const request = syncRequest(manifest);
  await app.inject({ method: 'POST', url: '/sync', payload: request });
  let text = (await app.inject('/metrics')).body;
  t.equal(series(text, 'pgmc_cluster_phase', { ...id, phase: 'Creating' }), 1);
  t.equal(series(text, 'pgmc_cluster_instances_desired', id), 2);
  await app.inject({ method: 'POST', url: '/finalize', payload: { ...request, finalizing: true } });
  text = (await app.inject('/metrics')).body;
  t.equal(series(text, 'pgmc_cluster_instances_desired', id), undefined);
});
