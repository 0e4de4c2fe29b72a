import t from 'tap';
import { defaultConfig } from '../config.js';
import type { Cluster } from '../cluster.js';
import type { PostgresSpec } from '../../schemas/postgresql.js';
import { roleModel, type Role } from './model.js';
import { normalizeFlags } from './flags.js';

function cluster(spec: Partial<PostgresSpec>): Cluster {
  return {
    name: 'acid-test', namespace: 'default', uid: 'u', generation: 1, labels: {}, annotations: {}, status: undefined,
    spec: { teamId: 'acid', numberOfInstances: 1, postgresql: { version: '18' }, volume: { size: '1Gi' }, ...spec } as PostgresSpec,
  };
}

const table = (roles: Role[]) => Object.fromEntries(roles.filter((r) => r.origin === 'bootstrap').map((r) => [r.name, { flags: r.flags.join(' '), memberOf: r.memberOf.join(','), admin: r.adminRole, owner: r.isDbOwner }]));

t.test('preparedDatabases {foo: {schemas: {bar: {}}}} gives the six NOLOGIN roles with their memberships and admins', async (t) => {
  const { roles } = roleModel(cluster({ preparedDatabases: { foo: { schemas: { bar: {} } } } }), defaultConfig());
  t.same(table(roles), {
    foo_owner: { flags: 'NOLOGIN', memberOf: '', admin: 'admin', owner: true },
    foo_reader: { flags: 'NOLOGIN', memberOf: '', admin: 'foo_owner', owner: false },
    foo_writer: { flags: 'NOLOGIN', memberOf: 'foo_reader', admin: 'foo_owner', owner: false },
    foo_bar_owner: { flags: 'NOLOGIN', memberOf: '', admin: 'foo_owner', owner: true },
    foo_bar_reader: { flags: 'NOLOGIN', memberOf: '', admin: 'foo_bar_owner', owner: false },
    foo_bar_writer: { flags: 'NOLOGIN', memberOf: 'foo_bar_reader', admin: 'foo_bar_owner', owner: false },
  });
  const search = roles.find((r) => r.name === 'foo_reader')?.parameters.search_path;
  t.equal(search, '"$user", "bar"');
  t.equal(roles.find((r) => r.name === 'foo_bar_reader')?.parameters.search_path, '"$user", "bar"');
  t.notOk(roles.filter((r) => r.origin === 'bootstrap').some((r) => r.hasSecret), 'NOLOGIN roles get no Secret');
});

t.test('defaultUsers adds the six _user LOGIN roles', async (t) => {
  const { roles } = roleModel(cluster({ preparedDatabases: { foo: { defaultUsers: true, schemas: { bar: { defaultUsers: true } } } } }), defaultConfig());
  const users = Object.fromEntries(Object.entries(table(roles)).filter(([name]) => name.endsWith('_user')));
  t.same(users, {
    foo_owner_user: { flags: 'LOGIN', memberOf: 'foo_owner', admin: 'admin', owner: true },
    foo_reader_user: { flags: 'LOGIN', memberOf: 'foo_reader', admin: 'foo_owner', owner: false },
    foo_writer_user: { flags: 'LOGIN', memberOf: 'foo_writer', admin: 'foo_owner', owner: false },
    foo_bar_owner_user: { flags: 'LOGIN', memberOf: 'foo_bar_owner', admin: 'foo_owner', owner: true },
    foo_bar_reader_user: { flags: 'LOGIN', memberOf: 'foo_bar_reader', admin: 'foo_bar_owner', owner: false },
    foo_bar_writer_user: { flags: 'LOGIN', memberOf: 'foo_bar_writer', admin: 'foo_bar_owner', owner: false },
  });
  t.ok(roles.filter((r) => r.name.endsWith('_user')).every((r) => r.hasSecret));
});

t.test('an empty preparedDatabases map prepares a database named after the cluster with a data schema', async (t) => {
  const names = roleModel(cluster({ preparedDatabases: {} }), defaultConfig()).roles.map((r) => r.name);
  t.ok(names.includes('acid_test_owner'));
  t.ok(names.includes('acid_test_data_writer'));
});

t.test('schemas without default roles add none', async (t) => {
  const names = roleModel(cluster({ preparedDatabases: { foo: { schemas: { hist: { defaultRoles: false } } } } }), defaultConfig()).roles.map((r) => r.name);
  t.notOk(names.some((n) => n.startsWith('foo_hist')));
});

t.test('manifest users: flags normalised, admin role, owners, reserved names skipped', async (t) => {
  const { roles, warnings } = roleModel(cluster({ users: { app: ['createdb', 'superuser'], reader: ['nologin'], admin: [], postgres: ['superuser'] }, databases: { app_db: 'app' } }), { ...defaultConfig(), additional_owner_roles: ['cron_admin'] });
  const app = roles.find((r) => r.name === 'app');
  t.same(app?.flags, ['CREATEDB', 'LOGIN', 'SUPERUSER']);
  t.equal(app?.adminRole, 'admin');
  t.equal(app?.isDbOwner, true);
  t.same(app?.memberOf, ['cron_admin'], 'additional_owner_roles join database owners');
  const reader = roles.find((r) => r.name === 'reader');
  t.same(reader?.flags, []);
  t.equal(reader?.hasSecret, true, 'Zalando gives NOLOGIN manifest users a Secret too');
  t.same(roles.filter((r) => r.name === 'postgres').map((r) => r.origin), ['system'], 'the superuser stays a system role');
  t.match(warnings.join('\n'), /spec.users.admin is ignored/);
});

t.test('flag normalisation', async (t) => {
  t.same(normalizeFlags(['superuser', 'createdb']), ['CREATEDB', 'LOGIN', 'SUPERUSER']);
  t.same(normalizeFlags([]), ['LOGIN']);
  t.same(normalizeFlags(['nologin']), []);
  t.same(normalizeFlags(['login', 'LOGIN']), ['LOGIN']);
});

t.test('origin priority: a prepared role beats a manifest user of the same name', async (t) => {
  const { roles, warnings } = roleModel(cluster({ users: { foo_owner: ['createdb'] }, preparedDatabases: { foo: {} } }), defaultConfig());
  t.same(roles.filter((r) => r.name === 'foo_owner').map((r) => r.origin), ['bootstrap']);
  t.match(warnings.join('\n'), /foo_owner is defined twice/);
});

t.test('the pooler user joins when a pooler is enabled, unless its name is reserved', async (t) => {
  const config = defaultConfig();
  t.notOk(roleModel(cluster({}), config).roles.some((r) => r.origin === 'pooler'));
  t.same(roleModel(cluster({ connectionPooler: {} }), config).roles.filter((r) => r.origin === 'pooler').map((r) => r.name), ['pooler']);
  t.same(roleModel(cluster({ enableConnectionPooler: true, connectionPooler: { user: 'bouncer' } }), config).roles.filter((r) => r.origin === 'pooler').map((r) => r.name), ['bouncer']);
  t.same(roleModel(cluster({ enableConnectionPooler: true, connectionPooler: { user: 'postgres' } }), config).roles.filter((r) => r.origin === 'pooler').map((r) => r.name), ['pooler']);
  t.notOk(roleModel(cluster({ enableConnectionPooler: false, connectionPooler: {} }), config).roles.some((r) => r.origin === 'pooler'), 'the flag wins over a present section');
});
