// Observed objects with fields of the wrong type: the answer keeps every child as last declared and
// names the object and the field, never the value; fields the hooks do not read change nothing.
import t from 'tap';
import { childMap, loadManifest, syncRequest } from '../fixtures/requests.js';
import type { KubeObject, ObservedObject, SyncRequest, SyncResponse } from '../schemas/hook.js';
import { childrenOf, decodeSecret, fedBack, inputs, withSpecChange } from '../test/support.js';
import { sync } from './sync.js';

const manifest = loadManifest('pooler');
const NAMESPACE = 'apps';
const OWNER_SECRET = 'app-owner.acid-pooled.credentials.postgresql.acid.zalan.do';

/** The request with the StatefulSet reporting every pod ready. */
function allReady(request: SyncRequest): SyncRequest {
  const children = Object.values(request.children).flatMap((byName) => Object.values(byName)).map((child) =>
    child.kind === 'StatefulSet' ? { ...child, status: { replicas: 2, readyReplicas: 2, updatedReplicas: 2, observedGeneration: 1 } } : child);
  return { ...request, children: childMap(children as KubeObject[], NAMESPACE) };
}

/** A running cluster: every kind of child observed (StatefulSet ready, pooler, Secrets, setup Job). */
function running(): { request: SyncRequest; response: SyncResponse } {
  const first = syncRequest(manifest);
  const withReady = allReady(fedBack(first, sync(first, inputs())));
  const response = sync(withReady, inputs());
  return { request: allReady(fedBack(withReady, response)), response };
}

const healthy = running();

function observedChildren(request: SyncRequest): ObservedObject[] {
  return Object.values(request.children).flatMap((byName) => Object.values(byName));
}

/** The request with one child (the first of `kind`, or the one named) changed in place. */
function withChild(kind: string, change: (child: Record<string, any>) => void, name?: string): SyncRequest {
  const request = structuredClone(healthy.request);
  const child = observedChildren(request).find((c) => c.kind === kind && (name === undefined || c.metadata.name === name));
  if (!child) throw new Error(`no ${kind} observed`);
  change(child);
  return request;
}

function byIdentity(children: KubeObject[]): KubeObject[] {
  return [...children].sort((a, b) => `${a.kind}/${a.metadata.name}`.localeCompare(`${b.kind}/${b.metadata.name}`));
}

function readable(response: SyncResponse) {
  return response.status.conditions?.find((c) => c.type === 'ObservedObjectsReadable');
}

const t0 = healthy.response;
t.equal(t0.status.PostgresClusterStatus, 'Running', 'the healthy cluster is running');
t.ok(childrenOf(t0, 'Job').length === 2 && childrenOf(t0, 'Deployment').length === 2, 'the setup and config Jobs and the pooler Deployments are observed');

