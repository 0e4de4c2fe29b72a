// Property-based proof of the hooks' rules (issue 10) over generated manifests, configurations and
// observed children: valid input gives children the API server accepts and converges; a spec change
// leaves no stale connection keys; invalid or garbage input keeps every child; no Secret value is
// ever logged. Seed and run count: PROPS_SEED, PROPS_RUNS (`npm run props` picks a random seed).
import { isDeepStrictEqual } from 'node:util';
import fc from 'fast-check';
import t from 'tap';
import { b64 } from '../hooks/base64.js';
import { childMap, parentOf, syncRequest } from '../fixtures/requests.js';
import { RELATED_CLUSTERS } from '../hooks/collisions.js';
import { defaultConfig } from '../hooks/config.js';
import { customize } from '../hooks/customize.js';
import type { OperatorConfig } from '../schemas/config.js';
import type { KubeObject, SyncRequest, SyncResponse } from '../schemas/hook.js';
import { operatorConfig } from './arbitraries/config.js';
import { applyChanges, garbageSpec, manifestMutation, mutate, type Mutation } from './arbitraries/invalid.js';
import { cut } from './arbitraries/kube.js';
import { clusterName, manifestNamed, namespace, validManifest, type Manifest } from './arbitraries/manifest.js';
import { applyDamage, damage, describeHit } from './arbitraries/observed.js';
import { checkConnectionKeys, credentialSecrets, expectSameChildren } from './properties/expectations.js';
import {
  answer, answerDirectly, answerOverHttp, apiProblems, canonical, childKey, closeApps, expect, FROZEN_PHASES,
  phaseOf, property, RUNS, SEED, statusMessages, viaHttp,
} from './properties/harness.js';
import { sync } from '../hooks/sync.js';
import { fedBack, inputs, NOW } from './support.js';

t.comment(`fast-check seed ${SEED}, ${RUNS} runs per property (PROPS_SEED, PROPS_RUNS)`);
t.teardown(closeApps);

const hookVersion = fc.constantFrom('v1' as const, 'v2' as const);
/** `ready`: the database pods report ready once created, so the setup Job and the Running phase take part. */
const validCase = fc.record({ manifest: validManifest, config: operatorConfig, version: hookVersion, ready: fc.boolean() });
type ValidCase = typeof validCase extends fc.Arbitrary<infer T> ? T : never;

function requestOf(c: Pick<ValidCase, 'manifest' | 'version'>): SyncRequest {
  return syncRequest(c.manifest, [], { version: c.version });
}

function observedChildren(request: SyncRequest): KubeObject[] {
  return Object.values(request.children).flatMap((byName) => Object.values(byName));
}

/** The same request with other observed children, keyed as its hook version keys them. */
function withChildren(request: SyncRequest, children: KubeObject[]): SyncRequest {
  return { ...request, children: childMap(children, request.parent.metadata.namespace, request.controller.spec?.hooks?.sync?.version ?? 'v1') };
}

/** The request after Metacontroller applied `response`; with `ready`, the StatefulSet reports every pod ready. */
function feed(request: SyncRequest, response: SyncResponse, ready: boolean): SyncRequest {
  const next = fedBack(request, response);
  if (!ready) return next;
  return withChildren(next, observedChildren(next).map((child) => {
    if (child.kind !== 'StatefulSet') return child;
    const replicas = (child as { spec?: { replicas?: number } }).spec?.replicas ?? 0;
    return { ...child, status: { replicas, readyReplicas: replicas, currentReplicas: replicas, updatedReplicas: replicas, observedGeneration: 1, currentRevision: 'r1', updateRevision: 'r1' } } as KubeObject;
  }));
}

/** The answer to a valid manifest, which must exist and be accepted. */
function accepted(request: SyncRequest, config: ValidCase['config'], seed = 1): SyncResponse {
  const result = answerDirectly(request, config, seed);
  expect(result.body, () => `sync threw: ${result.error}`);
  expect(!FROZEN_PHASES.includes(phaseOf(result.body)), () => `status ${phaseOf(result.body!)}: ${statusMessages(result.body!)}`);
  return result.body;
}

