// pg_hba.conf lines as PostgreSQL reads them (src/backend/libpq/hba.c: `next_token`, `parse_hba_line`,
// `check_hba`, `check_db`, `check_role`): fields of comma-separated tokens, double quotes that make a
// keyword a plain name, `#` comments, the first line that matches a connection decides.

export interface Token { text: string; quoted: boolean }

const HOST_TYPES = ['host', 'hostssl', 'hostnossl', 'hostgssenc', 'hostnogssenc'] as const;
type ConnectionType = 'local' | (typeof HOST_TYPES)[number];

/** The methods a Linux build of PostgreSQL accepts (sspi and bsd exist only on Windows and OpenBSD). */
const METHODS = new Set(['trust', 'reject', 'md5', 'password', 'scram-sha-256', 'gss', 'ident', 'peer', 'pam', 'ldap', 'radius', 'cert', 'oauth']);

/** `include`, `include_if_exists` and `include_dir` (PostgreSQL 16 and later) pull in lines we cannot see. */
const INCLUDE_DIRECTIVES = new Set(['include', 'include_if_exists', 'include_dir']);

export type Address =
  | { kind: 'all' | 'samehost' | 'samenet' }
  | { kind: 'hostname'; name: string }
  | { kind: 'ip'; address: string; prefixLength: number | undefined };

export interface HbaLine { type: ConnectionType; databases: Token[]; users: Token[]; address?: Address; method: string }

export type ParsedLine = { line: HbaLine } | { include: true } | { error: string } | { empty: true };

const BLANK = new Set([' ', '\t', '\r']);

/** Tokens grouped into fields: a token ending in an unquoted comma continues its field. */
export function fieldsOf(text: string): Token[][] {
  const fields: Token[][] = [];
  let field: Token[] = [];
  let i = 0;
  while (i < text.length) {
    const c = text[i]!;
    if (BLANK.has(c) || c === ',') { i++; continue; }
    if (c === '#') break;
    let token = '';
    let quoted = false;
    let inQuote = false;
    let continues = false;
    while (i < text.length) {
      const ch = text[i]!;
      if (!inQuote && (BLANK.has(ch) || ch === '#')) break;
      i++;
      if (!inQuote && ch === ',') { continues = true; break; }
      if (ch === '"') {
        if (inQuote && text[i] === '"') { token += '"'; i++; continue; }
        inQuote = !inQuote;
        quoted = true;
        continue;
      }
      token += ch;
    }
    field.push({ text: token, quoted });
    if (!continues) { fields.push(field); field = []; }
  }
  if (field.length > 0) fields.push(field);
  return fields;
}

function single(field: Token[] | undefined): string | undefined {
  return field && field.length === 1 ? field[0]!.text : undefined;
}

const IPV4 = /^\d{1,3}(\.\d{1,3}){3}$/;
const IPV6 = /^[0-9a-fA-F:.]*:[0-9a-fA-F:.]*$/;

function isNumericAddress(text: string): boolean {
  return IPV4.test(text) || IPV6.test(text);
}

/** The prefix length of a dotted IPv4 netmask, or undefined for any other mask. */
function maskPrefixLength(mask: string): number | undefined {
  if (!IPV4.test(mask)) return undefined;
  const bits = mask.split('.').map((octet) => Number(octet).toString(2).padStart(8, '0')).join('');
  const ones = /^1*/.exec(bits)![0].length;
  return bits.slice(ones).includes('1') ? undefined : ones;
}

/** The address field and how many fields it used (a numeric address without /n takes a netmask field). */
function addressOf(fields: Token[][]): { address: Address; used: number } | { error: string } {
  const token = fields[3]?.[0];
  if (!token || fields[3]!.length !== 1) return { error: 'the address field is missing or has several values' };
  const keyword = token.quoted ? undefined : ['all', 'samehost', 'samenet'].find((k) => k === token.text);
  if (keyword) return { address: { kind: keyword as 'all' | 'samehost' | 'samenet' }, used: 1 };
  const [address, prefix] = token.text.split('/');
  if (prefix !== undefined) {
    const prefixLength = /^\d+$/.test(prefix) ? Number(prefix) : NaN;
    if (!isNumericAddress(address!) || Number.isNaN(prefixLength)) return { error: `"${token.text}" is not a valid CIDR address` };
    return { address: { kind: 'ip', address: address!, prefixLength }, used: 1 };
  }
  if (!isNumericAddress(token.text)) return { address: { kind: 'hostname', name: token.text }, used: 1 };
  const mask = single(fields[4]);
  if (mask === undefined || !isNumericAddress(mask)) return { error: `"${token.text}" needs a /length or a netmask after it` };
  return { address: { kind: 'ip', address: token.text, prefixLength: maskPrefixLength(mask) }, used: 2 };
}

