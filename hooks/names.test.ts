import t from 'tap';
import type { OperatorConfig } from '../schemas/config.js';
import { defaultConfig } from './config.js';
import { allNameRules, ChildKind, clustersNaming, CRONJOB_NAME_LENGTH, nameBy, names, nameRules } from './names.js';

const config = defaultConfig();
const notOwned = () => false;
const configured = (change: Partial<OperatorConfig>): OperatorConfig => ({ ...config, ...change });
const DNS1123_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;

t.test('every rule inverts its own names back to the cluster', async (t) => {
  for (const cluster of ['acid-foo', 'a', 'postgres-x-critical-op']) {
    for (const rule of allNameRules) {
      const name = nameBy(rule, config, cluster, 'app_user');
      for (const kind of rule.kinds) {
        const clusters = clustersNaming(kind, name, config);
        t.ok(clusters !== 'any' && clusters.includes(cluster), `${kind} ${name} is derived by ${cluster}`);
      }
    }
  }
});

t.test('the names functions are the rules (Zalando\'s defaults)', async (t) => {
  t.equal(names.service('acid-foo', 'master'), 'acid-foo');
  t.equal(names.service('acid-foo', 'replica'), 'acid-foo-repl');
  t.equal(names.primaryPdb('acid-foo', config), 'postgres-acid-foo-pdb');
  t.equal(names.criticalOpPdb('acid-foo'), 'postgres-acid-foo-critical-op-pdb');
  t.equal(names.pooler('acid-foo', 'replica'), 'acid-foo-pooler-repl');
  t.equal(names.poolerAuthSecret('acid-foo', 'master'), 'acid-foo-pooler-u');
  t.equal(names.poolerPdb('acid-foo', 'replica'), 'acid-foo-pooler-repl-pdb');
  t.equal(names.credentialSecret('app_user', 'acid-foo', config), 'app-user.acid-foo.credentials.postgresql.acid.zalan.do');
  t.equal(names.logicalBackupCronJob('acid-foo', config, notOwned), 'logical-backup-acid-foo');
});

t.test('names another cluster derives too are inverted to both clusters', async (t) => {
  t.same(clustersNaming(ChildKind.Service, 'acid-foo-repl', config), ['acid-foo', 'acid-foo-repl'], 'replica of acid-foo, master of acid-foo-repl');
  t.same(clustersNaming(ChildKind.Endpoints, 'acid-foo-repl', config), ['acid-foo', 'acid-foo-repl']);
  t.same(clustersNaming(ChildKind.Service, 'acid-foo-pooler-repl', config), ['acid-foo', 'acid-foo-pooler', 'acid-foo-pooler-repl'],
    'replica pooler of acid-foo, replica of acid-foo-pooler, master of acid-foo-pooler-repl');
  t.same(clustersNaming(ChildKind.Deployment, 'acid-foo-pooler-repl', config), ['acid-foo'], 'a pooler Deployment is no cluster\'s other Deployment');
  t.same(clustersNaming(ChildKind.PodDisruptionBudget, 'postgres-acid-foo-critical-op-pdb', config), ['acid-foo', 'acid-foo-critical-op']);
  t.same(clustersNaming(ChildKind.PodDisruptionBudget, 'postgres-foo-pooler-pdb', config), ['foo-pooler', 'postgres-foo'],
    'primary budget of foo-pooler, pooler budget of postgres-foo');
  t.same(clustersNaming(ChildKind.PodDisruptionBudget, 'postgres-foo-pooler-repl-pdb', config), ['foo-pooler-repl', 'postgres-foo']);
  t.same(clustersNaming(ChildKind.Secret, 'acid-foo-pooler-u', config), ['acid-foo']);
  t.same(clustersNaming(ChildKind.Secret, 'app-user.acid-foo.credentials.postgresql.acid.zalan.do', config), ['acid-foo'],
    'the default template tells the cluster apart from any role name');
  t.same(clustersNaming(ChildKind.StatefulSet, 'acid-foo', config), ['acid-foo']);
  t.same(clustersNaming(ChildKind.ConfigMap, 'acid-foo', config), [], 'no rule names ConfigMaps after the cluster alone');
});

t.test('CronJob names invert only where they are not cut', async (t) => {
  const longest = 'a'.repeat(CRONJOB_NAME_LENGTH - 'logical-backup-'.length);
  t.same(clustersNaming(ChildKind.CronJob, `logical-backup-${longest}`, config), [longest]);
  t.same(clustersNaming(ChildKind.CronJob, `logical-backup-${longest}b`, config), [], 'over 52 characters no cluster has it uncut');
  t.same(clustersNaming(ChildKind.CronJob, 'backup-acid-foo', configured({ logical_backup_job_prefix: 'backup-' })), ['acid-foo']);
});

