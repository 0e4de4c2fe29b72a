import t from 'tap';
import { readFileSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError, defaultConfig, loadConfigFile, parseConfig } from './config.js';

t.test('defaults are those of Zalando\'s shipped OperatorConfiguration manifest', async (t) => {
  const config = defaultConfig();
  t.equal(config.docker_image, 'ghcr.io/zalando/spilo-18:4.1-p2');
  t.equal(config.enable_master_load_balancer, false, 'the manifest value, not the ConfigMap code default true');
  t.equal(config.default_cpu_request, '100m');
  t.equal(config.default_memory_limit, '500Mi');
  t.equal(config.connection_pooler_default_cpu_request, '500m');
  t.equal(config.logical_backup_s3_sse, 'AES256');
  t.same(config.cluster_labels, { application: 'spilo' });
  t.equal(config.kubernetes_use_configmaps, true);
  t.equal(config.secret_name_template, '{username}.{cluster}.credentials.{tprkind}.{tprgroup}');
});

t.test('an OperatorConfiguration object is flattened from its groups', async (t) => {
  const { config, withoutEffect } = parseConfig({
    apiVersion: 'acid.zalan.do/v1', kind: 'OperatorConfiguration', metadata: { name: 'x' },
    configuration: {
      docker_image: 'spilo:custom', workers: 4,
      kubernetes: { cluster_labels: { application: 'db' }, enable_pod_antiaffinity: true, toleration: { key: 'db', operator: 'Exists' } },
      postgres_pod_resources: { default_cpu_limit: '2', min_memory_limit: '250Mi' },
      load_balancer: { enable_master_load_balancer: true },
      timeouts: { ready_wait_timeout: '30s' },
    },
  });
  t.equal(config.docker_image, 'spilo:custom');
  t.same(config.cluster_labels, { application: 'db' });
  t.equal(config.enable_pod_antiaffinity, true);
  t.same(config.toleration, { key: 'db', operator: 'Exists' });
  t.equal(config.default_cpu_limit, '2');
  t.equal(config.min_memory_limit, '250Mi');
  t.equal(config.enable_master_load_balancer, true);
  t.same(withoutEffect, ['ready_wait_timeout', 'workers']);
});

t.test('a Zalando operator ConfigMap is parsed from strings', async (t) => {
  const { config } = parseConfig({
    apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'postgres-operator' },
    data: {
      kubernetes_use_configmaps: 'false', enable_master_load_balancer: 'true', min_instances: '2', max_instances: '5',
      protected_role_names: 'admin, cron_admin,ops', cluster_labels: 'application:spilo,env:"prod,eu"',
      custom_service_annotations: 'service.beta.kubernetes.io/aws-load-balancer-internal:0.0.0.0/0',
      infrastructure_roles_secrets: 'secretname:monitoring-roles,userkey:user,passwordkey:password,rolekey:inrole',
      default_cpu_request: '', pod_terminate_grace_period: '2m', resync_period: '30m',
      team_api_role_configuration: "log_statement:all,search_path:'data,public'", postgres_superuser_teams: 'postgres_superusers,ops',
      enable_teams_api: 'true', enable_team_member_deprecation: 'true',
    },
  });
  t.same(config.team_api_role_configuration, { log_statement: 'all', search_path: "'data,public'" }, 'a single-quoted value keeps its commas (and quotes), as Zalando reads it');
  t.same(config.postgres_superuser_teams, ['postgres_superusers', 'ops']);
  t.equal(config.enable_teams_api, true);
  t.equal(config.enable_team_member_deprecation, true);
  t.equal(config.role_deletion_suffix, '_deleted');
  t.equal(config.kubernetes_use_configmaps, false);
  t.equal(config.enable_master_load_balancer, true);
  t.equal(config.min_instances, 2);
  t.same(config.protected_role_names, ['admin', 'cron_admin', 'ops']);
  t.same(config.cluster_labels, { application: 'spilo', env: 'prod,eu' }, 'commas inside quotes stay in the value');
  t.same(config.custom_service_annotations, { 'service.beta.kubernetes.io/aws-load-balancer-internal': '0.0.0.0/0' });
  t.same(config.infrastructure_roles_secrets, [{ secretname: 'monitoring-roles', userkey: 'user', passwordkey: 'password', rolekey: 'inrole' }]);
  t.equal(config.default_cpu_request, '', 'an empty value means no value, not the default');
  t.equal(config.pod_terminate_grace_period, '2m');
});

