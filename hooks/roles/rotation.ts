// Password rotation on the Secret side (zalando-objects.md §4.3). The clock and the password source
// are inputs, so a rotation is a pure function of the observed Secret and the time of the call.
// Differences from Zalando, on purpose: system users (superuser, replication) and infrastructure roles
// never rotate, because Spilo and the infrastructure source hold those passwords; a shortened interval
// is written back to `nextRotation`; a Secret holding a user name that is neither the role nor one of
// its rotation users is left alone and reported instead of being reset.
import type { OperatorConfig } from '../../schemas/config.js';
import type { PostgresSpec } from '../../schemas/postgresql.js';
import { b64, unb64 } from '../base64.js';
import type { StringMap } from '../maps.js';
import { isStandby } from '../pod/spilo-env.js';
import type { RandomSource } from '../random.js';
import type { Role } from './model.js';

export type RotationMode = 'new-user' | 'in-place';

const DAY_MS = 86_400_000;

export function rotationMode(role: Role, spec: PostgresSpec, config: OperatorConfig): RotationMode | undefined {
  // The exporter reads its password once, when its container starts: a rotated one would lock it out.
  if (role.origin === 'system' || role.origin === 'monitoring' || role.origin === 'infrastructure') return undefined;
  if (isStandby(spec) || (spec.usersIgnoringSecretRotation ?? []).includes(role.name)) return undefined;
  if ((spec.usersWithInPlaceSecretRotation ?? []).includes(role.name)) return 'in-place';
  if ((spec.usersWithSecretRotation ?? []).includes(role.name)) return 'new-user';
  const globallyAllowed = (role.origin === 'manifest' || role.origin === 'bootstrap') && !role.isDbOwner;
  return config.enable_password_rotation && globallyAllowed ? 'new-user' : undefined;
}

/** RFC 3339 in UTC without fractions, as Zalando writes `nextRotation`. */
export function rfc3339(time: Date): string {
  return time.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** The rotation user of a role for a day: `<role><YYMMDD>`. */
export function rotationUserName(roleName: string, day: Date): string {
  const iso = day.toISOString();
  return `${roleName}${iso.slice(2, 4)}${iso.slice(5, 7)}${iso.slice(8, 10)}`;
}

/** When a rotation user named `<role><YYMMDD>` was created, or undefined when the name is not one. */
export function rotationUserDay(roleName: string, userName: string): Date | undefined {
  if (!userName.startsWith(roleName)) return undefined;
  const match = /^(\d\d)(\d\d)(\d\d)$/.exec(userName.slice(roleName.length));
  if (!match) return undefined;
  const day = new Date(`20${match[1]}-${match[2]}-${match[3]}T00:00:00Z`);
  return Number.isNaN(day.getTime()) ? undefined : day;
}

/** Rotation users stop logging in after max(retention, 2 × interval) days (Zalando drops them then). */
export function rotationUserExpiry(created: Date, config: OperatorConfig): Date {
  const days = Math.max(config.password_rotation_user_retention, 2 * config.password_rotation_interval);
  return new Date(created.getTime() + days * DAY_MS);
}

export interface RotationResult {
  data: StringMap;
  /** When the Secret must be looked at again. */
  nextRotation?: Date;
  warning?: string;
}

/**
 * The Secret data after rotation rules are applied at `now`. `data` is the base64 map of an existing
 * or freshly generated Secret; keys are only replaced when a rotation, its first scheduling or its
 * reset demands it.
 */
export function rotate(role: Role, data: StringMap, requested: RotationMode | undefined, config: OperatorConfig, now: Date, random: RandomSource): RotationResult {
  // PostgreSQL cuts names at 63 bytes, so a dated user of a long role name would be another role.
  const tooLong = requested === 'new-user' && Buffer.byteLength(rotationUserName(role.name, now)) > 63;
  const mode = tooLong ? 'in-place' : requested;
  const result = rotateAs(role, data, mode, config, now, random);
  return tooLong ? { ...result, warning: `role ${role.name} is too long for dated rotation users; its password rotates in place` } : result;
}

function rotateAs(role: Role, data: StringMap, mode: RotationMode | undefined, config: OperatorConfig, now: Date, random: RandomSource): RotationResult {
  const username = unb64(data.username) ?? role.name;
  if (username !== role.name && !rotationUserDay(role.name, username)) {
    return { data, warning: `the Secret of role ${role.name} holds user ${username}, which is neither the role nor one of its rotation users; it was left unchanged` };
  }
  if (mode === undefined) {
    if (username === role.name) return { data };
    // Rotation was switched off: back to the role itself with a password nobody has seen yet.
    return { data: { ...data, username: b64(role.name), password: b64(random.password()), nextRotation: '' } };
  }

  const interval = config.password_rotation_interval * DAY_MS;
  const latest = new Date(now.getTime() + interval);
  const stored = Date.parse(unb64(data.nextRotation) ?? '');
  const scheduled = Number.isNaN(stored) ? latest : new Date(Math.min(stored, latest.getTime()));
  const expectedUser = mode === 'in-place' ? role.name : rotationUserName(role.name, now);
  // Leaving a dated user for in-place mode happens at once; the other way waits for the due date.
  const switchedToInPlace = mode === 'in-place' && username !== role.name;
  if (now.getTime() > scheduled.getTime() || switchedToInPlace) {
    return {
      data: { ...data, username: b64(expectedUser), password: b64(random.password()), nextRotation: b64(rfc3339(latest)) },
      nextRotation: latest,
    };
  }
  if (Number.isNaN(stored) || stored !== scheduled.getTime()) {
    return { data: { ...data, nextRotation: b64(rfc3339(scheduled)) }, nextRotation: scheduled };
  }
  return { data, nextRotation: scheduled };
}
