import t from 'tap';
import { ident, literal, parseIdentList, UnsafeNameError } from './sql.js';

t.test('identifiers are always quoted, with embedded quotes doubled', async (t) => {
  t.equal(ident('app'), '"app"');
  t.equal(ident('Robert"; DROP'), '"Robert""; DROP"');
  t.throws(() => ident(''), new UnsafeNameError('an empty name cannot be used'));
  t.throws(() => ident('a\0b'), /NUL/);
  t.throws(() => ident('é'.repeat(32)), /longer than 63 bytes/, 'the limit counts bytes, not characters');
  t.equal(ident('x'.repeat(63)), `"${'x'.repeat(63)}"`);
});

t.test('literals double single quotes and escape backslashes explicitly', async (t) => {
  t.equal(literal("o'brien"), "'o''brien'");
  t.equal(literal('a\\b'), "E'a\\\\b'");
  t.throws(() => literal('\0'));
});

t.test('list settings split like PostgreSQL reads them', async (t) => {
  t.same(parseIdentList('"$user", "data"'), ['$user', 'data']);
  t.same(parseIdentList('"$user", public'), ['$user', 'public']);
  t.same(parseIdentList('"My Schema","a""b" , Lower'), ['My Schema', 'a"b', 'lower']);
  t.same(parseIdentList(''), []);
});