t.test('configured templates are inverted from the configuration', async (t) => {
  const pdb = configured({ pdb_name_format: '{cluster}-pdb' });
  t.same(clustersNaming(ChildKind.PodDisruptionBudget, 'acid-foo-pooler-pdb', pdb), ['acid-foo', 'acid-foo-pooler'], 'primary budget of acid-foo-pooler');
  t.same(clustersNaming(ChildKind.PodDisruptionBudget, 'x-acid-foo-x-pdb', configured({ pdb_name_format: '{cluster}-{cluster}-pdb' })), [],
    'a repeated {cluster} must repeat the same name');
  t.same(clustersNaming(ChildKind.PodDisruptionBudget, 'acid-foo-acid-foo-pdb', configured({ pdb_name_format: '{cluster}-{cluster}-pdb' })), ['acid-foo']);
  t.equal(clustersNaming(ChildKind.PodDisruptionBudget, 'postgres-pdb', configured({ pdb_name_format: 'postgres-pdb' })), 'any',
    'without {cluster} every cluster has the same budget');

  const dotted = configured({ secret_name_template: '{cluster}.{username}' });
  t.same(clustersNaming(ChildKind.Secret, 'acid-foo.app-user', dotted), ['acid-foo']);
  t.same(clustersNaming(ChildKind.Secret, 'acid-foo.app.user', dotted), ['acid-foo'], 'a dotted role name still leaves one cluster');
  t.same(clustersNaming(ChildKind.Secret, 'acid-foo-pooler-u', dotted), ['acid-foo'], 'no role Secret without the dot');
  t.equal(clustersNaming(ChildKind.Secret, 'app-user-acid-foo', configured({ secret_name_template: '{username}-{cluster}' })), 'any',
    'app-user-acid-foo is also user app of cluster user-acid-foo');
  t.same(clustersNaming(ChildKind.Secret, 'acid-foo-secret', configured({ secret_name_template: '{cluster}-secret' })), ['acid-foo']);
});

t.test('the logical backup CronJob is cut to a unique valid name', async (t) => {
  const shared = 'acid-a-very-long-cluster-name-shared-by-two';
  const [first, second] = [`${shared}-first`, `${shared}-second`];
  t.equal(nameBy(nameRules.logicalBackupCronJob, config, first).slice(0, 52), nameBy(nameRules.logicalBackupCronJob, config, second).slice(0, 52),
    'Zalando\'s cut gives both the same name');
  const a = names.logicalBackupCronJob(first, config, notOwned);
  const b = names.logicalBackupCronJob(second, config, notOwned);
  t.not(a, b);
  for (const name of [a, b]) {
    t.ok(name.length <= CRONJOB_NAME_LENGTH, `${name} has at most 52 characters`);
    t.match(name, DNS1123_LABEL);
    t.ok(name.startsWith('logical-backup-acid-a-very-long'), `${name} keeps the first characters`);
  }
  t.equal(names.logicalBackupCronJob(first, config, notOwned), a, 'the same name every time');
  t.equal(names.logicalBackupCronJob(`${'a'.repeat(35)}-b`, config, () => true), `logical-backup-${'a'.repeat(35)}-b`, 'a name that fits is not cut');

  const zalando = `logical-backup-${shared}`.slice(0, 52).replace(/-+$/, '');
  t.equal(names.logicalBackupCronJob(first, config, (name) => name === zalando), zalando, 'an owned Zalando cut is kept');

  const dashAtCut = `${'a'.repeat(27)}-${'b'.repeat(30)}`;
  t.match(names.logicalBackupCronJob(dashAtCut, config, notOwned), /^logical-backup-a{27}-[0-9a-f]{8}$/, 'no dash before the hash is doubled');
  t.match(names.logicalBackupCronJob(`${'a'.repeat(36)}-b-c`, config, () => true), /^logical-backup-a{36}$/, 'Zalando\'s cut loses trailing dashes');
});

t.test('pod ordinals and data volume claims of the StatefulSet', async (t) => {
  t.equal(names.pgdataClaim('acid-foo', 2), 'pgdata-acid-foo-2', 'the StatefulSet controller\'s <template>-<statefulset>-<ordinal>');
  t.equal(names.podOrdinal('acid-foo', 'acid-foo-12'), 12);
  t.equal(names.podOrdinal('acid-foo', 'acid-foo-0'), 0);
  for (const other of ['acid-foo-01', 'acid-foo-bar-1', 'acid-fo-1', 'acid-foo', 'acid-foo-']) t.equal(names.podOrdinal('acid-foo', other), undefined, other);
});
