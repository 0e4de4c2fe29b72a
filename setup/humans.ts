// Human roles in the setup Job (Zalando: `initTeamMembers`, and the deprecation in
// pkg/util/users/users.go): each team's members, the known ones from the state plus the Teams API's,
// become LOGIN roles without a password, members of the PAM group (and of the admin group unless they
// are superusers). Zalando remembers last sync's members in memory to find removed ones; a Job remembers
// nothing, so every human role it makes carries a comment, and only roles with that comment are ever
// deprecated (NOLOGIN, renamed with the suffix) or restored. Nothing is dropped, and nothing is
// deprecated in a run where some team's members could not be fetched.
import type pg from 'pg';
import type { SetupHumans, SetupState } from '../schemas/setup-state.js';
import type { Report } from './report.js';
import type { DesiredRole } from './roles.js';
import { checkName, ident } from './sql.js';
import type { TeamAnswer } from './teams-api.js';
import { inTransaction } from './transaction.js';

export const HUMAN_ROLE_COMMENT = 'human role of postgres-metacontroller (Teams API, PostgresTeam)';

export type FetchTeam = (team: string) => Promise<TeamAnswer>;

export interface Humans {
  roles: DesiredRole[];
  /** Every team's members are known: only then may roles of removed members be deprecated. */
  complete: boolean;
}

/** Members of every team, as far as they can be known; each fetch is one report line. */
async function membersByTeam(humans: SetupHumans, fetchTeam: FetchTeam, report: Report): Promise<{ members: Map<string, boolean>; complete: boolean }> {
  const members = new Map<string, boolean>();
  let complete = true;
  for (const team of humans.teams) {
    const names = [...team.members];
    if (humans.teamsApiUrl) {
      const answer = await fetchTeam(team.name);
      if ('members' in answer) {
        names.push(...answer.members);
        report.record({ outcome: 'fetched', object: 'team', name: team.name, message: `${answer.members.length} member(s) from the Teams API` });
      } else if ('notFound' in answer) {
        report.record({ outcome: 'fetched', object: 'team', name: team.name, message: 'the Teams API does not know this team (404): no members from it' });
      } else {
        complete = false;
        report.record({ outcome: 'unavailable', object: 'team', name: team.name, message: answer.error });
      }
    }
    // A member of any superuser team is a superuser.
    for (const name of names) members.set(name, (members.get(name) ?? false) || team.superuser);
  }
  return { members, complete };
}

function unusable(name: string, humans: SetupHumans, stateRoles: Set<string>): string | undefined {
  try {
    checkName(name);
  } catch (error) {
    return (error as Error).message;
  }
  if (humans.reserved.includes(name)) return 'a system or protected role name is never a human role';
  if (stateRoles.has(name)) return 'another role of the cluster has this name';
  return undefined;
}

/** The human roles to reconcile, with one line for each team asked and each member left out. */
export async function gatherHumans(state: SetupState, humans: SetupHumans, fetchTeam: FetchTeam, report: Report): Promise<Humans> {
  const { members, complete } = await membersByTeam(humans, fetchTeam, report);
  const stateRoles = new Set(state.roles.map((r) => r.name));
  const roles: DesiredRole[] = [];
  for (const [name, superuser] of [...members].sort(([a], [b]) => a.localeCompare(b))) {
    const reason = unusable(name, humans, stateRoles);
    if (reason) {
      report.record({ outcome: 'skipped', object: 'role', name, message: `not made a human role: ${reason}` });
      continue;
    }
    const adminGroup = !superuser && humans.adminGroup ? [humans.adminGroup] : [];
    roles.push({
      name,
      flags: superuser ? ['LOGIN', 'SUPERUSER'] : ['LOGIN'],
      memberOf: [...humans.groups, ...adminGroup],
      parameters: humans.parameters,
      comment: HUMAN_ROLE_COMMENT,
    });
  }
  return { roles, complete };
}

