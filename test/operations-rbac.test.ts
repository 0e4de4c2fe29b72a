// The operations Jobs' ServiceAccount may make every call the Job makes (operations/kubernetes.ts and
// operations/events.ts), in the kustomize component and in the chart alike.
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
const operationsRole = (objects: Manifest[]) => objects.find((o) => o.kind === 'Role' && o.metadata.name === 'postgres-metacontroller-operations') as Manifest & { rules: Rule[] };

t.test('the namespace-access component\'s Role grants every call of the operations Job', async (t) => {
  const text = readFileSync(join(root, 'deploy/components/namespace-access/operations-rbac.yaml'), 'utf8');
  const role = operationsRole(parseAllDocuments(text).map((d) => d.toJS() as Manifest));
  t.same(CALLS.filter((call) => !allows(role.rules, call)), []);
});

t.test('so does the chart\'s, for each namespace granted', async (t) => {
  const role = operationsRole(helmTemplate({ namespaces: ['team-a'] }));
  t.same(CALLS.filter((call) => !allows(role.rules, call)), []);
});
