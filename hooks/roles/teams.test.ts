import fc from 'fast-check';
import t from 'tap';
import type { OperatorConfig } from '../../schemas/config.js';
import type { PostgresSpec } from '../../schemas/postgresql.js';
import type { PostgresTeamSpec } from '../../schemas/postgresteam.js';
import type { Cluster } from '../cluster.js';
import { defaultConfig } from '../config.js';
import { roleModel } from './model.js';
import { additionalTeams, humanSetup, postgresTeamMap, teamsOfCluster } from './teams.js';

const SEED = 20261115;

function cluster(spec: Partial<PostgresSpec> = {}): Cluster {
  return {
    name: 'acid-test', namespace: 'default', uid: 'u', generation: 1, labels: {}, annotations: {}, status: undefined,
    spec: { teamId: 'a-team', numberOfInstances: 1, postgresql: { version: '18' }, volume: { size: '1Gi' }, ...spec } as PostgresSpec,
  };
}

const config = (options: Partial<OperatorConfig> = {}): OperatorConfig => ({ ...defaultConfig(), enable_postgres_team_crd: true, ...options });
const teams = (spec: PostgresTeamSpec, options: Partial<OperatorConfig> = {}) =>
  teamsOfCluster(cluster(), config(options), postgresTeamMap([spec])).map((team) => `${team.name}${team.superuser ? '!' : ''}:${team.members.join(',')}`);

t.test('PostgresTeam objects merge into one map: lists of a team united, without duplicates, in a fixed order', async (t) => {
  const map = postgresTeamMap([
    { additionalTeams: { 'a-team': ['c-team', 'b-team'] }, additionalMembers: { 'a-team': ['tia'] } },
    undefined,
    { additionalTeams: { 'a-team': ['b-team', 'd-team'], 'b-team': [] }, additionalMembers: { 'a-team': ['bob', 'tia'] } },
  ]);
  t.same(map.additionalTeams.get('a-team'), ['b-team', 'c-team', 'd-team']);
  t.same(map.additionalTeams.get('b-team'), []);
  t.same(map.additionalMembers.get('a-team'), ['bob', 'tia']);
  t.same(map.additionalSuperuserTeams.size, 0);
});

t.test('additional teams resolve transitively, each once, through cycles (the user guide examples)', async (t) => {
  const resolve = (spec: PostgresTeamSpec, team = 'a-team') => additionalTeams(postgresTeamMap([spec]), team, 'additionalTeams');
  t.same(resolve({ additionalTeams: { 'a-team': ['b-team'] } }), ['b-team']);
  t.same(resolve({ additionalTeams: { 'a-team': ['b-team'], 'b-team': ['a-team'] } }), ['b-team'], 'the cluster team is not its own additional team');
  t.same(resolve({ additionalTeams: { 'a-team': ['b-team', 'c-team'], 'b-team': ['a-team'] } }, 'b-team'), ['a-team', 'c-team'], 'c-team reaches b-team clusters through a-team');
  const virtual = { additionalTeams: { 'a-team': ['virtual-team'], 'b-team': ['virtual-team'], 'virtual-team': ['c-team', 'd-team'] } };
  t.same(resolve(virtual), ['virtual-team', 'c-team', 'd-team']);
  t.same(resolve(virtual, 'b-team'), ['virtual-team', 'c-team', 'd-team']);
  t.same(resolve({ additionalTeams: { 'a-team': ['a-team', 'b-team'] } }), ['a-team', 'b-team'], 'a team listing itself is in its own list, as in Zalando');
  t.same(resolve({ additionalTeams: { x: ['y'] } }), [], 'a team without mapping has no additional teams');
  t.same(resolve({ additionalTeams: { 'a-team': ['b'], b: ['c'], c: ['d'], d: ['b', 'e'] } }), ['b', 'c', 'd', 'e'], 'long chains with a cycle in the middle');
});

t.test('property: the answer is the direct list plus every team reachable from it, each once, whatever the objects', async (t) => {
  const team = fc.constantFrom('a', 'b', 'c', 'd', 'e', 'f', 'g');
  const graph = fc.dictionary(team, fc.array(team, { maxLength: 5 }), { maxKeys: 7 });
  fc.assert(fc.property(graph, fc.integer({ min: 1, max: 3 }), team, (edges, parts, root) => {
    // The same mapping split over several PostgresTeam objects.
    const specs: PostgresTeamSpec[] = Array.from({ length: parts }, () => ({ additionalTeams: {} }));
    Object.entries(edges).forEach(([from, to], i) => { specs[i % parts]!.additionalTeams![from] = to; });
    const map = postgresTeamMap(specs);
    const found = additionalTeams(map, root, 'additionalTeams');
    const direct = [...new Set(edges[root] ?? [])].sort();
    const reachable = new Set<string>();
    const stack = [...direct];
    while (stack.length > 0) {
      const next = stack.pop()!;
      if (reachable.has(next)) continue;
      reachable.add(next);
      stack.push(...(edges[next] ?? []));
    }
    const expected = new Set([...direct, ...[...reachable].filter((t) => t !== root)]);
    return new Set(found).size === found.length
      && found.length === expected.size && found.every((t) => expected.has(t))
      && JSON.stringify(found.slice(0, direct.length)) === JSON.stringify(direct)
      && JSON.stringify(additionalTeams(postgresTeamMap([...specs].reverse()), root, 'additionalTeams')) === JSON.stringify(found);
  }), { seed: SEED, numRuns: 2000 });
  t.pass('checked');
});

