import t from 'tap';
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { Compile } from 'typebox/compile';
import { CustomResourceDefinition } from 'kubernetes-models/apiextensions.k8s.io/v1/CustomResourceDefinition';
import { CRD_FILES, CRD_FOLDERS } from './crds.js';
import { PostgresSpec } from './postgresql.js';
import { toStructural } from './crd.js';
import { crdYaml } from '../scripts/crd-yaml.js';
import { loadManifest, manifestNames } from '../fixtures/requests.js';

const root = fileURLToPath(new URL('..', import.meta.url));

t.test('deploy/crds and the chart\'s copy are what the schemas generate (run `npm run crds` after a schema change)', async (t) => {
  for (const [file, build] of Object.entries(CRD_FILES)) {
    for (const folder of CRD_FOLDERS) t.equal(readFileSync(join(root, folder, file), 'utf8'), crdYaml(build()), `${folder}/${file}`);
  }
});

t.test('the CRDs validate against the Kubernetes apiextensions schema', async (t) => {
  for (const [file, build] of Object.entries(CRD_FILES)) {
    t.doesNotThrow(() => new CustomResourceDefinition(build() as never).validate(), file);
  }
});

t.test('the postgresql CRD is structural and complete', async (t) => {
  const crd = CRD_FILES['postgresql.yaml']() as { spec: { names: Record<string, unknown>; versions: Array<Record<string, any>> } };
  const version = crd.spec.versions[0]!;
  t.same(crd.spec.names.shortNames, ['pg']);
  t.same(crd.spec.names.categories, ['all']);
  t.same(version.subresources, { status: {} });
  t.same(version.additionalPrinterColumns.map((c: { name: string }) => c.name), ['Team', 'Version', 'Pods', 'Volume', 'CPU-Request', 'Memory-Request', 'Age', 'Status']);
  const spec = version.schema.openAPIV3Schema.properties.spec;
  t.same(spec.required, ['teamId', 'numberOfInstances', 'postgresql', 'volume']);
  t.same(spec.properties.postgresql.properties.version.enum, ['14', '15', '16', '17', '18']);
  t.equal(spec.properties.allowedSourceRanges.nullable, true);
  t.same(spec.properties.standby.not, { required: ['s3_wal_path', 'gs_wal_path'] });
  t.equal(spec.properties.initContainers.items['x-kubernetes-preserve-unknown-fields'], true);
  const status = version.schema.openAPIV3Schema.properties.status;
  t.equal(status.properties.observedGeneration.type, 'integer', 'Metacontroller writes observedGeneration');
  t.same(status.required, ['PostgresClusterStatus']);
  const text = JSON.stringify(version.schema);
  for (const forbidden of ['patternProperties', '"const"', '"$id"', '"type":"null"', 'uniqueItems']) t.notOk(text.includes(forbidden), `no ${forbidden}`);
});

t.test('the converter refuses what it cannot express', async (t) => {
  t.throws(() => toStructural({ anyOf: [{ type: 'string' }, { type: 'object' }] }), /no structural equivalent/);
  t.throws(() => toStructural({ type: 'array', items: [{ type: 'string' }] }), /tuple/);
  t.throws(() => toStructural({ type: 'object', oneOf: [{ type: 'string' }] }), /only list required/);
  t.same(toStructural({ type: 'integer', exclusiveMinimum: 0 }), { type: 'integer', minimum: 0, exclusiveMinimum: true });
  t.same(toStructural({ anyOf: [{ type: 'integer' }, { type: 'string' }] }), { 'x-kubernetes-int-or-string': true });
});

t.test('every example manifest is valid against the schema', async (t) => {
  const check = Compile(PostgresSpec);
  for (const name of manifestNames()) {
    const spec = loadManifest(name).spec;
    t.ok(check.Check(spec), `${name}: ${JSON.stringify([...check.Errors(spec)].map((e) => `${e.instancePath} ${e.message}`))}`);
  }
});

const kubectl = spawnSync('kubectl', ['version', '--client'], { encoding: 'utf8' }).status === 0;

t.test('kubectl kustomize builds the deploy base and components offline', { skip: kubectl ? false : 'kubectl is not installed' }, async (t) => {
  const base = execFileSync('kubectl', ['kustomize', join(root, 'deploy')], { encoding: 'utf8' });
  const kinds = base.split('\n---\n').map((doc) => parse(doc)?.kind).filter(Boolean).sort();
  t.same(kinds, ['ClusterRole', 'CompositeController', 'ConfigMap', 'CustomResourceDefinition', 'CustomResourceDefinition', 'Deployment', 'Namespace', 'PodDisruptionBudget', 'Service', 'ServiceAccount']);
  t.notMatch(base, /resource: endpoints/, 'Endpoints are not claimed in the default ConfigMap mode');
  const overlay = mkdtempSync(join(tmpdir(), 'pgmc-overlay-'));
  writeFileSync(join(overlay, 'kustomization.yaml'), [
    'apiVersion: kustomize.config.k8s.io/v1beta1', 'kind: Kustomization',
    `resources: [${relative(overlay, join(root, 'deploy'))}]`,
    `components: [${relative(overlay, join(root, 'deploy/components/endpoints-mode'))}]`, '',
  ].join('\n'));
  const withEndpoints = execFileSync('kubectl', ['kustomize', '--load-restrictor', 'LoadRestrictionsNone', overlay], { encoding: 'utf8' });
  t.match(withEndpoints, /resource: endpoints/);
  const access = execFileSync('kubectl', ['kustomize', join(root, 'deploy/components/namespace-access')], { encoding: 'utf8' })
    .split('\n---\n').map((doc) => parse(doc)).filter(Boolean);
  t.same(access.map((o) => `${o.kind}/${o.metadata.name}`).sort(), [
    'Role/postgres-metacontroller-operations', 'Role/postgres-metacontroller-setup',
    'RoleBinding/postgres-metacontroller-operations', 'RoleBinding/postgres-metacontroller-setup', 'RoleBinding/postgres-pod',
    'ServiceAccount/postgres-metacontroller-operations', 'ServiceAccount/postgres-metacontroller-setup', 'ServiceAccount/postgres-pod',
  ]);
  const role = (name: string) => access.find((o) => o.kind === 'Role' && o.metadata.name === name).rules;
  t.same(role('postgres-metacontroller-operations'), [
    { apiGroups: [''], resources: ['pods'], verbs: ['get', 'list', 'watch', 'delete', 'patch'] },
    { apiGroups: [''], resources: ['pods/exec'], verbs: ['get', 'create'] },
    { apiGroups: [''], resources: ['persistentvolumeclaims'], verbs: ['get', 'patch'] },
    { apiGroups: ['apps'], resources: ['statefulsets'], verbs: ['get', 'delete'] },
    { apiGroups: [''], resources: ['events'], verbs: ['create'] },
  ], 'the operations Job may touch pods, exec in them, grow claims, delete the StatefulSet (orphaning its pods) and record Events only');
  t.same(role('postgres-metacontroller-setup'), [{ apiGroups: [''], resources: ['events'], verbs: ['create'] }], 'the setup Job may record Events only');
});
