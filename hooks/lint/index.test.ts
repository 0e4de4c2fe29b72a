import t from 'tap';
import { loadManifest, manifestNames, syncRequest } from '../../fixtures/requests.js';
import type { PostgresSpec } from '../../schemas/postgresql.js';
import { clusterOf } from '../cluster.js';
import { defaultConfig } from '../config.js';
import { sync } from '../sync.js';
import { inputs, withSpecChange } from '../../test/support.js';
import { lintCluster } from './index.js';

t.test('the example manifests get no warning, but Zalando\'s complete manifest, which sets what the lint is about', async (t) => {
  for (const name of manifestNames().filter((n) => n !== 'complete')) {
    const manifest = loadManifest(name);
    t.same(lintCluster(clusterOf(manifest as never, manifest.spec as PostgresSpec), defaultConfig()), [], name);
  }
  const complete = loadManifest('complete');
  t.match(lintCluster(clusterOf(complete as never, complete.spec as PostgresSpec), defaultConfig()), [
    /^spec\.patroni\.pg_hba: the superuser "postgres" cannot connect through the local socket/,
    /^spec\.patroni\.pg_hba: the replication user "standby" cannot open a replication connection/,
    /^spec\.postgresql\.parameters\.max_connections: Patroni refuses "10"/,
    /^spec\.patroni\.slots\.permanent_logical_1: a logical slot needs wal_level = logical/,
    /^spec\.env\[0\] wal_s3_bucket: Spilo reads only WAL_S3_BUCKET/,
  ]);
});

t.test('sync reports the warnings in the Warnings condition (True when there are some) and keeps Valid to validity', async (t) => {
  const find = (response: ReturnType<typeof sync>, type: string) => response.status.conditions?.find((c) => c.type === type);
  const clean = sync(syncRequest(loadManifest('minimal')), inputs());
  t.match(find(clean, 'Warnings'), { status: 'False', reason: 'NoWarnings', message: 'no configuration warnings' });
  t.match(find(clean, 'Valid'), { status: 'True', reason: 'SpecValid', message: 'the spec is valid' });

  const warned = sync(withSpecChange(syncRequest(loadManifest('minimal')), { env: [{ name: 'wal_s3_bucket', value: 'b' }] }), inputs());
  t.match(find(warned, 'Warnings'), { status: 'True', reason: 'ConfigurationWarnings', message: /^spec\.env\[0\] wal_s3_bucket: Spilo reads only WAL_S3_BUCKET/ });
  t.match(find(warned, 'Valid'), { status: 'True', message: 'the spec is valid' });
  t.equal(warned.status.PostgresClusterStatus, 'Creating', 'the cluster is still created');
  t.same(warned.children.map((c) => `${c.kind}/${c.metadata.name}`), clean.children.map((c) => `${c.kind}/${c.metadata.name}`));
});
