// The PostgresTeam custom resource (acid.zalan.do/v1), as Zalando defines it. Installed so existing
// manifests keep applying; the hooks do not read it yet (see README, "Differences from Zalando").
import Type, { type Static } from 'typebox';

const TeamMap = () => Type.Record(Type.String(), Type.Array(Type.String()));

export const PostgresTeamSpec = Type.Object({
  additionalSuperuserTeams: Type.Optional(TeamMap()),
  additionalTeams: Type.Optional(TeamMap()),
  additionalMembers: Type.Optional(TeamMap()),
});
export type PostgresTeamSpec = Static<typeof PostgresTeamSpec>;