const dataOf = (secret: KubeObject | undefined) => (secret as { data?: Record<string, string> } | undefined)?.data ?? {};

/** `feed`, with extra data in each live credential Secret. */
function fedBackWith(request: SyncRequest, response: SyncResponse, ready: boolean, secretData: (secret: KubeObject, index: number) => Record<string, string>): SyncRequest {
  const next = feed(request, response, ready);
  return withChildren(next, observedChildren(next).map((child, index) => {
    if (credentialSecrets([child]).length === 0) return child;
    return { ...child, data: { ...dataOf(child), ...secretData(child, index) } } as KubeObject;
  }));
}

// ---- valid manifests ----

property(t, 'a valid manifest is accepted (status neither Invalid nor SyncFailed)', validCase, (c) => {
  accepted(requestOf(c), c.config);
});

property(t, 'every child of a valid manifest is one the API server accepts', validCase, (c) => {
  const response = answerDirectly(requestOf(c), c.config).body;
  for (const child of response?.children ?? []) {
    const problems = apiProblems(child);
    expect(problems.length === 0, () => `${childKey(child)} would be refused: ${problems.join('; ')}`);
  }
});

property(t, 'no two children of one cluster share kind and name', validCase, (c) => {
  const keys = (answerDirectly(requestOf(c), c.config).body?.children ?? []).map(childKey);
  const duplicates = keys.filter((key, i) => keys.indexOf(key) !== i);
  expect(duplicates.length === 0, `declared twice: ${duplicates.join(', ')}`);
});

property(t, 'the same request gives the same bytes', validCase, (c) => {
  const first = JSON.stringify(answerDirectly(requestOf(c), c.config, 3));
  const second = JSON.stringify(answerDirectly(requestOf(c), c.config, 3));
  expect(first === second, 'two answers to one request differ');
});

/** One configuration object per configuration, as a server has one: what hooks/memo.ts keeps is kept per object. */
const serverConfigs = new Map<string, ReturnType<typeof inputs>['config']>();
function asServer(config: ValidCase['config'], seed: number) {
  const key = JSON.stringify(config);
  if (!serverConfigs.has(key)) serverConfigs.set(key, inputs(config).config);
  return { ...inputs(config, seed), config: serverConfigs.get(key)! };
}

property(t, 'what the server keeps between calls never changes an answer (each request answered with and without it)',
  fc.record({ c: validCase, other: validManifest }),
  ({ c, other }) => {
    const check = (request: SyncRequest, seed: number): SyncResponse => {
      const kept = [sync(request, asServer(c.config, seed)), sync(request, asServer(c.config, seed))].map((a) => JSON.stringify(a));
      const fresh = sync(request, inputs(c.config, seed));
      expect(kept[0] === JSON.stringify(fresh) && kept[1] === kept[0], () => `answers differ:\n${JSON.stringify(fresh)}\n${kept.join('\n')}`);
      return fresh;
    };
    const first = requestOf(c);
    const created = check(first, 1);
    check(requestOf({ manifest: other, version: c.version }), 2);
    const running = feed(first, created, true);
    const settledAnswer = check(running, 3);
    check(feed(running, settledAnswer, c.ready), 4);
    // The other manifest's spec on this cluster: every kept result of the first spec meets observed children of it.
    check({ ...running, parent: { ...running.parent, spec: other.spec } }, 5);
  });

/** The request once the cluster exists: the first answer applied (and, with `ready`, its pods up). */
function settled(c: ValidCase): { request: SyncRequest; first: SyncResponse } {
  const request = requestOf(c);
  const created = accepted(request, c.config, 1);
  if (!c.ready) return { request, first: created };
  const next = feed(request, created, true);
  return { request: next, first: accepted(next, c.config, 2) };
}

