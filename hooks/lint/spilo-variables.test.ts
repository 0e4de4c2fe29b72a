import t from 'tap';
import { defaultConfig } from '../config.js';
import { literal, fromSecret } from '../pod/env-list.js';
import { clusterWith } from '../../test/support.js';
import { lowerCaseSpiloVariables } from './spilo-variables.js';

const env = (...names: string[]) => lowerCaseSpiloVariables(clusterWith({ env: names.map((name) => ({ name, value: 'x' })) }), defaultConfig());

t.test('another spelling of a variable Spilo reads in upper case only', async (t) => {
  t.same(env('wal_s3_bucket'), [
    'spec.env[0] wal_s3_bucket: Spilo reads only WAL_S3_BUCKET, so this spelling has no effect; and as names are deduplicated case-insensitively, it would keep a WAL_S3_BUCKET from the pod environment or the operator configuration out of the pod',
  ]);
  t.match(env('PGPORT', 'Aws_Region', 'clone_wal_s3_bucket', 'standby_wale_az_prefix'), [
    /^spec\.env\[1\] Aws_Region: Spilo reads only AWS_REGION,/,
    /^spec\.env\[2\] clone_wal_s3_bucket: Spilo reads only CLONE_WAL_S3_BUCKET,/,
    /^spec\.env\[3\] standby_wale_az_prefix: Spilo reads only STANDBY_WALE_AZ_PREFIX,/,
  ]);
});

t.test('names Spilo reads in any case, in lower case, or not at all get no warning', async (t) => {
  t.same(env('WAL_S3_BUCKET', 'kubernetes_labels', 'etcd_host', 'no_proxy', 'https_proxy', 'my_setting'), []);
  t.same(env('wal_az_bucket', 'wale_gcs_prefix'), [], 'read only with the CLONE_ or STANDBY_ prefix');
});

t.test('the pod environment ConfigMap and Secret are checked when the hook has them', async (t) => {
  const config = { ...defaultConfig(), pod_environment_configmap: 'ops/spilo-env', pod_environment_secret: 'spilo-secrets' };
  t.match(lowerCaseSpiloVariables(clusterWith(), config, {
    fromConfigMap: [literal('use_walg_backup', 'true')],
    fromSecret: [fromSecret('aws_secret_access_key', 'spilo-secrets', 'aws_secret_access_key')],
    missing: [],
  }), [
    /^pod_environment_secret spilo-secrets, key aws_secret_access_key: Spilo reads only AWS_SECRET_ACCESS_KEY, .* from the operator configuration out of the pod$/,
    /^pod_environment_configmap ops\/spilo-env, key use_walg_backup: Spilo reads only USE_WALG_BACKUP,/,
  ]);
});
