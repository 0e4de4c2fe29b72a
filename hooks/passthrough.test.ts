// keepAsDeclared runs on observed objects that may be malformed, in the very answer that reports
// them: whatever their metadata holds, it returns an object the response can carry and never throws.
import t from 'tap';
import fc from 'fast-check';
import type { ObservedObject } from '../schemas/hook.js';
import { keepAsDeclared } from './passthrough.js';

const LAST_APPLIED = 'metacontroller.k8s.io/last-applied-configuration';
const SEED = 20261120;

const identity = { apiVersion: 'v1', kind: 'Secret', metadata: { name: 'app.credentials', namespace: 'apps' } };

function isStringMap(value: unknown): boolean {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && Object.values(value).every((v) => typeof v === 'string');
}

/** Anything JSON can hold, and text that JSON.parse refuses. */
const junk = fc.oneof(fc.jsonValue(), fc.string(), fc.constant(undefined));
/** Last-applied texts: not JSON, JSON of anything, or JSON of this object with junk metadata. */
const lastApplied = fc.oneof(
  fc.string(),
  fc.jsonValue().map((v) => JSON.stringify(v)),
  fc.record({ labels: junk, annotations: junk, uid: junk }).map((metadata) => JSON.stringify({ ...identity, metadata: { ...identity.metadata, ...metadata }, data: { a: 'YQ==' } })),
);

t.test('any labels, annotations and last-applied text give a carryable object', async (t) => {
  fc.assert(
    fc.property(junk, junk, fc.option(lastApplied), fc.dictionary(fc.string(), junk), (labels, annotations, applied, extra) => {
      const withApplied = applied === null ? annotations : { ...(typeof annotations === 'object' && annotations !== null && !Array.isArray(annotations) ? annotations : {}), [LAST_APPLIED]: applied };
      const object = { ...extra, ...identity, metadata: { ...identity.metadata, uid: 'u', resourceVersion: '1', labels, annotations: withApplied }, status: { x: 1 } } as unknown as ObservedObject;
      const kept = keepAsDeclared(object);
      if (kept.kind !== identity.kind || kept.apiVersion !== identity.apiVersion || kept.metadata.name !== identity.metadata.name) return false;
      if (kept.metadata.labels !== undefined && !isStringMap(kept.metadata.labels)) return false;
      if (kept.metadata.annotations !== undefined && (!isStringMap(kept.metadata.annotations) || LAST_APPLIED in kept.metadata.annotations)) return false;
      return !('uid' in kept.metadata) && !('resourceVersion' in kept.metadata) && !('status' in kept);
    }),
    { seed: SEED, numRuns: 2000 },
  );
  t.pass('no counterexample');
});

t.test('a usable last-applied object is what is kept; its string labels survive', async (t) => {
  const declared = { ...identity, metadata: { ...identity.metadata, labels: { team: 'acid' } }, data: { password: 'cHc=' } };
  const observed = { ...declared, metadata: { ...declared.metadata, uid: 'u', labels: { team: 'acid', 'controller-uid': 'p', odd: 5 }, annotations: { [LAST_APPLIED]: JSON.stringify(declared) } }, data: { password: 'changed' } } as unknown as ObservedObject;
  t.same(keepAsDeclared(observed), declared);
  const withoutApplied = { ...observed, metadata: { ...observed.metadata, annotations: { note: 'x', broken: 7 } } } as unknown as ObservedObject;
  t.same(keepAsDeclared(withoutApplied).metadata, { name: 'app.credentials', namespace: 'apps', labels: { team: 'acid' }, annotations: { note: 'x' } }, 'only string entries, without controller-uid');
});

t.test('one last-applied text gives one declaration, and only to an object of its identity', async (t) => {
  const text = JSON.stringify({ ...identity, data: { password: 'c2VjcmV0' } });
  const observed = (name: string): ObservedObject => ({ ...identity, metadata: { ...identity.metadata, name, uid: 'u', annotations: { [LAST_APPLIED]: text } } });
  const first = keepAsDeclared(observed('app.credentials'));
  t.same(first, { ...identity, data: { password: 'c2VjcmV0' } });
  t.equal(keepAsDeclared(observed('app.credentials')), first, 'the same text again: the same object');
  t.ok(Object.isFrozen(first.metadata), 'which nobody can change');
  const other = keepAsDeclared(observed('other.credentials'));
  t.equal(other.metadata.name, 'other.credentials', 'another object with that text is kept as observed');
  t.notOk('data' in other);
});