const cases: Array<{ name: string; kind: string; object?: string; field: string; value: unknown; change: (child: Record<string, any>, value: unknown) => void }> = [
  { name: 'Secret data value that is a number', kind: 'Secret', object: OWNER_SECRET, field: 'data.password', value: 987654321012, change: (c, v) => { c.data.password = v; } },
  { name: 'Secret data value that is null', kind: 'Secret', object: OWNER_SECRET, field: 'data.password', value: null, change: (c, v) => { c.data.password = v; } },
  { name: 'Secret data value that is an object', kind: 'Secret', object: OWNER_SECRET, field: 'data.username', value: { secret: 'Obj3ct-Secret-Value' }, change: (c, v) => { c.data.username = v; } },
  { name: 'Secret data value that is not base64', kind: 'Secret', object: OWNER_SECRET, field: 'data.password', value: 'Not-Base64-Secret!!', change: (c, v) => { c.data.password = v; } },
  { name: 'Secret data that is a list', kind: 'Secret', object: OWNER_SECRET, field: 'data', value: ['bGlzdA=='], change: (c, v) => { c.data = v; } },
  { name: 'readyReplicas sent as a string', kind: 'StatefulSet', field: 'status.readyReplicas', value: '3', change: (c, v) => { c.status.readyReplicas = v; } },
  { name: 'replicas sent as a string', kind: 'StatefulSet', field: 'status.replicas', value: '3', change: (c, v) => { c.status.replicas = v; } },
  { name: 'updatedReplicas sent as a string', kind: 'StatefulSet', field: 'status.updatedReplicas', value: '1', change: (c, v) => { c.status.updatedReplicas = v; } },
  { name: 'observedGeneration sent as a string', kind: 'StatefulSet', field: 'status.observedGeneration', value: '3', change: (c, v) => { c.status.observedGeneration = v; } },
  { name: 'a StatefulSet generation sent as a string', kind: 'StatefulSet', field: 'metadata.generation', value: '2', change: (c, v) => { c.metadata.generation = v; } },
  { name: 'a status that is not a map', kind: 'StatefulSet', field: 'status', value: 'Ready', change: (c, v) => { c.status = v; } },
  { name: 'volumeClaimTemplates as a map', kind: 'StatefulSet', field: 'spec.volumeClaimTemplates', value: { pgdata: {} }, change: (c, v) => { c.spec.volumeClaimTemplates = v; } },
  { name: 'a volume size that is not a quantity', kind: 'StatefulSet', field: 'spec.volumeClaimTemplates[0].spec.resources.requests.storage', value: 'lots', change: (c, v) => { c.spec.volumeClaimTemplates[0].spec.resources.requests.storage = v; } },
  { name: 'a volume size sent as a number', kind: 'StatefulSet', field: 'spec.volumeClaimTemplates[0].spec.resources.requests.storage', value: 5368709120, change: (c, v) => { c.spec.volumeClaimTemplates[0].spec.resources.requests.storage = v; } },
  { name: 'a StatefulSet selector that is a string', kind: 'StatefulSet', field: 'spec.selector', value: 'cluster-name=acid-pooled', change: (c, v) => { c.spec.selector = v; } },
  { name: 'selector labels that are not strings', kind: 'StatefulSet', field: 'spec.selector.matchLabels.cluster-name', value: 42, change: (c, v) => { c.spec.selector.matchLabels['cluster-name'] = v; } },
  { name: 'a Deployment selector that is a number', kind: 'Deployment', field: 'spec.selector', value: 5, change: (c, v) => { c.spec.selector = v; } },
  { name: 'Job conditions as a map', kind: 'Job', field: 'status.conditions', value: { Complete: 'True' }, change: (c, v) => { c.status = { conditions: v }; } },
  { name: 'StatefulSet replicas sent as a string', kind: 'StatefulSet', field: 'spec.replicas', value: '3', change: (c, v) => { c.spec.replicas = v; } },
  { name: 'pod template annotations that are a list', kind: 'StatefulSet', field: 'spec.template.metadata.annotations', value: ['x'], change: (c, v) => { c.spec.template.metadata.annotations = v; } },
  { name: 'a Job creation time that is a number', kind: 'Job', field: 'metadata.creationTimestamp', value: 1700000000, change: (c, v) => { c.metadata.creationTimestamp = v; } },
  { name: 'a Job condition type that is not a string', kind: 'Job', field: 'status.conditions[0].type', value: 17, change: (c, v) => { c.status = { conditions: [{ type: v, status: 'True' }] }; } },
  { name: 'child labels that are not a string map', kind: 'Service', field: 'metadata.labels.team', value: 7, change: (c, v) => { c.metadata.labels.team = v; } },
  { name: 'child annotations that are a list', kind: 'Secret', object: OWNER_SECRET, field: 'metadata.annotations', value: ['note'], change: (c, v) => { c.metadata.annotations = v; } },
];