property(t, 'the answer fed back is a fixed point, and a second feed-back changes nothing', validCase, (c) => {
  const { request, first } = settled(c);
  const second = accepted(feed(request, first, c.ready), c.config, 99);
  expectSameChildren(second.children, first.children, 'after one feed-back');
  const third = accepted(feed(feed(request, first, c.ready), second, c.ready), c.config, 7);
  expectSameChildren(third.children, second.children, 'after two feed-backs');
  expect(isDeepStrictEqual(third.status, second.status), () => `status moved: ${JSON.stringify(second.status)} → ${JSON.stringify(third.status)}`);
});

const password = fc.stringMatching(/^[A-Za-z0-9]{20,40}$/).map((p) => `Pw${p}`);

property(t, 'passwords and unknown keys of existing Secrets are carried byte for byte, round after round',
  fc.record({ c: validCase, passwords: fc.array(password, { minLength: 1, maxLength: 4 }) }),
  ({ c, passwords }) => {
    const { request, first } = settled(c);
    const planted = (_secret: KubeObject, i: number) => ({ password: b64(passwords[i % passwords.length]!), 'x-team-note': b64(`kept ${i}`) });
    let next = fedBackWith(request, first, c.ready, planted);
    const live = new Map(credentialSecrets(observedChildren(next)).map((s) => [s.metadata.name, dataOf(s)]));
    for (let round = 1; round <= 2; round += 1) {
      const response = accepted(next, c.config, 10 + round);
      for (const [name, data] of live) {
        const secret = response.children.find((child) => child.kind === 'Secret' && child.metadata.name === name);
        expect(secret, `round ${round}: Secret ${name} dropped`);
        expect(dataOf(secret).password === data.password, `round ${round}: Secret ${name} changed its password`);
        expect(dataOf(secret).username === data.username, `round ${round}: Secret ${name} changed its username`);
        expect(dataOf(secret)['x-team-note'] === data['x-team-note'], `round ${round}: Secret ${name} lost the key x-team-note it never wrote`);
      }
      next = feed(next, response, c.ready);
    }
  });

property(t, 'status.observedGeneration is the generation the answer was computed from',
  fc.record({ c: validCase, generation: fc.integer({ min: 1, max: 1_000_000 }), invalid: fc.option(manifestMutation, { nil: undefined }) }),
  ({ c, generation, invalid }) => {
    const manifest = invalid ? mutate(c.manifest, invalid) : c.manifest;
    const request = syncRequest(manifest, [], { version: c.version });
    request.parent.metadata.generation = generation;
    const response = answerDirectly(request, c.config).body;
    expect(response, 'sync threw');
    expect(response.status.observedGeneration === generation, `observedGeneration ${response.status.observedGeneration}, parent generation ${generation}`);
  });

// ---- spec changes ----

const specChange = fc.tuple(clusterName, namespace, operatorConfig, hookVersion)
  .chain(([name, ns, config, version]) => fc.record({
    a: manifestNamed(fc.constant(name), fc.constant(ns)),
    b: manifestNamed(fc.constant(name), fc.constant(ns)),
    config: fc.constant(config),
    version: fc.constant(version),
  }));

property(t, 'after a spec change A→B every connection key describes B; username, password and unknown keys are carried', specChange, ({ a, b, config, version }) => {
  const requestA = syncRequest(a, [], { version });
  const answerA = accepted(requestA, config, 1);
  const observed = fedBackWith(requestA, answerA, false, () => ({ 'x-team-note': b64('kept') }));
  const requestB: SyncRequest = { ...observed, parent: { ...observed.parent, metadata: { ...observed.parent.metadata, generation: 2 }, spec: b.spec } };
  const answerB = accepted(requestB, config, 2);
  const services = new Set(answerB.children.filter((child) => child.kind === 'Service').map((child) => child.metadata.name));
  const before = new Map(credentialSecrets(answerA.children).map((s) => [s.metadata.name, dataOf(s)]));
  for (const secret of credentialSecrets(answerB.children)) {
    checkConnectionKeys(secret, b, config.enable_connection_secret_keys ?? true, services);
    const previous = before.get(secret.metadata.name);
    if (!previous) continue;
    const data = dataOf(secret);
    expect(data.username === previous.username && data.password === previous.password, `${secret.metadata.name}: username or password not carried from A`);
    expect(data['x-team-note'] === b64('kept'), `${secret.metadata.name}: lost the key x-team-note it never wrote`);
  }
});

