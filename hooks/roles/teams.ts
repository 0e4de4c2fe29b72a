// Human users: which teams' members get a role in a cluster, and which of them are superusers
// (Zalando: `initHumanUsers`, `getTeamMembers`, `PostgresTeamMap` in pkg/teams/postgres_team.go).
// The hooks know the PostgresTeam objects; the Teams API is asked by the setup Job, so a team here
// names the members known so far and the Job adds the API's. Human roles log in through PAM (Spilo's
// `hostssl all +<pam_role_name> all pam` lines): no password, no Secret.
import type { OperatorConfig } from '../../schemas/config.js';
import type { HookVersion, RelatedResourceRule } from '../../schemas/hook.js';
import type { PostgresTeamSpec } from '../../schemas/postgresteam.js';
import type { SetupHumans } from '../../schemas/setup-state.js';
import type { Cluster } from '../cluster.js';
import { parseDuration } from '../duration.js';
import { API_GROUP, RelatedKind } from '../names.js';
import type { Observed } from '../observed.js';
import { resolveName } from '../pod/pod-environment.js';
import { isReserved, reservedRoleNames, type Role } from './model.js';

export type TeamRelation = keyof PostgresTeamSpec;
type TeamRelationOfTeams = Exclude<TeamRelation, 'additionalMembers'>;

/** Every PostgresTeam object merged into one map per relation, lists of a team united (Zalando keeps one such cache). */
export type PostgresTeamMap = Record<TeamRelation, Map<string, string[]>>;

const RELATIONS: TeamRelation[] = ['additionalSuperuserTeams', 'additionalTeams', 'additionalMembers'];

export function postgresTeamMap(specs: Array<PostgresTeamSpec | undefined>): PostgresTeamMap {
  const merged = Object.fromEntries(RELATIONS.map((relation) => [relation, new Map<string, Set<string>>()])) as Record<TeamRelation, Map<string, Set<string>>>;
  for (const spec of specs) {
    for (const relation of RELATIONS) {
      for (const [team, items] of Object.entries(spec?.[relation] ?? {})) {
        const set = merged[relation].get(team) ?? new Set<string>();
        for (const item of items ?? []) set.add(item);
        merged[relation].set(team, set);
      }
    }
  }
  // Sorted: the objects' order (and Zalando's map order) must not change the setup state.
  const sortedLists = (map: Map<string, Set<string>>) => new Map([...map].map(([team, set]) => [team, [...set].sort()]));
  return Object.fromEntries(RELATIONS.map((relation) => [relation, sortedLists(merged[relation])])) as PostgresTeamMap;
}

/**
 * The customize rule for the PostgresTeam objects: Zalando reads them in every namespace, which only a v2
 * hook may ask for; a v1 hook (Metacontroller refuses other namespaces there) sees the parent's namespace only.
 */
export function postgresTeamsRule(config: OperatorConfig, namespace: string, version: HookVersion): RelatedResourceRule[] {
  if (!config.enable_postgres_team_crd) return [];
  return [{ apiVersion: `${API_GROUP}/v1`, resource: 'postgresteams', ...(version === 'v2' ? {} : { namespace }), labelSelector: {} }];
}

/** The PostgresTeam objects the customize hook asked for (none unless `enable_postgres_team_crd`). */
export function observedTeamMap(observed: Observed): PostgresTeamMap {
  return postgresTeamMap(observed.relatedOfKind<{ spec?: PostgresTeamSpec }>(RelatedKind.PostgresTeam).map((team) => team.spec));
}

/**
 * The teams reachable from `team` through `relation`, resolved transitively as Zalando does: the directly
 * listed teams first, then every team listed by one of them, and so on, each once. The team itself is in
 * the answer only when it lists itself; cycles end where a team was seen before.
 */
export function additionalTeams(map: PostgresTeamMap, team: string, relation: TeamRelationOfTeams): string[] {
  const direct = map[relation].get(team) ?? [];
  const found = [...direct];
  const seen = new Set([team, ...direct]);
  const queue = direct.filter((t) => t !== team);
  for (let next = queue.shift(); next !== undefined; next = queue.shift()) {
    for (const reached of map[relation].get(next) ?? []) {
      if (seen.has(reached)) continue;
      seen.add(reached);
      found.push(reached);
      queue.push(reached);
    }
  }
  return found;
}

export interface HumanTeam { name: string; superuser: boolean; members: string[] }

/**
 * Zalando's order of teams: superuser teams (the PostgresTeam ones, with
 * `enable_postgres_team_crd_superusers`, then `postgres_superuser_teams`), additional teams that are not
 * superuser teams, and the cluster's own team unless it is a superuser team (its members are superusers
 * with `enable_team_superuser`). Each team's members are its PostgresTeam `additionalMembers`.
 */
