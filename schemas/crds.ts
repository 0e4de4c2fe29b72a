// The CustomResourceDefinitions this project installs, built from the TypeBox schemas.
import { customResourceDefinition, type JsonSchema } from './crd.js';
import { PostgresSpec, PostgresStatus } from './postgresql.js';
import { PostgresTeamSpec } from './postgresteam.js';

export function postgresqlCrd(): JsonSchema {
  return customResourceDefinition({
    group: 'acid.zalan.do',
    version: 'v1',
    names: { kind: 'postgresql', listKind: 'postgresqlList', plural: 'postgresqls', singular: 'postgresql', shortNames: ['pg'], categories: ['all'] },
    spec: PostgresSpec,
    status: PostgresStatus,
    printerColumns: [
      { name: 'Team', type: 'string', jsonPath: '.spec.teamId', description: 'Team responsible for Postgres cluster' },
      { name: 'Version', type: 'string', jsonPath: '.spec.postgresql.version', description: 'PostgreSQL version' },
      { name: 'Pods', type: 'integer', jsonPath: '.spec.numberOfInstances', description: 'Number of Pods per Postgres cluster' },
      { name: 'Volume', type: 'string', jsonPath: '.spec.volume.size', description: 'Size of the bound volume' },
      { name: 'CPU-Request', type: 'string', jsonPath: '.spec.resources.requests.cpu', description: 'Requested CPU for Postgres containers' },
      { name: 'Memory-Request', type: 'string', jsonPath: '.spec.resources.requests.memory', description: 'Requested memory for Postgres containers' },
      { name: 'Age', type: 'date', jsonPath: '.metadata.creationTimestamp', description: 'Age of the PostgreSQL cluster' },
      { name: 'Status', type: 'string', jsonPath: '.status.PostgresClusterStatus', description: 'Current sync status of postgresql resource' },
    ],
  });
}

export function postgresTeamCrd(): JsonSchema {
  return customResourceDefinition({
    group: 'acid.zalan.do',
    version: 'v1',
    names: { kind: 'PostgresTeam', listKind: 'PostgresTeamList', plural: 'postgresteams', singular: 'postgresteam', shortNames: ['pgteam'], categories: ['all'] },
    spec: PostgresTeamSpec,
  });
}

export const CRD_FILES = { 'postgresql.yaml': postgresqlCrd, 'postgresteam.yaml': postgresTeamCrd } as const;

/** Where the generated CRD YAML is written: the kustomize base and the Helm chart. */
export const CRD_FOLDERS = ['deploy/crds', 'deploy/chart/postgres-metacontroller/files/crds'] as const;
