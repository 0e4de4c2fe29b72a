// `render` answers what the sync hook answers for a new cluster, with generated passwords masked.
import t from 'tap';
import { parseAllDocuments } from 'yaml';
import { loadManifest, manifestNames, syncRequest } from '../fixtures/requests.js';
import { sync } from '../hooks/sync.js';
import { inputs } from '../test/support.js';
import type { KubeObject } from '../schemas/hook.js';
import { renderChildren } from './desired.js';
import { main, RENDER_NOW } from './main.js';
import { GENERATED, maskGenerated, placeholderRandom } from './render.js';
import { memoryIo } from './testdata/io.js';

const MANIFEST = new URL('../fixtures/manifests/', import.meta.url);

t.test('every fixture renders to the children the sync hook answers for the same input', async (t) => {
  for (const name of manifestNames()) {
    const request = syncRequest(loadManifest(name));
    const rendered = renderChildren(request.parent, inputs()).children;
    t.same(rendered, sync(request, inputs()).children, name);
    t.ok(rendered.length > 0, `${name} renders children`);
  }
});

t.test('generated passwords are shown as placeholders, decoded, and other values stay base64', async (t) => {
  const request = syncRequest(loadManifest('minimal'));
  const children = maskGenerated(renderChildren(request.parent, { ...inputs(), random: placeholderRandom }).children);
  const secrets = children.filter((c) => c.kind === 'Secret') as Array<KubeObject & { data?: Record<string, string>; stringData?: Record<string, string> }>;
  t.equal(secrets.length, 4);
  for (const secret of secrets) {
    t.equal(secret.stringData?.password, GENERATED, secret.metadata.name);
    t.notOk(secret.data?.password, 'no password left in data');
    t.match(secret.stringData?.uri, new RegExp(`:${GENERATED}@`));
    t.ok(secret.data?.username, 'the username stays in data');
  }
  t.notOk(JSON.stringify(children).includes('PGMCGENERATED'), 'no marker is left anywhere');
});

t.test('kubectl pg render prints YAML by default, a List with -o json, and exits 0', async (t) => {
  const yamlIo = memoryIo();
  t.equal(await main(['render', new URL('minimal.yaml', MANIFEST).pathname], yamlIo), 0);
  const documents = parseAllDocuments(yamlIo.out).map((d) => d.toJS() as KubeObject);
  t.same(documents.map((d) => `${d.kind}/${d.metadata.name}`), maskGenerated(renderChildren(syncRequest(loadManifest('minimal')).parent, { ...inputs(), now: RENDER_NOW, random: placeholderRandom }).children).map((c) => `${c.kind}/${c.metadata.name}`));
  t.equal(yamlIo.err, '');

  const jsonIo = memoryIo({ stdin: JSON.stringify(loadManifest('minimal')) });
  t.equal(await main(['render', '-', '-o', 'json'], jsonIo), 0);
  const list = JSON.parse(jsonIo.out) as { kind: string; items: KubeObject[] };
  t.equal(list.kind, 'List');
  t.equal(list.items.length, documents.length);

  const again = memoryIo();
  await main(['render', new URL('minimal.yaml', MANIFEST).pathname], again);
  t.equal(again.out, yamlIo.out, 'deterministic');
});

t.test('--show-generated answers real passwords', async (t) => {
  const io = memoryIo();
  t.equal(await main(['render', new URL('minimal.yaml', MANIFEST).pathname, '--show-generated', '-o', 'json'], io), 0);
  const secrets = (JSON.parse(io.out) as { items: Array<KubeObject & { data: Record<string, string> }> }).items.filter((c) => c.kind === 'Secret');
  for (const secret of secrets) t.match(Buffer.from(secret.data.password ?? '', 'base64').toString(), /^[a-zA-Z0-9]{64}$/);
});

t.test('render errors exit 2 with the reason', async (t) => {
  const invalid = memoryIo({ stdin: 'apiVersion: acid.zalan.do/v1\nkind: postgresql\nmetadata: {name: acid-x, namespace: default}\nspec: {teamId: acid}\n' });
  t.equal(await main(['render', '-'], invalid), 2);
  t.match(invalid.err, /error: the sync hook answers Invalid and keeps every object as it is: Valid InvalidSpec: .*spec/);

  const notYaml = memoryIo({ stdin: '{"unclosed": ' });
  t.equal(await main(['render', '-'], notYaml), 2);
  t.match(notYaml.err, /error: stdin: neither YAML nor JSON/);

  const none = memoryIo({ stdin: 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: x}\n' });
  t.equal(await main(['render', '-'], none), 2);
  t.match(none.err, /no postgresql object/);

  const badConfig = memoryIo();
  t.equal(await main(['render', new URL('minimal.yaml', MANIFEST).pathname, '--config', '/nonexistent/config.yaml'], badConfig), 2);
  t.match(badConfig.err, /cannot read \/nonexistent\/config.yaml/);

  const usage = memoryIo();
  t.equal(await main(['render'], usage), 2);
  t.match(usage.err, /expected one manifest, got 0/);
});
