import t from 'tap';
import { DatabaseSection } from './dump-section.js';

// The shape of a pg_dumpall script (as pg_dumpall 15 prints it), reduced to what the reader looks at.
const script = [
  'CREATE ROLE app;',
  '-- Database "Shop-1" dump',
  'CREATE DATABASE "Shop-1" WITH TEMPLATE = template0;',
  'ALTER DATABASE "Shop-1" OWNER TO app;',
  '\\connect -reuse-previous=on "dbname=\'Shop-1\'"',
  'COMMENT ON DATABASE "Shop-1" IS \'x\';',
  'GRANT CONNECT ON DATABASE "Shop-1" TO app;',
  'CREATE TABLE t (a text);',
  'COPY public.t (a) FROM stdin;',
  '-- Database "other" dump',
  '\\\\connect other',
  'ALTER DATABASE "Shop-1" SET x TO 1;',
  '\\.',
  'ALTER DATABASE "Shop-1" SET work_mem TO \'8MB\';',
  '-- Database "other" dump',
  '\\connect other',
  'CREATE TABLE elsewhere (a int);',
  '-- PostgreSQL database cluster dump complete',
];

t.test('only the source database\'s contents, database statements renamed, COPY data untouched', async (t) => {
  const section = new DatabaseSection('Shop-1', 'copy');
  const kept = script.map((line) => section.take(line)).filter((line) => line !== undefined);
  t.same(kept, [
    'COMMENT ON DATABASE "copy" IS \'x\';',
    'GRANT CONNECT ON DATABASE "copy" TO app;',
    'CREATE TABLE t (a text);',
    'COPY public.t (a) FROM stdin;',
    '-- Database "other" dump',
    '\\\\connect other',
    'ALTER DATABASE "Shop-1" SET x TO 1;',
    '\\.',
    'ALTER DATABASE "copy" SET work_mem TO \'8MB\';',
  ]);
  t.ok(section.found);
  t.equal(section.lines, kept.length);
  t.same(section.databases, ['Shop-1', 'other'], 'a header inside COPY data is data');
});

t.test('a database the script does not have is not found', async (t) => {
  const section = new DatabaseSection('missing', 'missing');
  t.same(script.map((line) => section.take(line)).filter((line) => line !== undefined), []);
  t.notOk(section.found);
});

t.test('a plain name is recognised bare or quoted (pg_dump quotes keywords), and only as the whole name', async (t) => {
  const section = new DatabaseSection('user', 'new');
  const lines = ['-- Database "user" dump', '\\connect "user"', 'ALTER DATABASE "user" SET a TO 1;', 'ALTER DATABASE user SET b TO 2;', 'ALTER DATABASE user_archive SET c TO 3;', 'COMMENT ON DATABASE user IS \'x\';'];
  t.same(lines.map((line) => section.take(line)).filter((line) => line !== undefined), [
    'ALTER DATABASE "new" SET a TO 1;', 'ALTER DATABASE "new" SET b TO 2;', 'ALTER DATABASE user_archive SET c TO 3;', 'COMMENT ON DATABASE "new" IS \'x\';',
  ]);
});
