// Infrastructure role descriptions (YAML in the Secret's details key or in the same-named ConfigMap):
// read as Zalando reads them, and an unreadable one named by its place, never quoted.
import t from 'tap';
import { loadManifest, syncRequest } from '../../fixtures/requests.js';
import type { ObjectMap } from '../../schemas/hook.js';
import { childrenOf, inputs } from '../../test/support.js';
import { Observed } from '../observed.js';
import { sync } from '../sync.js';
import { infrastructureRoles } from './infrastructure.js';

const b64 = (s: string) => Buffer.from(s).toString('base64');
const PASSWORD = 'Infra-Passw0rd-Recognisable';
const config = {
  ...inputs().config,
  operator_namespace: 'ops',
  infrastructure_roles_secrets: [{ secretname: 'robots', userkey: 'user', passwordkey: 'password', details: 'details' }],
};

function related(secretData: Record<string, unknown>, configMapData?: Record<string, unknown>): ObjectMap {
  return {
    'Secret.v1': { 'ops/robots': { apiVersion: 'v1', kind: 'Secret', metadata: { name: 'robots', namespace: 'ops' }, data: secretData } },
    ...(configMapData ? { 'ConfigMap.v1': { 'ops/robots': { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'robots', namespace: 'ops' }, data: configMapData } } } : {}),
  } as ObjectMap;
}

t.test('every scalar of a description is read as a string, as Go decodes it into string fields', async (t) => {
  const details = `name: robot\npassword: ${PASSWORD}\nuser_flags: [createdb]\ninrole: [admin]\ndb_parameters: {work_mem: 64, jit: off}\n`;
  const result = infrastructureRoles(config, new Observed({}, related({ details: b64(details) }, { batman: 'inrole: [1234]\n', robin: '' })));
  t.same(result.unreadable, []);
  const robot = result.roles.find((r) => r.name === 'robot');
  t.same(robot, { name: 'robot', password: PASSWORD, flags: ['createdb'], memberOf: ['admin'], parameters: { work_mem: '64', jit: 'off' } });
  t.same(result.warnings, [
    'infrastructure role batman has no password in Secret robots and is ignored',
    'infrastructure role robin has no password in Secret robots and is ignored',
  ]);
});

t.test('a description that is not YAML, or not a role description, is named by its place', async (t) => {
  const warnings: string[] = [];
  const onWarning = (warning: Error) => warnings.push(warning.message);
  process.on('warning', onWarning);
  t.teardown(() => { process.off('warning', onWarning); });
  const configMap = {
    batman: 'user_flags: createdb\n',
    joker: 'inrole: {gotham: city}\ndb_parameters: [a]\n',
    penguin: 'just a sentence',
    riddler: `? [${PASSWORD}]\n: x\n`,
  };
  const secret = { details: b64(`name: robot\npassword: ${PASSWORD}: oops\n`), batman: b64('pw'), joker: b64('pw'), penguin: b64('pw'), riddler: b64('pw') };
  const result = infrastructureRoles(config, new Observed({}, related(secret, configMap)));
  t.same(result.unreadable, [
    'Secret ops/robots: data.details must be a YAML role description',
    'ConfigMap ops/robots: data.batman.user_flags must be a list',
    'ConfigMap ops/robots: data.joker.inrole must be a list, data.joker.db_parameters must be a map',
    'ConfigMap ops/robots: data.penguin must be a map',
    'ConfigMap ops/robots: data.riddler must be a map',
  ]);
  t.same(result.roles, [], 'no role is read from an unreadable description');
  t.notOk(JSON.stringify(result).includes(PASSWORD));
  await new Promise((resolve) => setImmediate(resolve));
  t.same(warnings, [], 'nothing is printed as a process warning');
});

t.test('an unreadable description keeps every child instead of dropping the role and its Secret', async (t) => {
  const manifest = loadManifest('minimal');
  const good = related({ details: b64(`name: robot\npassword: ${PASSWORD}\n`) });
  const before = sync(syncRequest(manifest, [], { related: good }), inputs(config));
  t.ok(childrenOf(before, 'Secret').some((s) => s.metadata.name.startsWith('robot.')), 'the role has its Secret');
  const broken = related({ details: b64(`name: robot\npassword: ${PASSWORD}: oops\n`) });
  const response = sync(syncRequest(manifest, before.children, { related: broken }), inputs(config));
  t.equal(response.status.PostgresClusterStatus, 'SyncFailed');
  t.match(response.status.conditions?.[0], { type: 'ObservedObjectsReadable', reason: 'MalformedObservedObject', message: /Secret ops\/robots: data\.details must be a YAML role description/ });
  t.same(response.children.map((c) => c.metadata.name).sort(), before.children.map((c) => c.metadata.name).sort());
  t.notOk(JSON.stringify(response.status).includes(PASSWORD));
});

t.test('Secret values that are not base64 strings stop the update before they are decoded', async (t) => {
  const response = sync(syncRequest(loadManifest('minimal'), [], { related: related({ details: 12345678901 }) }), inputs(config));
  t.equal(response.status.PostgresClusterStatus, 'SyncFailed');
  t.match(response.status.conditions?.[0]?.message, /Secret ops\/robots: data\.details must be a base64 string/);
  t.notMatch(JSON.stringify(response.status), /12345678901/);
});
