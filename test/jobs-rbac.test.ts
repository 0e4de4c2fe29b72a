// The Jobs' ServiceAccounts may make every call their Job makes (operations/kubernetes.ts and
// operations/events.ts), and the setup Job's nothing more than its Events, in the kustomize component and in
// the chart alike.
import t from 'tap';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseAllDocuments } from 'yaml';
import { helmTemplate, root, type Manifest } from './deploy-render.js';

/** [API group, resource, verb] of each call. */
const CALLS: Array<[string, string, string]> = [
  ['', 'pods', 'list'], ['', 'pods', 'get'], ['', 'pods', 'delete'], ['', 'pods', 'patch'],
  ['', 'pods/exec', 'get'], ['', 'pods/exec', 'create'],
  ['', 'persistentvolumeclaims', 'get'], ['', 'persistentvolumeclaims', 'patch'],
  ['apps', 'statefulsets', 'get'], ['apps', 'statefulsets', 'delete'],
  ['', 'events', 'create'],
];

type Rule = { apiGroups: string[]; resources: string[]; verbs: string[] };
const allows = (rules: Rule[], [group, resource, verb]: [string, string, string]) =>
  rules.some((r) => r.apiGroups.includes(group) && r.resources.includes(resource) && r.verbs.includes(verb));
const roleNamed = (objects: Manifest[], name: string) => objects.find((o) => o.kind === 'Role' && o.metadata.name === name) as Manifest & { rules: Rule[] };
const operationsRole = (objects: Manifest[]) => roleNamed(objects, 'postgres-metacontroller-operations');
const componentObjects = () => ['operations-rbac.yaml', 'setup-rbac.yaml']
  .flatMap((file) => parseAllDocuments(readFileSync(join(root, 'deploy/components/namespace-access', file), 'utf8')).map((d) => d.toJS() as Manifest));
/** The setup Job records Events and does nothing else through the API. */
const SETUP_RULES: Rule[] = [{ apiGroups: [''], resources: ['events'], verbs: ['create'] }];

t.test('the namespace-access component\'s Role grants every call of the operations Job', async (t) => {
  const role = operationsRole(componentObjects());
  t.same(CALLS.filter((call) => !allows(role.rules, call)), []);
  t.same(roleNamed(componentObjects(), 'postgres-metacontroller-setup').rules, SETUP_RULES);
});

t.test('so does the chart\'s, for each namespace granted', async (t) => {
  const objects = helmTemplate({ namespaces: ['team-a'] });
  t.same(CALLS.filter((call) => !allows(operationsRole(objects).rules, call)), []);
  t.same(roleNamed(objects, 'postgres-metacontroller-setup').rules, SETUP_RULES);
});