t.test('a plain map of options, with string values tolerated for typed options', async (t) => {
  const { config } = parseConfig({ enable_sidecars: 'false', max_instances: 3, statefulset_update_strategy: 'OnDelete' });
  t.equal(config.enable_sidecars, false);
  t.equal(config.max_instances, 3);
  t.equal(config.statefulset_update_strategy, 'OnDelete');
});

t.test('every bad key is named', async (t) => {
  const error = t.throws(() => parseConfig({
    kind: 'ConfigMap',
    data: { enable_sidecars: 'maybe', min_instances: 'two', spilo_image: 'x', default_cpu_request: 'lots', pod_management_policy: 'random' },
  })) as ConfigError;
  t.type(error, ConfigError);
  t.match(error.problems.join('\n'), /enable_sidecars: "maybe" is not a boolean/);
  t.match(error.problems.join('\n'), /min_instances: "two" is not an integer/);
  t.match(error.problems.join('\n'), /spilo_image: unknown option/);
  t.match(error.problems.join('\n'), /default_cpu_request: must match pattern/);
  t.match(error.problems.join('\n'), /pod_management_policy/);
  t.equal(error.problems.length, 5);
});

t.test('cross-option rules', async (t) => {
  const error = t.throws(() => parseConfig({ min_instances: 5, max_instances: 2, connection_pooler_user: 'postgres' })) as ConfigError;
  t.match(error.message, /min_instances: 5 is greater than max_instances 2/);
  t.match(error.message, /connection_pooler_user: must differ from super_username/);
});

t.test('files in YAML and JSON; unreadable or unparsable files fail clearly', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'pgmc-config-'));
  writeFileSync(join(dir, 'c.yaml'), 'kind: OperatorConfiguration\nconfiguration:\n  users:\n    super_username: root\n');
  writeFileSync(join(dir, 'c.json'), JSON.stringify({ super_username: 'admin_user' }));
  writeFileSync(join(dir, 'bad.yaml'), 'a: [1, 2');
  t.equal((await loadConfigFile(join(dir, 'c.yaml'))).config.super_username, 'root');
  t.equal((await loadConfigFile(join(dir, 'c.json'))).config.super_username, 'admin_user');
  await t.rejects(loadConfigFile(join(dir, 'missing.yaml')), /cannot read/);
  await t.rejects(loadConfigFile(join(dir, 'bad.yaml')), /neither YAML nor JSON/);
});

t.test('the configuration shipped in deploy/ loads', async (t) => {
  const manifest = readFileSync(new URL('../deploy/hooks.yaml', import.meta.url), 'utf8');
  const embedded = /config\.yaml: \|\n((?: {4}.*\n)+)/.exec(manifest)?.[1]?.replace(/^ {4}/gm, '');
  t.ok(embedded, 'deploy/hooks.yaml embeds a configuration');
  const dir = mkdtempSync(join(tmpdir(), 'pgmc-config-'));
  writeFileSync(join(dir, 'config.yaml'), embedded ?? '');
  t.equal((await loadConfigFile(join(dir, 'config.yaml'))).config.pod_service_account_name, 'postgres-pod');
});

t.test('upgrade and maintenance window options: ConfigMap lists, Zalando\'s defaults, a window Zalando refuses is named', async (t) => {
  const defaults = parseConfig({}).config;
  t.same([defaults.major_version_upgrade_team_allow_list, defaults.enable_maintenance_windows, defaults.maintenance_windows], [[], true, []]);
  const { config, withoutEffect } = parseConfig({
    kind: 'ConfigMap',
    data: { major_version_upgrade_team_allow_list: 'acid, db', enable_maintenance_windows: 'false', maintenance_windows: 'Sat:22:00-23:59,01:00-06:00' },
  });
  t.same(config.major_version_upgrade_team_allow_list, ['acid', 'db']);
  t.equal(config.enable_maintenance_windows, false);
  t.same(config.maintenance_windows, ['Sat:22:00-23:59', '01:00-06:00']);
  t.same(withoutEffect, [], 'they have an effect now');
  const error = t.throws(() => parseConfig({ maintenance_windows: ['01:00-06:00', 'Sat:23:00-01:00'] })) as ConfigError;
  t.match(error.message, /maintenance_windows: "Sat:23:00-01:00": the end is before the start/);
});