for (const testCase of cases) {
  t.test(`${testCase.name}: SyncFailed, every child kept, the field named without its value`, async (t) => {
    const request = withChild(testCase.kind, (c) => testCase.change(c, structuredClone(testCase.value)), testCase.object);
    const response = sync(request, inputs({}, 77));
    t.equal(response.status.PostgresClusterStatus, 'SyncFailed');
    const condition = readable(response);
    t.match(condition, { status: 'False', reason: 'MalformedObservedObject' });
    const child = observedChildren(request).find((c) => c.kind === testCase.kind && (testCase.object === undefined || c.metadata.name === testCase.object))!;
    t.ok(condition?.message.includes(`${testCase.kind} ${NAMESPACE}/${child.metadata.name}: ${testCase.field} must be`), condition?.message ?? 'no condition');
    if (testCase.value !== null) {
      const shown = typeof testCase.value === 'object' ? JSON.stringify(testCase.value) : String(testCase.value);
      for (const part of [shown, ...Object.values(testCase.value as object).map(String)]) {
        if (part.length > 3) t.notOk(JSON.stringify(response.status).includes(part), 'the value is not quoted');
      }
    }
    t.equal(response.children.length, observedChildren(request).length, 'no child is left out');
    if (testCase.field === 'metadata.annotations') {
      // Without its last-applied annotation the Secret comes back as observed, its data byte for byte.
      const secret = response.children.find((c) => c.metadata.name === OWNER_SECRET) as KubeObject & { data: unknown };
      t.same(secret.data, (child as { data?: unknown }).data);
    } else {
      t.same(byIdentity(response.children), byIdentity(healthy.response.children), 'every child as last declared');
    }
    t.equal(response.resyncAfterSeconds, inputs().config.poll_interval_seconds, 'asked again later');
  });
}

t.test('several problems are reported together, at most five per object', async (t) => {
  const request = withChild('Secret', (c) => {
    for (let i = 0; i < 8; i += 1) c.data[`key${i}`] = i;
  }, OWNER_SECRET);
  const message = readable(sync(request, inputs()))?.message ?? '';
  t.match(message, /data\.key0 must be a base64 string, .*data\.key4 must be a base64 string and 3 more/);
  t.notMatch(message, /key5/);
});

t.test('related objects are checked too: pod environment ConfigMap values must be strings', async (t) => {
  const related = { 'ConfigMap.v1': { 'apps/pod-env': { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'pod-env', namespace: 'apps' }, data: { WAL_S3_BUCKET: 12345 } } } };
  const request = { ...healthy.request, related } as unknown as SyncRequest;
  const response = sync(request, inputs({ pod_environment_configmap: 'pod-env' }));
  t.equal(response.status.PostgresClusterStatus, 'SyncFailed');
  t.match(readable(response)?.message, /ConfigMap apps\/pod-env: data\.WAL_S3_BUCKET must be a string/);
  t.same(byIdentity(response.children), byIdentity(healthy.response.children));
});

t.test('a Job pod whose termination message or owner is unreadable stops the update, the field named', async (t) => {
  const pod = (status: unknown, owner: unknown = true) => ({
    apiVersion: 'v1', kind: 'Pod',
    metadata: { name: 'x-config-0123456789-bx2k9', namespace: 'default', ownerReferences: [{ uid: 'j', controller: owner }] },
    status,
  });
  for (const [object, field] of [
    [pod({ containerStatuses: [{ state: { terminated: { message: { secret: 'v' } } } }] }), 'status.containerStatuses[0].state.terminated.message must be a string'],
    [pod({ containerStatuses: 'none' }), 'status.containerStatuses must be a list'],
    [pod({}, 'yes'), 'metadata.ownerReferences[0].controller must be true or false'],
  ] as const) {
    const request = { ...healthy.request, related: { 'Pod.v1': { 'default/x': object } } } as unknown as SyncRequest;
    const response = sync(request, inputs());
    t.equal(response.status.PostgresClusterStatus, 'SyncFailed');
    t.match(readable(response)?.message, field);
    t.notMatch(readable(response)?.message, /secret/);
  }
});

t.test('related claims are checked: a requested size or a capacity that is not a quantity, conditions that are not a list', async (t) => {
  const claim = (change: Record<string, unknown>) => ({
    'PersistentVolumeClaim.v1': {
      'apps/pgdata-acid-pooled-0': {
        apiVersion: 'v1', kind: 'PersistentVolumeClaim', metadata: { name: 'pgdata-acid-pooled-0', namespace: 'apps' },
        spec: { resources: { requests: { storage: '1Gi' } } }, ...change,
      },
    },
  });
  for (const [change, field] of [
    [{ spec: { resources: { requests: { storage: 'plenty' } } } }, 'spec.resources.requests.storage'],
    [{ status: { capacity: { storage: 1073741824 } } }, 'status.capacity.storage'],
    [{ status: { conditions: { FileSystemResizePending: 'True' } } }, 'status.conditions'],
  ] as const) {
    const response = sync({ ...healthy.request, related: claim(change) } as unknown as SyncRequest, inputs());
    t.equal(response.status.PostgresClusterStatus, 'SyncFailed');
    t.match(readable(response)?.message, `PersistentVolumeClaim apps/pgdata-acid-pooled-0: ${field} must be`);
    t.same(byIdentity(response.children), byIdentity(healthy.response.children), 'every child as last declared');
  }
});