export function teamsOfCluster(cluster: Cluster, config: OperatorConfig, map: PostgresTeamMap): HumanTeam[] {
  const own = cluster.spec.teamId;
  if (!own) return [];
  const crd = config.enable_postgres_team_crd;
  const superuserTeams = crd && config.enable_postgres_team_crd_superusers ? additionalTeams(map, own, 'additionalSuperuserTeams') : [];
  for (const team of config.postgres_superuser_teams) if (!superuserTeams.includes(team)) superuserTeams.push(team);
  const others = [...(crd ? additionalTeams(map, own, 'additionalTeams') : []), own].filter((team) => !superuserTeams.includes(team));
  const members = (team: string) => (crd ? map.additionalMembers.get(team) ?? [] : []);
  return [
    ...superuserTeams.map((name) => ({ name, superuser: true, members: members(name) })),
    ...[...new Set(others)].map((name) => ({ name, superuser: name === own && config.enable_team_superuser, members: members(name) })),
  ];
}

const MAX_ROLE_NAME_BYTES = 63;

/** Whether human roles are managed at all: only when one of their two sources is switched on. */
export function humansEnabled(config: OperatorConfig): boolean {
  return config.enable_teams_api || config.enable_postgres_team_crd;
}

/**
 * The Secret the setup Job reads the Teams API token from. A Job's environment can only name Secrets of its
 * own namespace, so the name of `oauth_token_secret_name` is looked up in the cluster's namespace.
 */
export function tokenSecretName(config: OperatorConfig): string {
  return resolveName(config.oauth_token_secret_name, '').name;
}

/** Keys of the token Secret, as Zalando reads them. */
export const TOKEN_KEYS = { token: 'read-only-token-secret', type: 'read-only-token-type' } as const;

function teamsApiWarnings(cluster: Cluster, config: OperatorConfig): string[] {
  if (!config.enable_teams_api) return [];
  const warnings: string[] = [];
  const { namespace, name } = resolveName(config.oauth_token_secret_name, cluster.namespace);
  if (namespace !== cluster.namespace) {
    warnings.push(`oauth_token_secret_name: the setup Job reads the Teams API token from Secret ${name} in namespace ${cluster.namespace}, not ${namespace} (a Job reads Secrets of its own namespace only)`);
  }
  if (parseDuration(config.repair_interval) <= 0) {
    warnings.push('repair_interval is 0s: members the Teams API adds or removes reach the database only when the setup state changes');
  }
  return warnings;
}

/**
 * The human part of the setup state, or undefined when neither the Teams API nor PostgresTeam is on (then
 * no human role is created, changed or deprecated). Known members that cannot be a human role (a system
 * or protected name, a name another role of the cluster has, a name PostgreSQL would cut) are left out
 * with a warning; the Job applies the same rules to the members the Teams API names.
 */
export function humanSetup(cluster: Cluster, config: OperatorConfig, map: PostgresTeamMap, roles: Role[]): { humans?: SetupHumans; warnings: string[] } {
  if (!humansEnabled(config)) return { warnings: [] };
  const warnings = teamsApiWarnings(cluster, config);
  const others = new Map(roles.map((r) => [r.name, r.origin]));
  const usable = (team: string) => (member: string) => {
    const reason = member === '' || Buffer.byteLength(member) > MAX_ROLE_NAME_BYTES
      ? 'it is not a role name PostgreSQL keeps as written'
      : isReserved(member, config) ? 'it is a system or protected role name'
        : others.has(member) ? `the cluster has a ${others.get(member)} role of that name` : undefined;
    if (reason) warnings.push(`member ${JSON.stringify(member)} of team ${team} gets no human role: ${reason}`);
    return reason === undefined;
  };
  const teams = teamsOfCluster(cluster, config, map)
    .map((team) => ({ ...team, members: team.members.filter(usable(team.name)) }))
    .filter((team) => config.enable_teams_api || team.members.length > 0);
  const humans: SetupHumans = {
    teams,
    groups: config.pam_role_name ? [config.pam_role_name] : [],
    ...(config.team_admin_role ? { adminGroup: config.team_admin_role } : {}),
    parameters: config.team_api_role_configuration,
    reserved: reservedRoleNames(config),
    ...(config.enable_teams_api ? { teamsApiUrl: config.teams_api_url } : {}),
    ...(config.enable_team_member_deprecation ? { deprecationSuffix: config.role_deletion_suffix } : {}),
  };
  return { humans, warnings };
}
