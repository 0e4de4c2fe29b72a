// The PostgresTeam custom resource (acid.zalan.do/v1), as Zalando defines it: team mappings read by the
// hooks with `enable_postgres_team_crd` (hooks/roles/teams.ts, README "Human users").
import Type, { type Static } from 'typebox';

const TeamMap = () => Type.Record(Type.String(), Type.Array(Type.String()));

export const PostgresTeamSpec = Type.Object({
  additionalSuperuserTeams: Type.Optional(TeamMap()),
  additionalTeams: Type.Optional(TeamMap()),
  additionalMembers: Type.Optional(TeamMap()),
});
export type PostgresTeamSpec = Static<typeof PostgresTeamSpec>;
