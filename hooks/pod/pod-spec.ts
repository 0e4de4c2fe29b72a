// Pod-level settings the database pods share with the logical backup pods (zalando-objects.md §2.3, §6).
import type { IContainerPort } from 'kubernetes-models/v1/ContainerPort';
import type { OperatorConfig } from '../../schemas/config.js';
import type { Cluster } from '../cluster.js';
import { parseDuration } from '../duration.js';
import { compact } from '../maps.js';
import { spilo } from '../names.js';

/** Zalando's generic container ports: Patroni, PostgreSQL, and 8080. */
export const SPILO_CONTAINER_PORTS: IContainerPort[] = [spilo.patroniPort, spilo.postgresPort, 8080].map((containerPort) => ({ containerPort, protocol: 'TCP' as const }));

export function spiloSecurityContext(cluster: Cluster, config: OperatorConfig) {
  const context = compact({
    runAsUser: cluster.spec.spiloRunAsUser ?? config.spilo_runasuser,
    runAsGroup: cluster.spec.spiloRunAsGroup ?? config.spilo_runasgroup,
    fsGroup: cluster.spec.spiloFSGroup ?? config.spilo_fsgroup,
  });
  return Object.keys(context).length > 0 ? context : undefined;
}

export function terminationGracePeriodSeconds(config: OperatorConfig): number {
  return parseDuration(config.pod_terminate_grace_period) || 300;
}
