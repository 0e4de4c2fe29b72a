// One Secret per login role, named and labelled where Zalando puts it (zalando-objects.md §4.1).
// Existing Secret data is carried forward byte for byte; a password is generated only for a Secret
// that does not exist yet. The connection keys (host, port, dbname, uri …) are ours: they are
// written afresh from the current spec every time, so none is left describing an old one.
import type { ISecret } from 'kubernetes-models/v1/Secret';
import type { OperatorConfig } from '../../schemas/config.js';
import { baseLabels, clusterDigest, fullLabels, inheritedAnnotations, objectMeta, type Cluster } from '../cluster.js';
import { b64, unb64 } from '../base64.js';
import { put, sorted, type StringMap } from '../maps.js';
import { memo } from '../memo.js';
import { ChildKind, labelKeys, names, spilo } from '../names.js';
import type { Observed } from '../observed.js';
import type { RandomSource } from '../random.js';
import { isPoolerEnabled, type Role } from '../roles/model.js';
import { rotate, rotationMode, type RotationMode } from '../roles/rotation.js';

/** Every key the connection keys may use; any other key of an existing Secret is carried untouched. */
const CONNECTION_KEYS = ['host', 'port', 'dbname', 'uri', 'jdbc-uri', 'pooler-host', 'pooler-port', 'pooler-uri'] as const;
type ConnectionKey = (typeof CONNECTION_KEYS)[number];
const CONNECTION_KEY_SET: ReadonlySet<string> = new Set(CONNECTION_KEYS);

export function serviceHost(service: string, cluster: Cluster, config: OperatorConfig): string {
  return `${service}.${cluster.namespace}.svc.${config.cluster_domain}`;
}

/** The database a role owns, if any: a manifest database, or the prepared database of an owner role. */
function ownedDatabase(role: Role, cluster: Cluster): string | undefined {
  const owned = Object.entries(cluster.spec.databases ?? {}).filter(([, owner]) => owner === role.name).map(([db]) => db).sort();
  if (owned[0]) return owned[0];
  const prepared = Object.keys(cluster.spec.preparedDatabases ?? {}).sort();
  return prepared.find((db) => role.name === `${db}_owner_user`);
}

/** The hosts the connection keys name: the primary's Service, and the primary pooler's where it runs. */
interface ConnectionHosts { primary: string; pooler: string | undefined }

function connectionHosts(cluster: Cluster, config: OperatorConfig): ConnectionHosts {
  // The keys describe the pooler in front of the primary; a replica pooler alone is read-only and gets none.
  return {
    primary: serviceHost(names.service(cluster.name, 'master'), cluster, config),
    pooler: isPoolerEnabled(cluster.spec, 'master') ? serviceHost(names.pooler(cluster.name, 'master'), cluster, config) : undefined,
  };
}

function uri(user: string, password: string, host: string, port: number, database: string | undefined): string {
  const credentials = `${encodeURIComponent(user)}:${encodeURIComponent(password)}`;
  return `postgresql://${credentials}@${host}:${port}${database ? `/${encodeURIComponent(database)}` : ''}`;
}

function jdbcUri(user: string, password: string, host: string, port: number, database: string | undefined): string {
  return `jdbc:postgresql://${host}:${port}/${database ? encodeURIComponent(database) : ''}?user=${encodeURIComponent(user)}&password=${encodeURIComponent(password)}`;
}

function connectionKeys(role: Role, username: string, password: string, cluster: Cluster, hosts: ConnectionHosts): Partial<Record<ConnectionKey, string>> {
  const host = hosts.primary;
  const port = spilo.postgresPort;
  const database = ownedDatabase(role, cluster);
  const keys: Partial<Record<ConnectionKey, string>> = {
    host,
    port: String(port),
    uri: uri(username, password, host, port, database),
    'jdbc-uri': jdbcUri(username, password, host, port, database),
  };
  if (database) keys.dbname = database;
  if (hosts.pooler !== undefined) {
    keys['pooler-host'] = hosts.pooler;
    keys['pooler-port'] = String(port);
    keys['pooler-uri'] = uri(username, password, hosts.pooler, port, database);
  }
  return keys;
}

function withoutConnectionKeys(data: StringMap): StringMap {
  const kept: StringMap = {};
  for (const key of Object.keys(data)) if (!CONNECTION_KEY_SET.has(key)) put(kept, key, data[key]);
  return kept;
}

/** `labels`: the cluster's full labels, which every Secret but the pooler user's carries. */
function secretLabels(role: Role, cluster: Cluster, config: OperatorConfig, labels: StringMap): StringMap {
  // Zalando labels the pooler user's Secret as a pooler object only when the user is literally "pooler".
  if (role.origin === 'pooler' && role.name === 'pooler') {
    return sorted({
      ...baseLabels(cluster, config),
      [labelKeys.application]: 'db-connection-pooler',
      [labelKeys.connectionPooler]: names.pooler(cluster.name, 'master'),
    });
  }
  return labels;
}

/** What a Secret is built from besides its role and the observed Secret. */
interface SecretInputs { cluster: Cluster; config: OperatorConfig; labels: StringMap; annotations: StringMap | undefined; hosts: ConnectionHosts; now: Date; random: RandomSource }