/** One pg_hba line, or the reason PostgreSQL refuses it (which makes it refuse the whole file). */
export function parseHbaLine(text: string, postgresVersion: number): ParsedLine {
  const fields = fieldsOf(text);
  if (fields.length === 0) return { empty: true };
  const type = single(fields[0]);
  if (type !== undefined && INCLUDE_DIRECTIVES.has(type) && postgresVersion >= 16) return { include: true };
  if (type !== 'local' && !HOST_TYPES.includes(type as (typeof HOST_TYPES)[number])) return { error: `unknown connection type "${fields[0]!.map((t) => t.text).join(',')}"` };
  if (!fields[1] || !fields[2]) return { error: 'the database or user field is missing' };
  let next = 3;
  let address: Address | undefined;
  if (type !== 'local') {
    const parsed = addressOf(fields);
    if ('error' in parsed) return parsed;
    address = parsed.address;
    next += parsed.used;
  }
  const method = single(fields[next]);
  if (method === undefined) return { error: 'the authentication method is missing' };
  if (!METHODS.has(method)) return { error: `unknown authentication method "${method}"` };
  if (method === 'peer' && type !== 'local') return { error: 'peer authentication is only supported on local sockets' };
  if (method === 'cert' && type !== 'hostssl') return { error: 'cert authentication is only supported on hostssl connections' };
  return { line: { type: type as ConnectionType, databases: fields[1], users: fields[2], ...(address ? { address } : {}), method } };
}

/** Whether a line certainly applies to a connection, certainly not, or only maybe (group membership, files, host names). */
export type Match = 'yes' | 'maybe' | 'no';

function weakest(...matches: Match[]): Match {
  return matches.includes('no') ? 'no' : matches.includes('maybe') ? 'maybe' : 'yes';
}

function strongest(matches: Match[]): Match {
  return matches.includes('yes') ? 'yes' : matches.includes('maybe') ? 'maybe' : 'no';
}

/** Files (@name) and regular expressions (/re, PostgreSQL 16) hold names we cannot see. */
function opaque(token: Token): boolean {
  return !token.quoted && (token.text.startsWith('@') || token.text.startsWith('/'));
}

/** `check_db`: a physical replication connection matches only the `replication` keyword. */
function databaseMatch(tokens: Token[], target: Target, user: string): Match {
  return strongest(tokens.map((token): Match => {
    if (opaque(token)) return 'maybe';
    const keyword = token.quoted ? undefined : token.text;
    if (!('database' in target)) return keyword === 'replication' ? 'yes' : 'no';
    const database = target.database;
    if (keyword === 'all') return 'yes';
    if (keyword === 'sameuser') return database === user ? 'yes' : 'no';
    if (keyword === 'samerole' || keyword === 'samegroup') return 'maybe';
    if (keyword === 'replication') return 'no';
    return token.text === database ? 'yes' : 'no';
  }));
}

/** `check_role`: `+group` matches the group's members, and a role counts as a member of itself. */
function userMatch(tokens: Token[], user: string): Match {
  return strongest(tokens.map((token): Match => {
    if (opaque(token)) return 'maybe';
    if (!token.quoted && token.text === 'all') return 'yes';
    if (!token.quoted && token.text.startsWith('+')) return token.text.slice(1) === user ? 'yes' : 'maybe';
    return token.text === user ? 'yes' : 'no';
  }));
}

/** Loopback addresses and this host's own never match a connection from another pod. */
function otherPodMatch(address: Address): Match {
  if (address.kind === 'all') return 'yes';
  if (address.kind === 'samehost') return 'no';
  if (address.kind === 'hostname') return address.name === 'localhost' ? 'no' : 'maybe';
  if (address.kind !== 'ip') return 'maybe';
  const loopback = (address.address.startsWith('127.') && (address.prefixLength ?? 0) >= 8) || (address.address === '::1' && address.prefixLength === 128);
  return loopback ? 'no' : 'maybe';
}

/** A database, or a physical replication connection (pg_basebackup, streaming). */
export type Target = { database: string } | { replication: true };

/** A connection to check the lines against. */
export interface Connection {
  /** Over the local socket, or over TCP with SSL from another pod (Patroni and libpq default to sslmode prefer). */
  via: 'local socket' | 'other pod';
  target: Target;
  user: string;
  /** Methods that fail for this connection although the line matches (a failed login does not fall through). */
  failingMethods: string[];
}

function typeMatch(type: ConnectionType, connection: Connection): Match {
  if (connection.via === 'local socket') return type === 'local' ? 'yes' : 'no';
  return type === 'host' || type === 'hostssl' || type === 'hostnogssenc' ? 'yes' : 'no';
}

function lineMatch(line: HbaLine, connection: Connection): Match {
  return weakest(
    typeMatch(line.type, connection),
    databaseMatch(line.databases, connection.target, connection.user),
    userMatch(line.users, connection.user),
    line.address ? otherPodMatch(line.address) : 'yes',
  );
}

export type Verdict = { allowed: true } | { allowed: false; decidedBy?: number };

/**
 * `check_hba`: the first matching line decides. A line that only maybe matches and would let the
 * connection in leaves the verdict open, which counts as allowed: the lint warns only when sure.
 */
export function verdict(lines: Array<{ index: number; line: HbaLine }>, connection: Connection): Verdict {
  for (const { index, line } of lines) {
    const match = lineMatch(line, connection);
    if (match === 'no') continue;
    const admits = line.method !== 'reject' && !connection.failingMethods.includes(line.method);
    if (admits) return { allowed: true };
    if (match === 'yes') return { allowed: false, decidedBy: index };
  }
  return { allowed: false };
}
