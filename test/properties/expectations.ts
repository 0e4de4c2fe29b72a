// What an answer must contain, computed from the manifest alone (never by calling the builders):
// the connection keys of a credential Secret, and the children kept when nothing may change.
import { isDeepStrictEqual } from 'node:util';
import type { KubeObject } from '../../schemas/hook.js';
import type { Manifest } from '../arbitraries/manifest.js';
import { canonical, childKey, expect } from './harness.js';

type Spec = Record<string, unknown> & {
  databases?: Record<string, string>;
  preparedDatabases?: Record<string, unknown>;
  enableConnectionPooler?: boolean;
  enableReplicaConnectionPooler?: boolean;
  connectionPooler?: unknown;
};

const CLUSTER_DOMAIN = 'cluster.local';
const POSTGRES_PORT = '5432';

export const CONNECTION_KEYS = ['host', 'port', 'dbname', 'uri', 'jdbc-uri', 'pooler-host', 'pooler-port', 'pooler-uri'];

/** Zalando: `enableConnectionPooler`, or a `connectionPooler` section when the flag is not given. */
export function masterPoolerEnabled(spec: Spec): boolean {
  return spec.enableConnectionPooler ?? spec.connectionPooler !== undefined;
}

function poolerEnabled(spec: Spec): boolean {
  return masterPoolerEnabled(spec) || spec.enableReplicaConnectionPooler === true;
}

function preparedDatabaseNames(manifest: Manifest): string[] {
  const prepared = (manifest.spec as Spec).preparedDatabases;
  if (prepared === undefined) return [];
  const names = Object.keys(prepared);
  return names.length > 0 ? names : [manifest.metadata.name.replaceAll('-', '_')];
}

/** Databases `role` owns (`databases`), and prepared databases its default roles belong to. */
function databasesOf(manifest: Manifest, role: string): { owned: string[]; reachable: string[] } {
  const owned = Object.entries((manifest.spec as Spec).databases ?? {}).filter(([, owner]) => owner === role).map(([db]) => db);
  const prepared = preparedDatabaseNames(manifest).filter((db) => role.startsWith(`${db}_`));
  return { owned, reachable: [...owned, ...prepared] };
}

const decode = (value: string | undefined) => (value === undefined ? undefined : Buffer.from(value, 'base64').toString('utf8'));

function hostOf(service: string, manifest: Manifest): string {
  return `${service}.${manifest.metadata.namespace}.svc.${CLUSTER_DOMAIN}`;
}

/** `uri` names `host`, the port, the Secret's user and password, and `dbname` (or no database). */
function checkUri(name: string, key: string, text: string | undefined, host: string, user: string, password: string, dbname: string | undefined): void {
  expect(text !== undefined, `${name}: ${key} is missing`);
  const jdbc = text.startsWith('jdbc:');
  const url = new URL(jdbc ? text.slice('jdbc:'.length) : text);
  expect(url.protocol === 'postgresql:', `${name}: ${key} is not a postgresql URI`);
  expect(url.hostname === host && url.port === POSTGRES_PORT, `${name}: ${key} points at ${url.hostname}:${url.port}, expected ${host}:${POSTGRES_PORT}`);
  const database = decodeURIComponent(url.pathname.replace(/^\//, ''));
  expect(database === (dbname ?? ''), `${name}: ${key} names database "${database}", expected "${dbname ?? ''}"`);
  const [urlUser, urlPassword] = jdbc
    ? [url.searchParams.get('user') ?? '', url.searchParams.get('password') ?? '']
    : [decodeURIComponent(url.username), decodeURIComponent(url.password)];
  expect(urlUser === user, `${name}: ${key} has user ${urlUser}, the Secret ${user}`);
  expect(urlPassword === password, `${name}: ${key} does not carry the Secret's password`);
}

/**
 * The connection keys of one credential Secret describe `manifest`: the master Service, the
 * database the role owns, and the pooler only while one is enabled.
 */
export function checkConnectionKeys(secret: KubeObject, manifest: Manifest, keysEnabled: boolean, serviceNames: Set<string>): void {
  const name = secret.metadata.name;
  const data = (secret as { data?: Record<string, string> }).data ?? {};
  const present = CONNECTION_KEYS.filter((key) => key in data);
  if (!keysEnabled) {
    expect(present.length === 0, `${name}: connection keys ${present.join(', ')} written although enable_connection_secret_keys is off`);
    return;
  }
  const user = decode(data.username) ?? '';
  const password = decode(data.password) ?? '';
  const host = hostOf(manifest.metadata.name, manifest);
  expect(decode(data.host) === host, `${name}: host is ${decode(data.host)}, expected ${host}`);
  expect(decode(data.port) === POSTGRES_PORT, `${name}: port is ${decode(data.port)}`);
  const dbname = decode(data.dbname);
  const { owned, reachable } = databasesOf(manifest, user);
  if (dbname !== undefined) expect(reachable.includes(dbname), `${name}: dbname "${dbname}" is not a database of role ${user} in the current spec (${reachable.join(', ') || 'none'})`);
  if (owned.length > 0) expect(dbname !== undefined, `${name}: role ${user} owns ${owned.join(', ')} but the Secret has no dbname`);
  checkUri(name, 'uri', decode(data.uri), host, user, password, dbname);
  checkUri(name, 'jdbc-uri', decode(data['jdbc-uri']), host, user, password, dbname);

  const spec = manifest.spec as Spec;
  const pooler = ['pooler-host', 'pooler-port', 'pooler-uri'].filter((key) => key in data);
  if (!poolerEnabled(spec)) {
    expect(pooler.length === 0, `${name}: ${pooler.join(', ')} kept although no connection pooler is enabled`);
    return;
  }
  if (masterPoolerEnabled(spec)) expect(pooler.length === 3, `${name}: the pooler is enabled but ${['pooler-host', 'pooler-port', 'pooler-uri'].filter((k) => !pooler.includes(k)).join(', ')} missing`);
  if (pooler.length === 0) return;
  const poolerHost = decode(data['pooler-host']) ?? '';
  const service = poolerHost.split('.')[0] ?? '';
  expect(serviceNames.has(service) && service.startsWith(`${manifest.metadata.name}-pooler`), `${name}: pooler-host ${poolerHost} is not a pooler Service of this answer`);
  expect(decode(data['pooler-port']) === POSTGRES_PORT, `${name}: pooler-port is ${decode(data['pooler-port'])}`);
  checkUri(name, 'pooler-uri', decode(data['pooler-uri']), poolerHost, user, password, dbname);
}

/** Credential Secrets: those holding a role's user name and password. */
export function credentialSecrets(children: KubeObject[]): KubeObject[] {
  return children.filter((c) => c.kind === 'Secret' && (c as { data?: Record<string, unknown> }).data?.username !== undefined);
}

/** `actual` is exactly `expected` (same objects, same content), else a message naming the first difference. */
export function expectSameChildren(actual: KubeObject[], expected: KubeObject[], what: string): void {
  const got = canonical(actual);
  const want = canonical(expected);
  const gotKeys = got.map(childKey);
  const wantKeys = want.map(childKey);
  const dropped = wantKeys.filter((k) => !gotKeys.includes(k));
  const added = gotKeys.filter((k) => !wantKeys.includes(k));
  expect(dropped.length === 0 && added.length === 0, `${what}: dropped [${dropped.join(', ')}], added [${added.join(', ')}]`);
  const changed = want.filter((child, i) => !isDeepStrictEqual(child, got[i])).map(childKey);
  expect(changed.length === 0, `${what}: changed ${changed.join(', ')}`);
}
