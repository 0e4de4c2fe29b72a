// spec.patroni.pg_hba replaces Spilo's whole list: configure_spilo.py `main` merges SPILO_CONFIGURATION
// over its TEMPLATE with `deep_update`, which keeps the user's list and drops Spilo's, and Patroni 4.0.4
// (patroni/postgresql/config.py `ConfigHandler.replace_pg_hba`) writes the list as pg_hba.conf. Spilo's
// own rules for the superuser and the replication user are then gone unless the list repeats them.
import type { OperatorConfig } from '../../schemas/config.js';
import type { Cluster } from '../cluster.js';
import { setupSkipReason } from '../setup-state.js';
import { instanceCount } from '../instances.js';
import { desiredVersion } from '../pod/spilo-env.js';
import { parseHbaLine, verdict, type Connection, type HbaLine, type Verdict } from './hba.js';
import { parameter } from './parameters.js';

const PATH = 'spec.patroni.pg_hba';

/** Spilo runs Patroni, and so PostgreSQL, as the operating system user postgres. */
const SPILO_OS_USER = 'postgres';

interface ParsedList { lines: Array<{ index: number; line: HbaLine }>; errors: string[]; includes: boolean }

function parseList(entries: string[], version: number): ParsedList {
  const list: ParsedList = { lines: [], errors: [], includes: false };
  entries.forEach((entry, index) => {
    // Patroni writes each entry as a line; an entry with line breaks becomes several.
    for (const text of entry.split('\n')) {
      const parsed = parseHbaLine(text, version);
      if ('line' in parsed) list.lines.push({ index, line: parsed.line });
      else if ('include' in parsed) list.includes = true;
      else if ('error' in parsed) list.errors.push(`${PATH}[${index}]: PostgreSQL refuses "${text.trim()}" (${parsed.error}) and with it the whole pg_hba.conf, so it does not start`);
    }
  });
  return list;
}

function refusal(result: Verdict): string {
  return result.allowed || result.decidedBy === undefined ? 'no line admits it' : `${PATH}[${result.decidedBy}] matches it first and refuses it`;
}

/** peer (and ident, its alias on the local socket) admits only the operating system user's own name. */
function localConnection(user: string, database: string): Connection {
  return { via: 'local socket', target: { database }, user, failingMethods: user === SPILO_OS_USER ? [] : ['peer', 'ident'] };
}

/**
 * Spilo's template sets use_unix_socket: Patroni connects as the superuser through the socket to
 * `postgres`, and Spilo's scripts/post_init.sh (Patroni's post_bootstrap) to every database, template1
 * included. Without that, bootstrap fails.
 */
function localSuperuser(list: ParsedList, config: OperatorConfig): string[] {
  for (const database of ['postgres', 'template1']) {
    const result = verdict(list.lines, localConnection(config.super_username, database));
    if (!result.allowed) {
      return [`${PATH}: the superuser "${config.super_username}" cannot connect through the local socket to database "${database}" (${refusal(result)}); this list replaces Spilo's own, and Patroni and Spilo's post-init script connect that way, so the cluster cannot bootstrap`];
    }
  }
  return [];
}

/** Replicas stream, and Spilo's scripts/basebackup.sh copies a new replica, over a replication connection from their pod. */
function replication(list: ParsedList, cluster: Cluster, config: OperatorConfig): string[] {
  if (instanceCount(cluster, config) <= 1) return [];
  const user = config.replication_username;
  const result = verdict(list.lines, { via: 'other pod', target: { replication: true }, user, failingMethods: [] });
  if (result.allowed) return [];
  return [`${PATH}: the replication user "${user}" cannot open a replication connection from another pod (${refusal(result)}; only a host or hostssl line with database "replication" can admit it); this list replaces Spilo's own, so replicas can neither be created nor stream from the primary`];
}

/**
 * Over TCP from other pods the superuser is used by this project's setup Job (PGDATABASE postgres,
 * hooks/children/setup-job.ts) and by Patroni's pg_rewind of a former primary after a failover
 * (patroni/postgresql/rewind.py `Rewind.execute`, with Spilo's use_pg_rewind).
 */
function remoteSuperuser(list: ParsedList, cluster: Cluster, config: OperatorConfig): string[] {
  const users = [
    ...(setupSkipReason(cluster, config) === undefined ? ['the setup Job (roles and databases)'] : []),
    ...(instanceCount(cluster, config) > 1 ? ["Patroni's pg_rewind after a failover"] : []),
  ];
  if (users.length === 0) return [];
  const user = config.super_username;
  const result = verdict(list.lines, { via: 'other pod', target: { database: 'postgres' }, user, failingMethods: [] });
  if (result.allowed) return [];
  return [`${PATH}: the superuser "${user}" cannot connect to database "postgres" from another pod (${refusal(result)}), which ${users.join(' and ')} need`];
}

export function pgHbaRules(cluster: Cluster, config: OperatorConfig): string[] {
  const entries = cluster.spec.patroni?.pg_hba ?? [];
  // An empty list keeps Spilo's own; with hba_file set the list is not used (hbaFileParameter says so).
  if (entries.length === 0 || parameter(cluster.spec, 'hba_file')) return [];
  const list = parseList(entries, Number(desiredVersion(cluster.spec, config)));
  if (list.errors.length > 0) return list.errors;
  // Included files may admit anything: only what we can see is judged.
  if (list.includes) return [];
  return [...localSuperuser(list, config), ...replication(list, cluster, config), ...remoteSuperuser(list, cluster, config)];
}