// ---- invalid input ----

/** Previous answer children as Metacontroller observed them (or none, for a cluster never accepted). */
const history = fc.boolean();

function observedAfter(c: ValidCase, withHistory: boolean): { request: SyncRequest; declared: KubeObject[] } {
  if (!withHistory) return { request: requestOf(c), declared: [] };
  const { request, first } = settled(c);
  return { request: feed(request, first, c.ready), declared: first.children };
}

/** The same request after a `kubectl apply` of the mutated manifest. */
function withMutation(request: SyncRequest, mutation: Mutation): SyncRequest {
  return { ...request, parent: mutate(request.parent as unknown as Manifest, mutation) as unknown as SyncRequest['parent'] };
}

/** The hook refused to act: HTTP 200, Invalid or SyncFailed, every observed child exactly as declared. */
function expectFrozen(result: Awaited<ReturnType<typeof answer>>, declared: KubeObject[], fields: string[] = []): SyncResponse {
  expect(result.statusCode === 200 && result.body, () => `HTTP ${result.statusCode}: ${result.error}`);
  const body = result.body;
  expect(FROZEN_PHASES.includes(phaseOf(body)), () => `status ${phaseOf(body)} (${statusMessages(body)}), expected Invalid or SyncFailed`);
  if (fields.length > 0) {
    const messages = statusMessages(body);
    expect(fields.some((field) => messages.includes(field)), () => `the status does not name ${fields.join(' or ')}: ${messages}`);
  }
  expectSameChildren(body.children, declared, 'observed children');
  return body;
}

property(t, 'an invalid manifest is Invalid, names the field, keeps every observed child, never a 5xx',
  fc.record({ c: validCase, mutation: manifestMutation, history, viaHttp }),
  async ({ c, mutation, history: withHistory, viaHttp: http }) => {
    const { request, declared } = observedAfter(c, withHistory);
    expectFrozen(await answer(withMutation(request, mutation), c.config, http), declared, mutation.fields);
  });

property(t, 'random JSON as spec is Invalid, keeps every observed child, never a 5xx',
  fc.record({ c: validCase, spec: garbageSpec, history, viaHttp }),
  async ({ c, spec, history: withHistory, viaHttp: http }) => {
    const { request, declared } = observedAfter(c, withHistory);
    expectFrozen(await answer({ ...request, parent: { ...request.parent, spec } }, c.config, http), declared);
  });

/** Secret fields without which a password or its user cannot be carried. */
function unreadableSecret(hit: { kind: string; path: Array<string | number> }): boolean {
  return hit.kind === 'Secret' && hit.path[0] === 'data' && (hit.path.length === 1 || hit.path[1] === 'password' || hit.path[1] === 'username');
}

/**
 * A damaged observed object or parent status is never a 5xx. Either the hook stops (Invalid or
 * SyncFailed, every child as declared, the status naming what is wrong), or, unless a Secret's
 * password or user is unreadable, it goes on with no child dropped, every password carried and
 * every child one the API server accepts; junk in the parent's status then changes no child at all.
 */
