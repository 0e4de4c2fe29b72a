import t from 'tap';
import fc from 'fast-check';
import { CPU_QUANTITY, MEMORY_QUANTITY, QUANTITY } from '../schemas/patterns.js';
import { compareQuantities, isMultipleOf, quantityFormat, readQuantity } from './quantity.js';

const SEED = 20240610;
const fullPattern = new RegExp(QUANTITY);
const memoryPattern = new RegExp(MEMORY_QUANTITY);
const cpuPattern = new RegExp(CPU_QUANTITY);
const parses = (text: string) => readQuantity(text) !== undefined;

const digits = fc.string({ unit: fc.constantFrom(...'0123456789'), minLength: 0, maxLength: 5 });
const suffix = fc.oneof(
  fc.constantFrom('', 'Ki', 'Mi', 'Gi', 'Ti', 'Pi', 'Ei', 'n', 'u', 'm', 'k', 'M', 'G', 'T', 'P', 'E', 'K', 'i', 'e', 'ki', 'Kb'),
  fc.tuple(fc.constantFrom('e', 'E'), fc.constantFrom('', '+', '-'), digits).map((parts) => parts.join('')),
);
/** Quantity-shaped text: most of it valid, some with empty parts or an invalid suffix. */
const shaped = fc.tuple(fc.constantFrom('', '+', '-'), digits, fc.constantFrom('', '.'), digits, suffix).map((parts) => parts.join(''));
/** One character inserted, removed or replaced: the near misses a pattern most easily gets wrong. */
const nearMiss = fc.tuple(shaped, fc.nat(8), fc.constantFrom(...'0123456789.+-eEiKkMmnux /'), fc.constantFrom('insert', 'remove', 'replace'))
  .map(([text, at, character, edit]) => {
    const i = at % (text.length + 1);
    if (edit === 'insert') return text.slice(0, i) + character + text.slice(i);
    if (edit === 'remove') return text.slice(0, i) + text.slice(i + 1);
    return text.slice(0, i) + character + text.slice(i + 1);
  });
const anyText = fc.oneof(shaped, nearMiss, fc.stringMatching(fullPattern), fc.stringMatching(memoryPattern), fc.stringMatching(cpuPattern));

t.test('the QUANTITY pattern and the parser accept exactly the same text', async (t) => {
  fc.assert(fc.property(anyText, (text) => fullPattern.test(text) === parses(text)), { seed: SEED, numRuns: 20000 });
  t.pass('20000 generated strings agree');
});

t.test('whatever MEMORY_QUANTITY and CPU_QUANTITY accept, the parser accepts', async (t) => {
  fc.assert(fc.property(anyText, (text) => !(memoryPattern.test(text) || cpuPattern.test(text)) || parses(text)), { seed: SEED, numRuns: 20000 });
  t.pass('20000 generated strings');
});

t.test('the grammar, by example', async (t) => {
  for (const text of ['0', '1', '+1', '-1', '1.', '.5', '1.5', '500m', '100k', '1Ki', '1.5Gi', '7Ei', '1E', '2e3', '2E-3', '1e+999', '0.5n', '12u'])
    t.ok(parses(text), `accepts ${text}`);
  for (const text of ['', '.', '+', '-', 'K', '100K', '1Kb', '1e', '1e1000', '1.5.5', '1e3M', '1 Gi', ' 1', 'Gi', '1i', '1ki', '0x10', '1_000'])
    t.notOk(parses(text), `refuses ${JSON.stringify(text)}`);
  t.same(quantityFormat('100K'), ['"K" is not a Kubernetes suffix: write k (1000) or Ki (1024)']);
  t.match(quantityFormat('ten'), [/must be a Kubernetes quantity/]);
  t.same(quantityFormat('10Gi'), []);
});

t.test('comparison is exact across notations', async (t) => {
  t.equal(compareQuantities('1Gi', '1073741824'), 0);
  t.equal(compareQuantities('1.073741824G', '1Gi'), 0);
  t.equal(compareQuantities('1073741824e0', '1.073741824G'), 0);
  t.equal(compareQuantities('1073741825', '1Gi'), 1);
  t.equal(compareQuantities('0.1', '100m'), 0);
  t.equal(compareQuantities('1n', '0.000000001'), 0);
  t.equal(compareQuantities('-1', '1m'), -1);
  t.equal(compareQuantities('9007199254740993', '9007199254740992'), 1, 'beyond float precision');
  t.equal(compareQuantities('1e999', '1e998'), 1);
  t.throws(() => compareQuantities('100K', '1'), /not a Kubernetes quantity/);
});

t.test('comparison agrees with integer arithmetic for every suffix', async (t) => {
  const factors: Record<string, bigint> = { '': 1n, k: 1000n, M: 10n ** 6n, G: 10n ** 9n, Ki: 1024n, Mi: 1024n ** 2n, Gi: 1024n ** 3n, e3: 1000n };
  const amount = fc.tuple(fc.bigInt(0n, 10n ** 12n), fc.constantFrom(...Object.keys(factors)));
  fc.assert(fc.property(amount, amount, ([a, sa], [b, sb]) => {
    const exact = a * factors[sa]! - b * factors[sb]!;
    return compareQuantities(`${a}${sa}`, `${b}${sb}`) === (exact === 0n ? 0 : exact < 0n ? -1 : 1);
  }), { seed: SEED, numRuns: 5000 });
  t.pass('5000 pairs');
});

t.test('whole multiples, exactly', async (t) => {
  t.ok(isMultipleOf('4Mi', '2Mi'));
  t.ok(isMultipleOf('4194304', '2Mi'));
  t.ok(isMultipleOf('0', '1Gi'));
  t.notOk(isMultipleOf('3Mi', '2Mi'));
  t.notOk(isMultipleOf('2.5Mi', '1Mi'));
  t.ok(isMultipleOf('2.5Mi', '0.5Mi'));
});