/** Roles among `names` that exist, each with whether it carries the human-role comment. */
async function existing(client: pg.Client, names: string[]): Promise<Map<string, boolean>> {
  const { rows } = await client.query<{ rolname: string; marked: boolean }>(
    `SELECT rolname, pg_catalog.shobj_description(oid, 'pg_authid') IS NOT DISTINCT FROM $2 AS marked
       FROM pg_catalog.pg_authid WHERE rolname = ANY($1)`, [names, HUMAN_ROLE_COMMENT]);
  return new Map(rows.map((r) => [r.rolname, r.marked]));
}

async function renameRole(client: pg.Client, report: Report, from: string, to: string, login: 'LOGIN' | 'NOLOGIN', changes: string[]): Promise<void> {
  try {
    // LOGIN is given back after the rename and taken before it, so the role never logs in under the suffixed name.
    const rename = `ALTER ROLE ${ident(from)} RENAME TO ${ident(to)}`;
    await inTransaction(client, login === 'LOGIN' ? [rename, `ALTER ROLE ${ident(to)} LOGIN`] : [`ALTER ROLE ${ident(from)} NOLOGIN`, rename]);
    report.record({ outcome: 'altered', object: 'role', name: login === 'LOGIN' ? to : from, changes });
  } catch (error) {
    report.record({ outcome: 'failed', object: 'role', name: from, message: (error as Error).message });
  }
}

/**
 * With deprecation on, a wanted human role that is missing while its deprecated form (marked, with the
 * suffix) exists gets its name and LOGIN back; reconciling then adds whatever else it lacks.
 */
export async function restoreHumans(client: pg.Client, humans: SetupHumans, roles: DesiredRole[], report: Report): Promise<void> {
  const suffix = humans.deprecationSuffix;
  if (!suffix || roles.length === 0) return;
  const found = await existing(client, roles.flatMap((r) => [r.name, `${r.name}${suffix}`]));
  for (const role of roles) {
    const deprecated = `${role.name}${suffix}`;
    if (found.has(role.name) || found.get(deprecated) !== true) continue;
    await renameRole(client, report, deprecated, role.name, 'LOGIN', [`renamed back from ${deprecated}`, 'LOGIN']);
  }
}

/**
 * With deprecation on and every team's members known, a marked human role that no team names any more
 * (and that is no other role of the state, nor reserved) loses LOGIN and is renamed with the suffix.
 */
export async function deprecateHumans(client: pg.Client, state: SetupState, humans: SetupHumans, wanted: Humans, report: Report): Promise<void> {
  const suffix = humans.deprecationSuffix;
  if (!suffix) return;
  if (!wanted.complete) {
    report.record({ outcome: 'skipped', object: 'deprecation', name: 'human roles', message: 'no human role was deprecated: the members of some team are unknown' });
    return;
  }
  const keep = new Set([...wanted.roles.map((r) => r.name), ...state.roles.map((r) => r.name), ...humans.reserved]);
  const { rows } = await client.query<{ rolname: string }>(
    "SELECT rolname FROM pg_catalog.pg_authid WHERE pg_catalog.shobj_description(oid, 'pg_authid') = $1 ORDER BY rolname", [HUMAN_ROLE_COMMENT]);
  const removed = rows.map((r) => r.rolname).filter((name) => !keep.has(name) && !name.endsWith(suffix));
  if (removed.length === 0) return;
  const taken = await existing(client, removed.map((name) => `${name}${suffix}`));
  for (const name of removed) {
    const deprecated = `${name}${suffix}`;
    if (taken.has(deprecated)) {
      report.record({ outcome: 'failed', object: 'role', name, message: `no team names it any more, but it cannot be renamed: role ${deprecated} exists` });
      continue;
    }
    await renameRole(client, report, name, deprecated, 'NOLOGIN', ['NOLOGIN', `renamed to ${deprecated}`]);
  }
}
