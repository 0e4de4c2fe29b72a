// SPILO_CONFIGURATION: the Patroni/Postgres settings Spilo reads at start (zalando-objects.md §2.7). Its
// bootstrap.dcs is the dynamic configuration of hooks/patroni/dynamic-config.ts.
// Key order follows Zalando's output: struct fields in declaration order, map keys sorted.
import type { OperatorConfig } from '../../schemas/config.js';
import type { PostgresSpec } from '../../schemas/postgresql.js';
import { compact, nonEmptyList, sorted } from '../maps.js';
import { bootstrapDcs, splitParameters } from '../patroni/dynamic-config.js';

const BARE_INITDB_OPTIONS = new Set(['data-checksums', 'debug', 'no-locale', 'noclean', 'nosync', 'sync-only']);

export function initdbOptions(initdb: Record<string, string> = {}): Array<string | Record<string, string>> {
  const options: Array<string | Record<string, string>> = [{ 'auth-host': 'scram-sha-256' }, { 'auth-local': 'trust' }];
  for (const [key, value] of Object.entries(sorted(initdb))) {
    const existing = options.find((o): o is Record<string, string> => typeof o === 'object' && key in o);
    if (existing && (key === 'auth-host' || key === 'auth-local')) existing[key] = value;
    else if (value === 'true' && BARE_INITDB_OPTIONS.has(key)) options.push(key);
    else options.push({ [key]: value });
  }
  return options;
}

/**
 * The value of SPILO_CONFIGURATION, and the same without `bootstrap.dcs`: what the pod template hash covers
 * (hooks/pod/template-hash.ts), written here from the objects rather than parsed back from the value.
 */
export interface SpiloConfiguration { value: string; withoutDcs: string }

export function spiloConfiguration(spec: PostgresSpec, config: OperatorConfig): SpiloConfiguration {
  const patroni = spec.patroni ?? {};
  const { local } = splitParameters(spec.postgresql.parameters);
  const postgresql = compact({
    bin_dir: config.enable_pgversion_env_var ? undefined : `/usr/lib/postgresql/${spec.postgresql.version}/bin`,
    parameters: Object.keys(local).length > 0 ? local : undefined,
    pg_hba: nonEmptyList(patroni.pg_hba),
  });
  const initdb = initdbOptions(patroni.initdb);
  return {
    value: JSON.stringify({ postgresql, bootstrap: { initdb, dcs: bootstrapDcs(spec, config) } }),
    withoutDcs: JSON.stringify({ postgresql, bootstrap: { initdb } }),
  };
}
