// Accepted and refused examples in the spirit of apimachinery's own validation tests.
import t, { type Test } from 'tap';
import {
  annotationKey, annotationsSize, containerImage, dataKey, dns1035Label, dns1123Label, dns1123Subdomain, envVarName, int32, labelValue, portName,
  portNumber, qualifiedName, relativeSubPath, unixId,
} from './identifiers.js';

function table<T>(t: Test, check: (value: T) => readonly string[], accepted: T[], refused: T[]): void {
  for (const value of accepted) t.same(check(value), [], `accepts ${JSON.stringify(value)}`);
  for (const value of refused) t.ok(check(value).length > 0, `refuses ${JSON.stringify(value)}`);
}

const a = (n: number) => 'a'.repeat(n);

t.test('DNS-1123 label', async (t) => {
  table(t, dns1123Label,
    ['x', 'db', 'x9', 'x-9', 'p--q--1', '7', '42', '9z', '9-z', a(63)],
    ['', 'X', 'aB', '9-Z', '-', 'x-', '-x', 'x_y', 'x.y', ' ', 'x y', a(64)]);
  t.same(dns1123Label('a.b'), ['must not contain dots']);
  t.match(dns1123Label(a(64)), [/no more than 63 characters \(it has 64\)/]);
});

t.test('DNS-1123 subdomain', async (t) => {
  table(t, dns1123Subdomain,
    ['x', 'x-9', '0.x', 'x.9', 'q.r.s.t', '10.20.30', 'foo.acid-test.credentials.postgresql.acid.zalan.do', a(253)],
    ['', 'X', 'x.', '.x', 'x..y', 'x_y', 'x y', 'A.x', 'x.B', 'x@y', 'x:y', a(254)]);
});

t.test('DNS-1035 label', async (t) => {
  table(t, dns1035Label, ['x', 'xy', 'x9', 'x-9', a(63)], ['9', '9x', '', 'X', '-x', 'x-', 'x.y', a(64)]);
});

t.test('label value', async (t) => {
  table(t, labelValue,
    ['', 'acid', 'with-dashes', '9-first', 'last-9', '4242', 'Mixed_Case.ok', a(63)],
    ['spaces are bad', 'per%cent', 'ā-macron', '-dash-first', 'dash-last-', '.dot.first', 'dot.last.', a(64)]);
});

t.test('qualified name (label and annotation keys)', async (t) => {
  table(t, qualifiedName,
    ['plain', 'with-dashes', '9-first', '4242', 'p/q', 'with-dash/q', 'dotted.prefix/q', '1.2.3.4/5678', 'Upper_Case_OK',
      'example.com/Upper_Case_OK', 'iam.amazonaws.com/role', a(63), `${a(253)}/${'b'.repeat(63)}`],
    ['bad%^=@', 'dash-last-', '-dash-first', 'two/slashes/here', 'Upper.com/x', 'under_score/x', 'example.com/', '/name',
      a(64), `${a(254)}/x`]);
});

t.test('environment variable name (relaxed rule)', async (t) => {
  table(t, envVarName,
    ['PGHOST', '-', ':', '_', '+x', '<x', 'x..', '%x', 'x:y', '~x', '/x', 'x ', '0x', 'my.env-name'],
    ['', '=', 'x=', 'x=y', '\u0001x', '\u0082x', 'Ä']);
});

t.test('port number and name', async (t) => {
  table(t, portNumber, [1, 80, 5432, 65535], [0, -1, 65536, 1.5, Number.NaN]);
  table(t, portName,
    ['postgresql', 'patroni', 'x', 'x-1', '1-x', 'x-1-y-2'],
    ['', 'fifteen-is-the-max', a(16), '5432', '1-2', '-lead', 'trail-', 'two--hyphens', 'plus++', 'Upper']);
});

t.test('int32 and user or group ids', async (t) => {
  table(t, int32, [0, -1, 2147483647, -2147483648], [2147483648, -2147483649, 0.5]);
  table(t, unixId, [0, 101, 2147483647], [-1, 0.5, 2147483648]);
});

t.test('Secret and ConfigMap data keys', async (t) => {
  table(t, dataKey, ['x', 'password', 'jdbc-uri', 'state.json', '.hidden', 'UPPER_17'], ['.', '..', '..up', 'x*y', 'x!y', '', a(254)]);
});

t.test('volume subPath', async (t) => {
  table(t, relativeSubPath, ['', 'pgdata', 'a/b', 'a..b', '...', './x'], ['/abs', '..', '../x', 'x/../y', 'x/..']);
});

t.test('container image', async (t) => {
  table(t, containerImage, ['postgres', 'ghcr.io/zalando/spilo-18:4.1-p2', 'x@sha256:abc'], ['', ' x', 'x ', 'x\n', '\u00a0x', 'x\u3000']);
});

t.test('annotation keys ignore letter case; all annotations together have a size limit', async (t) => {
  table(t, annotationKey, ['Example.COM/Name', 'iam.amazonaws.com/role', 'plain'], ['a/b/c', 'bad key', '/x', `${a(64)}`]);
  t.same(annotationsSize({ [a(100)]: 'x'.repeat(256 * 1024 - 100) }), []);
  t.match(annotationsSize({ [a(100)]: 'x'.repeat(256 * 1024 - 99) }), [/must not exceed 262144 bytes .* \(they have 262145\)/]);
});

t.test('remembered verdicts: the same on every call, shared frozen, right again after the store is full', async (t) => {
  const first = dns1123Subdomain('Not.Valid');
  t.equal(dns1123Subdomain('Not.Valid'), first, 'the reasons of a repeated value are the ones remembered');
  t.ok(Object.isFrozen(first), 'shared reasons cannot be changed by a caller');
  t.throws(() => (first as string[]).push('more'));
  // More distinct values than are kept, then the first ones again.
  t.ok(Array.from({ length: 3000 }, (_, i) => labelValue(`v-${i}`)).every((reasons) => reasons.length === 0));
  t.same(labelValue('-v'), ['must be empty or consist of letters, digits, "-", "_" and ".", and start and end with a letter or digit']);
  t.same(labelValue('v-0'), []);
  t.same(dns1123Subdomain('Not.Valid'), first);
  // Longer than any accepted name: checked every time, not kept.
  t.match(dns1123Subdomain(a(300)), [/no more than 253 characters \(it has 300\)/]);
  t.match(dns1123Subdomain(a(300)), [/no more than 253 characters \(it has 300\)/]);
});