function secretOf(role: Role, name: string, current: ISecret | undefined, mode: RotationMode | undefined, inputs: SecretInputs): { secret: ISecret; warning?: string; nextRotation?: Date } {
  const { cluster, config, random } = inputs;
  let data = withoutConnectionKeys(current?.data ?? {});
  if (!current) {
    data.username = b64(role.name);
    data.password = b64(role.password ?? random.password());
  } else if (role.origin === 'infrastructure' && role.password !== undefined && unb64(data.password) !== role.password) {
    // The infrastructure source owns these passwords: a changed source password replaces the stored one.
    data.password = b64(role.password);
  }
  const rotation = rotate(role, data, mode, config, inputs.now, random);
  data = rotation.data;
  if (config.enable_connection_secret_keys) {
    const username = unb64(data.username) ?? role.name;
    const password = unb64(data.password) ?? '';
    for (const [key, value] of Object.entries(connectionKeys(role, username, password, cluster, inputs.hosts))) data[key] = b64(value);
  }
  const secret: ISecret = {
    apiVersion: 'v1',
    kind: 'Secret',
    metadata: objectMeta(cluster, name, secretLabels(role, cluster, config, inputs.labels), inputs.annotations),
    type: 'Opaque',
    data: sorted(data),
  };
  return { secret, ...(rotation.warning ? { warning: rotation.warning } : {}), ...(rotation.nextRotation ? { nextRotation: rotation.nextRotation } : {}) };
}

/**
 * A Secret that exists, of a role that does not rotate and that it names: its answer depends on nothing but the
 * spec, the role and the observed data (no clock, no new password), so it can be kept.
 */
function isSteady(role: Role, current: ISecret | undefined, mode: RotationMode | undefined): current is ISecret {
  return current !== undefined && mode === undefined && (unb64(current.data?.username) ?? role.name) === role.name;
}

/** The steady Secrets seen lately, frozen (so the last guard checks each once), with what each was built from. */
const rememberedSecrets = memo<{ role: Role; data: StringMap; secret: ISecret }>(1024);

/** Roles from the spec are the same kept objects call after call; others (infrastructure roles) are compared. */
function sameRole(a: Role, b: Role): boolean {
  return a === b || JSON.stringify(a) === JSON.stringify(b);
}

function sameStrings(a: StringMap, b: StringMap): boolean {
  const keys = Object.keys(a);
  if (keys.length !== Object.keys(b).length) return false;
  for (const key of keys) if (!Object.hasOwn(b, key) || a[key] !== b[key]) return false;
  return true;
}

export interface SecretsResult {
  secrets: ISecret[];
  unmanaged: string[];
  warnings: string[];
  /** The earliest scheduled password rotation, when any role rotates. */
  nextRotation?: Date;
}

export function buildSecrets(cluster: Cluster, config: OperatorConfig, observed: Observed, roles: Role[], inputs: { now: Date; random: RandomSource }): SecretsResult {
  const { now, random } = inputs;
  const secrets: ISecret[] = [];
  const unmanaged: string[] = [];
  const warnings: string[] = [];
  let nextRotation: Date | undefined;
  const taken = new Map<string, string>();
  const labels = fullLabels(cluster, config);
  const annotations = inheritedAnnotations(cluster, config);
  const hosts = connectionHosts(cluster, config);
  for (const role of roles) {
    if (!role.hasSecret) continue;
    const name = names.credentialSecret(role.name, cluster.name, config);
    if (role.namespace !== cluster.namespace) {
      unmanaged.push(`${role.namespace}/${name}`);
      continue;
    }
    const clash = taken.get(name);
    if (clash !== undefined) throw new SecretNameConflict(name, clash, role.name);
    taken.set(name, role.name);
    const current = observed.child<ISecret>(ChildKind.Secret, name);
    const mode = rotationMode(role, cluster.spec, config);
    const build = () => secretOf(role, name, current, mode, { cluster, config, labels, annotations, hosts, now, random });
    if (!isSteady(role, current, mode)) {
      const built = build();
      secrets.push(built.secret);
      if (built.warning) warnings.push(built.warning);
      if (built.nextRotation && (!nextRotation || built.nextRotation < nextRotation)) nextRotation = built.nextRotation;
      continue;
    }
    // Compared by value rather than hashed into the key: no password is a key, and no JSON is written per Secret.
    const data = current.data ?? {};
    const kept = rememberedSecrets(config, `${clusterDigest(cluster)} ${name}`, () => ({ role, data: { ...data }, secret: build().secret }),
      (entry) => sameRole(entry.role, role) && sameStrings(entry.data, data));
    secrets.push(kept.secret);
  }
  return { secrets, unmanaged: unmanaged.sort(), warnings, ...(nextRotation ? { nextRotation } : {}) };
}

/** Two roles whose names map to the same Secret (e.g. `app_user` and `app-user`). */
export class SecretNameConflict extends Error {
  constructor(readonly secretName: string, readonly first: string, readonly second: string) {
    super(`roles ${first} and ${second} would share the Secret ${secretName}`);
  }
}
