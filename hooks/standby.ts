// Whether a cluster follows another one (zalando-objects.md §2.9).
import type { PostgresSpec } from '../schemas/postgresql.js';

const STANDBY_ENV_PREFIXES = ['STANDBY_WALE_S3_PREFIX', 'STANDBY_WALE_GS_PREFIX', 'STANDBY_WALE_GSC_PREFIX', 'STANDBY_WALE_SWIFT_PREFIX'];

/** Standby WAL variables in `env` make a standby without a `standby` section. */
export function isStandbyByEnvironment(spec: PostgresSpec): boolean {
  return (spec.env ?? []).some((v) => STANDBY_ENV_PREFIXES.includes(v.name) && (v.value ?? '') !== '');
}

/** A standby follows another cluster: by its `standby` section, or by standby WAL variables in `env`. */
export function isStandby(spec: PostgresSpec): boolean {
  return spec.standby !== undefined || isStandbyByEnvironment(spec);
}
