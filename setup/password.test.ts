// Verifiers checked against what a real server stores and accepts.
import t from 'tap';
import { startPostgres, type Postgres } from '../test/postgres.js';
import { md5Verifier, saslPrep, scramVerifier, verifies } from './password.js';

let server: Postgres;
t.before(async () => { server = await startPostgres(); });
t.teardown(async () => server?.stop());

const PASSWORDS = ['plain-ascii-Password-123', 'with \'quotes\' and \\backslashes\\', 'ünïcödé pässwörd', 'full\u00A0width\u3000space'];

t.test('verifiers the server computed are recognised, wrong passwords are not', async (t) => {
  const admin = await server.client();
  for (const [i, password] of PASSWORDS.entries()) {
    const role = `server_hashed_${i}`;
    await admin.query(`CREATE ROLE ${role} LOGIN`);
    await admin.query("SET password_encryption = 'scram-sha-256'");
    await admin.query(`ALTER ROLE ${role} PASSWORD '${password.replaceAll("'", "''")}'`);
    const { rows } = await admin.query('SELECT rolpassword FROM pg_authid WHERE rolname = $1', [role]);
    t.ok(await verifies(rows[0].rolpassword, password, role, 'scram-sha-256'), `server verifier of ${JSON.stringify(password)}`);
    t.notOk(await verifies(rows[0].rolpassword, `${password}x`, role, 'scram-sha-256'));
    t.notOk(await verifies(rows[0].rolpassword, password, role, 'md5'), 'a SCRAM verifier is not an md5 one');
  }
  await admin.end();
});

t.test('verifiers we compute let the user log in', async (t) => {
  const admin = await server.client();
  for (const [i, password] of PASSWORDS.entries()) {
    const role = `client_hashed_${i}`;
    await admin.query(`CREATE ROLE ${role} LOGIN PASSWORD '${scramVerifier(password)}'`);
    const client = await server.client({ user: role, password });
    t.same((await client.query('SELECT current_user AS u')).rows, [{ u: role }], `login with ${JSON.stringify(password)}`);
    await client.end();
  }
  await admin.end();
});

t.test('md5 and edge cases', async (t) => {
  const admin = await server.client();
  await admin.query("SET password_encryption = 'md5'");
  await admin.query("CREATE ROLE alice LOGIN PASSWORD 'secret'");
  const { rows } = await admin.query("SELECT rolpassword FROM pg_authid WHERE rolname = 'alice'");
  await admin.end();
  t.equal(md5Verifier('secret', 'alice'), rows[0].rolpassword, 'the same md5 verifier as the server stores');
  t.ok(await verifies(md5Verifier('secret', 'alice'), 'secret', 'alice', 'md5'));
  t.notOk(await verifies(md5Verifier('secret', 'alice'), 'secret', 'bob', 'md5'), 'the user name is part of an md5 verifier');
  t.notOk(await verifies(null, 'x', 'alice', 'scram-sha-256'), 'no stored password never verifies');
  t.notOk(await verifies('SCRAM-SHA-256$garbage', 'x', 'alice', 'scram-sha-256'));
  t.equal(saslPrep('I\u00ADX'), 'IX', 'soft hyphen is mapped to nothing');
  t.equal(saslPrep('\u2168'), 'IX', 'compatibility characters are normalised');
  t.equal(saslPrep('a\u0007b'), 'a\u0007b', 'prohibited characters fall back to the raw password');
});
