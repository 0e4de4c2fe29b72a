// Password verifiers as PostgreSQL stores them. The command hashes passwords itself so plaintext never
// travels in SQL text, and compares a stored verifier against the password so an unchanged password
// causes no ALTER (a fresh SCRAM salt would otherwise differ on every run).
import { createHash, createHmac, pbkdf2, pbkdf2Sync, randomBytes, timingSafeEqual } from 'node:crypto';
import { promisify } from 'node:util';

const pbkdf2OnThreadPool = promisify(pbkdf2);

export type PasswordEncryption = 'scram-sha-256' | 'md5';

const SCRAM_ITERATIONS = 4096;
// RFC 4013 (SASLprep), the parts that matter for passwords: non-ASCII spaces map to a space, the
// "commonly mapped to nothing" characters are removed, then NFKC. PostgreSQL falls back to the raw
// bytes when a password contains prohibited characters; so do we.
const NON_ASCII_SPACE = /[\u00A0\u1680\u2000-\u200B\u202F\u205F\u3000]/gu;
const MAPPED_TO_NOTHING = /[\u00AD\u034F\u1806\u180B-\u180D\u200B-\u200D\u2060\uFE00-\uFE0F\uFEFF]/gu;
const PROHIBITED = /[\u0000-\u001F\u007F-\u009F\u06DD\u070F\u180E\u200E\u200F\u2028-\u202E\u2060-\u2063\u206A-\u206F\uFFF9-\uFFFD\uE000-\uF8FF]/u;

export function saslPrep(password: string): string {
  // eslint-disable-next-line no-control-regex
  if (/^[\x20-\x7E]*$/.test(password)) return password;
  const prepared = password.replace(NON_ASCII_SPACE, ' ').replace(MAPPED_TO_NOTHING, '').normalize('NFKC');
  return PROHIBITED.test(prepared) ? password : prepared;
}

function scramKeys(salted: Buffer) {
  const clientKey = createHmac('sha256', salted).update('Client Key').digest();
  const storedKey = createHash('sha256').update(clientKey).digest();
  const serverKey = createHmac('sha256', salted).update('Server Key').digest();
  return { storedKey, serverKey };
}

export function scramVerifier(password: string, salt: Buffer = randomBytes(16), iterations = SCRAM_ITERATIONS): string {
  const { storedKey, serverKey } = scramKeys(pbkdf2Sync(saslPrep(password), salt, iterations, 32, 'sha256'));
  return `SCRAM-SHA-256$${iterations}:${salt.toString('base64')}$${storedKey.toString('base64')}:${serverKey.toString('base64')}`;
}

export function md5Verifier(password: string, user: string): string {
  return `md5${createHash('md5').update(password + user).digest('hex')}`;
}

export function verifier(password: string, user: string, method: PasswordEncryption): string {
  return method === 'md5' ? md5Verifier(password, user) : scramVerifier(password);
}

const SCRAM = /^SCRAM-SHA-256\$(\d+):([A-Za-z0-9+/=]+)\$([A-Za-z0-9+/=]+):([A-Za-z0-9+/=]+)$/;

/**
 * Whether `stored` (pg_authid.rolpassword) is a verifier of `password` in the requested method. The key
 * derivation (milliseconds for SCRAM) runs on libuv's thread pool, so a run checks many roles at once.
 */
export async function verifies(stored: string | null, password: string, user: string, method: PasswordEncryption): Promise<boolean> {
  if (stored === null) return false;
  if (method === 'md5') return stored === md5Verifier(password, user);
  const match = SCRAM.exec(stored);
  if (!match) return false;
  const [, iterations, salt, storedKey, serverKey] = match as unknown as [string, string, string, string, string];
  const keys = scramKeys(await pbkdf2OnThreadPool(saslPrep(password), Buffer.from(salt, 'base64'), Number(iterations), 32, 'sha256'));
  const expected = Buffer.concat([keys.storedKey, keys.serverKey]);
  const actual = Buffer.concat([Buffer.from(storedKey, 'base64'), Buffer.from(serverKey, 'base64')]);
  return expected.length === actual.length && timingSafeEqual(expected, actual);
}