t.test('fields the hooks never read do not matter: containers as a map are simply declared again', async (t) => {
  const request = withChild('StatefulSet', (c) => { c.spec.template.spec.containers = { postgres: {} }; });
  const response = sync(request, inputs());
  t.equal(response.status.PostgresClusterStatus, 'Running');
  t.same(response.children, healthy.response.children);
});

t.test('a last-applied annotation that is not JSON, or JSON of another object, is not a problem', async (t) => {
  const lastApplied = 'metacontroller.k8s.io/last-applied-configuration';
  for (const junk of ['{not json', '[1, 2]', 'null', JSON.stringify({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'other' } })]) {
    const request = withChild('Secret', (c) => { c.metadata.annotations[lastApplied] = junk; }, OWNER_SECRET);
    const response = sync(request, inputs());
    t.equal(response.status.PostgresClusterStatus, 'Running', `valid answer with ${junk}`);
    t.same(response.children, healthy.response.children);
    const invalid = sync(withSpecChange(request, { numberOfInstances: -1 }), inputs());
    t.equal(invalid.status.PostgresClusterStatus, 'Invalid');
    const kept = invalid.children.find((c) => c.metadata.name === OWNER_SECRET) as KubeObject & { data: unknown };
    const observed = observedChildren(request).find((c) => c.metadata.name === OWNER_SECRET) as ObservedObject & { data: unknown };
    t.same(kept.data, observed.data, 'kept as observed');
    t.notOk(kept.metadata.annotations?.[lastApplied], 'without the unusable annotation');
    t.notOk('uid' in kept.metadata, 'without server fields');
  }
});

t.test('junk in the parent status is read as absent', async (t) => {
  const previous = healthy.request.parent.status as { conditions: Array<{ type: string; lastTransitionTime: string }> };
  const kept = previous.conditions.find((c) => c.type === 'Valid')!;
  const junk: unknown[] = [
    'Running',
    { PostgresClusterStatus: 7, conditions: 'all good' },
    { conditions: { Valid: 'True' } },
    { conditions: [null, 5, 'x', { status: 'True' }, { type: 'Valid', status: 'True', lastTransitionTime: 12 }, { type: 'Ready', status: 'True', lastTransitionTime: 'yesterday' }] },
  ];
  for (const status of junk) {
    const request = { ...healthy.request, parent: { ...healthy.request.parent, status } };
    const response = sync(request, inputs());
    t.equal(response.status.PostgresClusterStatus, 'Running', JSON.stringify(status));
    t.ok(response.status.conditions?.every((c) => c.lastTransitionTime === '2026-11-20T12:00:00Z'), 'times start afresh');
  }
  const mixed = { ...healthy.request, parent: { ...healthy.request.parent, status: { ...previous, conditions: [{ type: 'Ready', status: 5 }, { ...kept, lastTransitionTime: '2026-01-02T03:04:05Z' }] } } };
  const response = sync(mixed, inputs());
  t.equal(response.status.conditions?.find((c) => c.type === 'Valid')?.lastTransitionTime, '2026-01-02T03:04:05Z', 'a well-formed condition is still used');
  const invalid = sync({ ...withSpecChange(healthy.request, { numberOfInstances: -1 }), parent: { ...withSpecChange(healthy.request, { numberOfInstances: -1 }).parent, status: { conditions: [7] } } }, inputs());
  t.equal(invalid.status.PostgresClusterStatus, 'Invalid', 'the Invalid answer reads it the same way');
});

t.test('the unchanged answer keeps passwords byte for byte even when a Secret is malformed', async (t) => {
  const request = withChild('Secret', (c) => { c.data.nextRotation = 12; }, OWNER_SECRET);
  const response = sync(request, inputs({}, 123));
  for (const secret of childrenOf(response, 'Secret')) {
    const before = childrenOf(healthy.response, 'Secret').find((s) => s.metadata.name === secret.metadata.name)!;
    t.equal(decodeSecret(secret).password, decodeSecret(before).password, secret.metadata.name);
  }
});
