// The kept answers: given again only until a second before the instant they named, with the delay counted
// down; the least recently used go first when the bytes run out.
import t from 'tap';
import { AnswerCache, requestDigest, UNNAMED_LIFETIME_MS, withResync } from './answer-cache.js';

const T0 = Date.UTC(2026, 10, 20, 12);

t.test('withResync: the delay counted down to the instant named, at least 1 s, appended as the last key', async (t) => {
  t.equal(withResync('{"a":1}', undefined, T0), '{"a":1}');
  t.equal(withResync('{"a":1}', T0 + 30_000, T0), '{"a":1,"resyncAfterSeconds":30}');
  t.equal(withResync('{"a":1}', T0 + 30_000, T0 + 10_500), '{"a":1,"resyncAfterSeconds":20}', 'rounded up');
  t.equal(withResync('{"a":1}', T0 + 30_000, T0 + 30_000), '{"a":1,"resyncAfterSeconds":1}');
  t.same(JSON.parse(withResync(JSON.stringify({ status: {}, children: [] }), T0 + 5000, T0)), { status: {}, children: [], resyncAfterSeconds: 5 });
});

t.test('an answer is given until a second before its resync, then computed again', async (t) => {
  const cache = new AnswerCache<string>(1024);
  cache.keep('d', '{"x":1}', 60, T0, 'meta');
  t.same(cache.get('d', T0 + 58_999), { json: '{"x":1}', wakeAt: T0 + 60_000, expiresAt: T0 + 59_000, meta: 'meta' });
  t.equal(cache.get('d', T0 + 59_000), undefined, 'the answer may change within the last second (delays are rounded up)');
  t.equal(cache.size, 0, 'an expired answer is dropped');
  cache.keep('one-second', '{}', 1, T0, 'm');
  t.equal(cache.get('one-second', T0), undefined, 'a resync of 1 s is never given again');
});

t.test('an answer that names no instant lives UNNAMED_LIFETIME_MS', async (t) => {
  const cache = new AnswerCache<string>(1024);
  cache.keep('d', '{}', undefined, T0, 'm');
  t.ok(cache.get('d', T0 + UNNAMED_LIFETIME_MS - 1));
  t.equal(cache.get('d', T0 + UNNAMED_LIFETIME_MS), undefined);
});

t.test('bounded by bytes: the least recently used goes first; one answer above the bound is not kept', async (t) => {
  const cache = new AnswerCache<string>(10);
  cache.keep('a', '{"a":1}', undefined, T0, 'a'); // 7 bytes
  cache.keep('b', '{}', undefined, T0, 'b'); // 9
  t.ok(cache.get('a', T0), 'a is now the most recently used');
  cache.keep('c', '{"c":}', undefined, T0, 'c'); // 15: b goes, then 13: still above, a goes
  t.equal(cache.get('b', T0), undefined);
  t.equal(cache.get('a', T0), undefined);
  t.ok(cache.get('c', T0));
  cache.keep('huge', '{"a":"0123456789"}', undefined, T0, 'h');
  t.equal(cache.get('huge', T0), undefined);
  t.ok(cache.get('c', T0), 'what was kept stays');
  cache.keep('c', '{}', undefined, T0, 'c2');
  t.equal(cache.get('c', T0)?.meta, 'c2', 'kept again under the same digest: replaced, counted once');
  t.equal(cache.size, 1);
});

t.test('a cache of 0 bytes keeps nothing', async (t) => {
  const cache = new AnswerCache<string>(0);
  t.notOk(cache.enabled);
  cache.keep('a', '{}', undefined, T0, 'a');
  t.equal(cache.get('a', T0), undefined);
});

t.test('requestDigest: the same bytes the same digest, one byte more another', async (t) => {
  t.equal(requestDigest(Buffer.from('{"a":1}')), requestDigest(Buffer.from('{"a":1}')));
  t.not(requestDigest(Buffer.from('{"a":1}')), requestDigest(Buffer.from('{"a":1} ')));
});