property(t, 'malformed observed children or parent status: HTTP 200, nothing dropped, passwords carried, never a 5xx',
  fc.record({ c: validCase, damage, viaHttp }),
  async ({ c, damage: d, viaHttp: http }) => {
    const { request, first } = settled(c);
    const clean = feed(request, first, c.ready);
    const { children, parentStatus, hit } = applyDamage(observedChildren(clean), clean.parent.status, d);
    const damaged = withChildren({ ...clean, parent: { ...clean.parent, status: parentStatus } }, children);
    const what = describeHit(hit);
    const result = await answer(damaged, c.config, http);
    expect(result.statusCode === 200 && result.body, () => `${what}: HTTP ${result.statusCode}: ${result.error}`);
    const body = result.body;
    if (FROZEN_PHASES.includes(phaseOf(body))) {
      const messages = statusMessages(body).toLowerCase();
      expect(messages.includes(hit.kind.toLowerCase()) || messages.includes(hit.name.toLowerCase()), () => `${what}: the status does not say what is malformed: ${statusMessages(body)}`);
      // Without a last-applied copy the object is kept as observed, damage included (status is not declared).
      const declared = first.children.map((child) => (childKey(child) === `${hit.kind}/${hit.name}` && !hit.lastApplied && hit.path[0] !== 'status' ? applyChanges(child, [{ path: hit.path, value: hit.value }]) : child));
      expectSameChildren(body.children, declared, `${what}: observed children`);
      return;
    }
    expect(!unreadableSecret(hit), () => `${what}: acted on (status ${phaseOf(body)}) although the Secret's password or user cannot be read`);
    const answered = new Set(body.children.map(childKey));
    const dropped = first.children.map(childKey).filter((key) => !answered.has(key));
    expect(dropped.length === 0, `${what}: dropped ${dropped.join(', ')}`);
    for (const secret of credentialSecrets(first.children)) {
      const now = body.children.find((child) => childKey(child) === childKey(secret));
      expect(dataOf(now).password === dataOf(secret).password, `${what}: ${secret.metadata.name}: password not carried`);
    }
    const undamaged = answerDirectly(clean, c.config).body?.children ?? [];
    if (hit.kind === 'parent') expectSameChildren(body.children, undamaged, `${what}: children`);
    // Children the damage changed must still be ones the API server accepts (the others are the valid-manifest property's).
    for (const child of body.children.filter((child) => !undamaged.some((u) => isDeepStrictEqual(canonical([u]), canonical([child]))))) {
      const problems = apiProblems(child);
      expect(problems.length === 0, () => `${what}: ${childKey(child)} would be refused: ${problems.join('; ')}`);
    }
  });

// ---- secrets in logs ----

const scenario = fc.oneof(
  fc.constant({ kind: 'valid' as const }),
  manifestMutation.map((mutation) => ({ kind: 'invalid' as const, mutation })),
  damage.map((d) => ({ kind: 'damaged' as const, damage: d })),
);

property(t, 'no Secret value reaches a log line, an error or a status message',
  fc.record({ c: validCase, passwords: fc.array(password, { minLength: 1, maxLength: 3 }), scenario }),
  async ({ c, passwords, scenario: s }) => {
    const { request, first } = settled(c);
    let next = fedBackWith(request, first, c.ready, (_secret, i) => ({ password: b64(passwords[i % passwords.length]!) }));
    if (s.kind === 'invalid') next = withMutation(next, s.mutation);
    if (s.kind === 'damaged') {
      const { children, parentStatus } = applyDamage(observedChildren(next), next.parent.status, s.damage);
      next = withChildren({ ...next, parent: { ...next.parent, status: parentStatus } }, children);
    }
    const generated = credentialSecrets(first.children).map((secret) => Buffer.from(dataOf(secret).password ?? '', 'base64').toString('utf8'));
    const secrets = [...passwords, ...generated].filter((p) => p.length >= 16);
    const overHttp = await answerOverHttp(next, c.config);
    const direct = answerDirectly(next, c.config);
    const visible = [
      ...overHttp.logs,
      overHttp.error ?? '',
      direct.error ?? '',
      overHttp.body ? statusMessages(overHttp.body) : '',
    ].join('\n');
    for (const secret of secrets) {
      expect(!visible.includes(secret) && !visible.includes(b64(secret)), () => `a password appears in: ${visible.slice(0, 600)}`);
    }
  });

// ---- two clusters in one namespace ----

const RELATIONS = ['-repl', '-pooler', '-pooler-repl', '-critical-op', 'shared-prefix', 'unrelated'] as const;

function relatedName(first: string, relation: (typeof RELATIONS)[number], other: string): string {
  if (relation === 'unrelated') return other === first ? `${other.slice(0, 40)}-b` : other;
  if (relation === 'shared-prefix') {
    const name = cut(`${first.slice(0, 40)}-${other}`, 52);
    return name === first ? cut(`${first.slice(0, 40)}-zz`, 52) : name;
  }
  return `${first}${relation}`;
}

