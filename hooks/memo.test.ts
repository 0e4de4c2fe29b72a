import t from 'tap';
import { defaultConfig } from './config.js';
import { deepFreeze, isDeeplyFrozen, memo } from './memo.js';

t.test('a kept value is computed once per key and configuration, and the least recently used goes first', async (t) => {
  const kept = memo<{ n: number }>(2);
  const config = defaultConfig();
  let computed = 0;
  const value = (key: string) => kept(config, key, () => ({ n: (computed += 1) }));
  t.equal(value('a').n, 1);
  t.equal(value('a').n, 1, 'kept');
  t.equal(value('b').n, 2);
  t.equal(value('a').n, 1, 'a is now the most recently used');
  t.equal(value('c').n, 3, 'b goes');
  t.equal(value('a').n, 1);
  t.equal(value('b').n, 4, 'computed again');
  t.equal(kept(defaultConfig(), 'a', () => ({ n: 0 })).n, 0, 'another configuration object has its own entries');
});

t.test('what is kept is frozen through and through, so no caller can change what the next one gets', async (t) => {
  const kept = memo<{ spec: { list: Array<{ name: string }> } }>(4);
  const value = kept(defaultConfig(), 'k', () => ({ spec: { list: [{ name: 'x' }] } }));
  t.throws(() => { value.spec.list[0]!.name = 'y'; }, TypeError);
  t.throws(() => { value.spec.list.push({ name: 'z' }); }, TypeError);
  t.ok(isDeeplyFrozen(value.spec.list[0]!));
  t.notOk(isDeeplyFrozen(Object.freeze({ inner: {} })), 'a shallow freeze is not enough');
  const shared = { a: 1 };
  t.equal(deepFreeze({ x: shared, y: shared }).x, shared, 'shared parts are frozen once');
});

t.test('a kept value that no longer answers (isCurrent) is computed again and replaces it', async (t) => {
  const kept = memo<{ from: string }>(4);
  const config = defaultConfig();
  const value = (from: string) => kept(config, 'k', () => ({ from }), (entry) => entry.from === from);
  const first = value('a');
  t.equal(value('a'), first);
  t.equal(value('b').from, 'b');
  t.equal(value('b').from, 'b', 'kept from now on');
  t.not(value('a'), first, 'a is computed anew');
});
