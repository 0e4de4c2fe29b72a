import t from 'tap';
import { fieldsOf, parseHbaLine, verdict, type Connection, type HbaLine } from './hba.js';

const texts = (text: string) => fieldsOf(text).map((field) => field.map((token) => `${token.quoted ? 'q:' : ''}${token.text}`));

t.test('fields are blank-separated, commas continue a field, quotes make one token, # starts a comment', async (t) => {
  t.same(texts('host  postgres,template1 "my user"  all md5 # admins'), [['host'], ['postgres', 'template1'], ['q:my user'], ['all'], ['md5']]);
  t.same(texts('local a, b "say ""hi""" trust'), [['local'], ['a', 'b'], ['q:say "hi"'], ['trust']]);
  t.same(texts('   # only a comment'), []);
});

t.test('lines PostgreSQL refuses are reported with the reason', async (t) => {
  const error = (text: string, version = 18) => {
    const parsed = parseHbaLine(text, version);
    return 'error' in parsed ? parsed.error : undefined;
  };
  t.equal(error('hots all all all md5'), 'unknown connection type "hots"');
  t.equal(error('host all'), 'the database or user field is missing');
  t.equal(error('host all all 10.0.0.1 md5'), '"10.0.0.1" needs a /length or a netmask after it');
  t.equal(error('host all all 10.0.0.0/x md5'), '"10.0.0.0/x" is not a valid CIDR address');
  t.equal(error('local all all'), 'the authentication method is missing');
  t.equal(error('local all all 127.0.0.1/32 trust'), 'unknown authentication method "127.0.0.1/32"');
  t.equal(error('host all all all peer'), 'peer authentication is only supported on local sockets');
  t.equal(error('host all all all cert'), 'cert authentication is only supported on hostssl connections');
  t.equal(error('host all all all sspi'), 'unknown authentication method "sspi"');
  t.equal(error('include_dir conf.d', 15), 'unknown connection type "include_dir"', 'include directives exist from PostgreSQL 16 on');
  t.same(parseHbaLine('include_dir conf.d', 16), { include: true });
  t.equal(error('host all all 10.0.0.0 255.255.0.0 md5'), undefined);
  t.equal(error('hostssl all all all cert'), undefined);
});

function lines(...texts: string[]): Array<{ index: number; line: HbaLine }> {
  return texts.map((text, index) => {
    const parsed = parseHbaLine(text, 18);
    if (!('line' in parsed)) throw new Error(`not a line: ${text}`);
    return { index, line: parsed.line };
  });
}

const localPostgres: Connection = { via: 'local socket', target: { database: 'postgres' }, user: 'postgres', failingMethods: [] };
const replicationFromPod: Connection = { via: 'other pod', target: { replication: true }, user: 'standby', failingMethods: [] };

t.test('the first matching line decides', async (t) => {
  t.same(verdict(lines('local all all trust'), localPostgres), { allowed: true });
  t.same(verdict(lines('local all postgres reject', 'local all all trust'), localPostgres), { allowed: false, decidedBy: 0 });
  t.same(verdict(lines('host all all all md5'), localPostgres), { allowed: false }, 'a host line never matches the local socket');
  t.same(verdict(lines('local all all peer'), { ...localPostgres, user: 'admin', failingMethods: ['peer'] }), { allowed: false, decidedBy: 0 }, 'a failed login does not fall through');
});

t.test('database keywords: replication matches only replication connections, all never does', async (t) => {
  t.same(verdict(lines('hostssl all all all md5'), replicationFromPod), { allowed: false });
  t.same(verdict(lines('hostssl replication standby all md5'), replicationFromPod), { allowed: true });
  t.same(verdict(lines('hostssl "replication" standby all md5'), replicationFromPod), { allowed: false }, 'quoted, it names a database');
  t.same(verdict(lines('local replication all trust'), localPostgres), { allowed: false });
  t.same(verdict(lines('local sameuser all trust'), localPostgres), { allowed: true }, 'postgres connects to database postgres');
  t.same(verdict(lines('local sameuser all trust'), { ...localPostgres, target: { database: 'template1' } }), { allowed: false });
});

t.test('users: all, names, +groups and what cannot be known', async (t) => {
  t.same(verdict(lines('local all "all" trust'), localPostgres), { allowed: false }, 'quoted all is a role named all');
  t.same(verdict(lines('local all +postgres trust'), localPostgres), { allowed: true }, 'a role is a member of itself');
  t.same(verdict(lines('local all +admins trust'), localPostgres), { allowed: true }, 'membership unknown: not reported');
  t.same(verdict(lines('local all +admins reject'), localPostgres), { allowed: false }, 'an uncertain reject line is passed over');
  t.same(verdict(lines('local all @users trust'), localPostgres), { allowed: true });
});

t.test('addresses: loopback and samehost never match another pod, networks may', async (t) => {
  for (const address of ['127.0.0.1/32', '::1/128', 'samehost', 'localhost', '127.0.0.1 255.255.255.255']) {
    t.same(verdict(lines(`host replication standby ${address} md5`), replicationFromPod), { allowed: false }, address);
  }
  for (const address of ['10.0.0.0/8', '0.0.0.0/0', 'samenet', '.cluster.local', 'all']) {
    t.same(verdict(lines(`host replication standby ${address} md5`), replicationFromPod), { allowed: true }, address);
  }
  t.same(verdict(lines('hostnossl replication standby all md5'), replicationFromPod), { allowed: false }, 'replicas connect with SSL');
  t.same(verdict(lines('hostgssenc replication standby all md5'), replicationFromPod), { allowed: false });
});