const twoClusters = fc.tuple(clusterName, namespace, fc.constantFrom(...RELATIONS), clusterName, operatorConfig)
  .map(([first, ns, relation, other, config]) => ({ first, ns, relation, second: relatedName(first, relation, other), config }))
  .filter(({ first, second }) => second !== first && second.length <= 52)
  .chain(({ first, second, ns, relation, config }) => fc.record({
    a: manifestNamed(fc.constant(first), fc.constant(ns)),
    b: manifestNamed(fc.constant(second), fc.constant(ns)),
  }).map(({ a, b }) => {
    // Give each relation the features that make its names meet: poolers, logical backups.
    const backups = relation === 'shared-prefix' ? { enableLogicalBackup: true } : {};
    const poolers = relation.includes('pooler') ? { enableConnectionPooler: true, enableReplicaConnectionPooler: true } : {};
    return { a: { ...a, spec: { ...a.spec, ...poolers, ...backups } }, b: { ...b, spec: { ...b.spec, ...backups } }, config };
  }));

/** The request Metacontroller sends: the sibling is related when the customize hook asks for it. */
function withSibling(manifest: Manifest, sibling: Manifest, config: Partial<OperatorConfig>): SyncRequest {
  const request = syncRequest(manifest);
  const rules = customize({ controller: request.controller, parent: request.parent }, { ...defaultConfig(), ...config }).relatedResources;
  const asked = rules.some((rule) => rule.resource === 'postgresqls' && (rule.names?.includes(sibling.metadata.name) ?? true));
  if (!asked) return request;
  const parent = parentOf(sibling) as KubeObject;
  return { ...request, related: { ...request.related, [RELATED_CLUSTERS]: { [`${sibling.metadata.namespace}/${sibling.metadata.name}`]: parent } } };
}

property(t, 'two clusters in one namespace never declare the same object without saying so', twoClusters, ({ a, b, config }) => {
  const answerA = answerDirectly(withSibling(a, b, config), config).body;
  const answerB = answerDirectly(withSibling(b, a, config), config).body;
  expect(answerA && answerB, 'sync threw');
  if (FROZEN_PHASES.includes(phaseOf(answerA)) || FROZEN_PHASES.includes(phaseOf(answerB))) return;
  const ofA = new Set(answerA.children.map(childKey));
  const shared = answerB.children.map(childKey).filter((key) => ofA.has(key));
  const told = `${statusMessages(answerA)} ${statusMessages(answerB)}`;
  const silent = shared.filter((key) => !told.includes(key.split('/')[1]!));
  expect(silent.length === 0, `${a.metadata.name} and ${b.metadata.name} both declare ${silent.join(', ')}`);
});


// ---- time ----

/** The answer with what may differ between two moments of one state: the resync delay and transition stamps. */
function timeless(response: SyncResponse): string {
  const { resyncAfterSeconds: _resync, status, ...rest } = response;
  const conditions = (status as { conditions?: Array<Record<string, unknown>> }).conditions?.map(({ lastTransitionTime: _at, ...c }) => c);
  return JSON.stringify({ ...rest, status: { ...status, conditions } });
}

const WEEK_MS = 7 * 24 * 3600 * 1000;

property(t, 'the answer changes with time only when it asked to be called again (what lets the server reuse it)',
  fc.record({ c: validCase, offset: fc.integer({ min: 0, max: WEEK_MS }), fraction: fc.double({ min: 0, max: 1, noNaN: true, maxExcluded: true }) }),
  ({ c, offset, fraction }) => {
    const { request } = settled(c);
    const at = (ms: number) => sync(request, { ...inputs(c.config, 5), now: new Date(NOW.getTime() + ms) });
    const first = at(offset);
    const validMs = first.resyncAfterSeconds === undefined ? WEEK_MS : first.resyncAfterSeconds * 1000 - 1000;
    const later = at(offset + Math.floor(fraction * validMs));
    expect(timeless(later) === timeless(first), () => `answers differ ${Math.floor(fraction * validMs)} ms later (resync ${first.resyncAfterSeconds}):\n${timeless(first)}\n${timeless(later)}`);
  });