t.test('teams of a cluster follow Zalando: superuser teams, additional teams, then the own team', async (t) => {
  const spec: PostgresTeamSpec = {
    additionalSuperuserTeams: { 'a-team': ['su-team'], 'su-team': ['su-2'] },
    additionalTeams: { 'a-team': ['b-team', 'su-team'], 'b-team': ['virtual'] },
    additionalMembers: { 'a-team': ['tia'], virtual: ['flynch'], 'su-2': ['root'], 'b-team': ['bob'] },
  };
  t.same(teams(spec), ['b-team:bob', 'su-team:', 'virtual:flynch', 'a-team:tia'], 'additional superuser teams are ignored without enable_postgres_team_crd_superusers');
  t.same(teams(spec, { enable_postgres_team_crd_superusers: true }), ['su-team!:', 'su-2!:root', 'b-team:bob', 'virtual:flynch', 'a-team:tia'],
    'transitive superuser teams; a superuser team is not also an ordinary one');
  t.same(teams(spec, { postgres_superuser_teams: ['ops', 'b-team'] }), ['ops!:', 'b-team!:bob', 'su-team:', 'virtual:flynch', 'a-team:tia'], 'postgres_superuser_teams');
  t.same(teams(spec, { enable_team_superuser: true }).at(-1), 'a-team!:tia', 'enable_team_superuser makes the own team superusers');
  t.same(teams(spec, { postgres_superuser_teams: ['a-team'] }), ['a-team!:tia', 'b-team:bob', 'su-team:', 'virtual:flynch'], 'an own team that is a superuser team is listed once, as superusers');
  t.same(teams(spec, { enable_postgres_team_crd: false, postgres_superuser_teams: ['ops'] }), ['ops!:', 'a-team:'], 'without the CRD: no additional teams and no additional members');
  t.same(teamsOfCluster(cluster({ teamId: '' }), config(), postgresTeamMap([spec])), [], 'no team, no human roles');
});

t.test('the human part of the state: off unless a source is on; unusable members left out with a warning', async (t) => {
  const off = humanSetup(cluster(), defaultConfig(), postgresTeamMap([]), []);
  t.same(off, { warnings: [] }, 'neither the Teams API nor PostgresTeam: no human section at all');

  const c = cluster({ users: { bob: [] } });
  const options = config({ protected_role_names: ['admin', 'cron_admin', 'auditor'] });
  const map = postgresTeamMap([{ additionalMembers: { 'a-team': ['tia', 'bob', 'postgres', 'auditor', 'x'.repeat(64), ''], 'b-team': ['someone'] } }]);
  const { humans, warnings } = humanSetup(c, options, map, roleModel(c, options).roles);
  t.same(humans, {
    teams: [{ name: 'a-team', superuser: false, members: ['tia'] }],
    groups: ['zalandos'], adminGroup: 'admin', parameters: { log_statement: 'all' },
    reserved: ['admin', 'auditor', 'cron_admin', 'postgres', 'standby'],
  }, 'teams without known members are left out while the Teams API is off');
  t.same(warnings, [
    'member "" of team a-team gets no human role: it is not a role name PostgreSQL keeps as written',
    'member "auditor" of team a-team gets no human role: it is a system or protected role name',
    'member "bob" of team a-team gets no human role: the cluster has a manifest role of that name',
    'member "postgres" of team a-team gets no human role: it is a system or protected role name',
    `member "${'x'.repeat(64)}" of team a-team gets no human role: it is not a role name PostgreSQL keeps as written`,
  ]);

  const api = humanSetup(cluster(), config({ enable_postgres_team_crd: false, enable_teams_api: true, enable_team_member_deprecation: true, pam_role_name: '', team_admin_role: '' }), map, []).humans;
  t.same(api, {
    teams: [{ name: 'a-team', superuser: false, members: [] }], groups: [], parameters: { log_statement: 'all' },
    reserved: ['admin', 'cron_admin', 'postgres', 'standby'], teamsApiUrl: 'https://teams.example.com/api/', deprecationSuffix: '_deleted',
  }, 'with the Teams API every team is listed to be fetched; empty group options add no group');
});
