// The postgres_exporter sidecar (`enable_postgres_exporter`). It logs in over the pod's loopback, where
// Spilo's pg_hba asks for a password without TLS (`host all all 127.0.0.1/32 md5`), as the monitoring
// role (a pg_monitor member the setup Job creates), never as the superuser the other sidecars get.
import type { IContainer } from 'kubernetes-models/v1/Container';
import type { OperatorConfig } from '../../schemas/config.js';
import type { Cluster } from '../cluster.js';
import { compact } from '../maps.js';
import { names, spilo } from '../names.js';
import { resourceRequirements } from '../resources.js';
import { monitoringUserName } from '../roles/model.js';
import { fromSecret, literal } from './env-list.js';

export const EXPORTER_CONTAINER = 'postgres-exporter';
/**
 * The port's name, which the PodMonitor selects: `exporter` says what answers there, and differs from the
 * `metrics` a manifest sidecar may well name its own port.
 */
export const EXPORTER_PORT = { name: 'exporter', number: 9187 } as const;

/** The exporter container, or none when the option is off. */
export function exporterContainer(cluster: Cluster, config: OperatorConfig): IContainer | undefined {
  const user = monitoringUserName(config);
  if (!user) return undefined;
  const secret = names.credentialSecret(user, cluster.name, config);
  return compact({
    name: EXPORTER_CONTAINER,
    image: config.postgres_exporter_image,
    imagePullPolicy: 'IfNotPresent' as const,
    ports: [{ name: EXPORTER_PORT.name, containerPort: EXPORTER_PORT.number, protocol: 'TCP' as const }],
    env: [
      literal('DATA_SOURCE_URI', `127.0.0.1:${spilo.postgresPort}/postgres?sslmode=disable`),
      fromSecret('DATA_SOURCE_USER', secret, 'username'),
      fromSecret('DATA_SOURCE_PASS', secret, 'password'),
    ],
    resources: resourceRequirements(
      {
        requests: { cpu: config.postgres_exporter_cpu_request, memory: config.postgres_exporter_memory_request },
        limits: { cpu: config.postgres_exporter_cpu_limit, memory: config.postgres_exporter_memory_limit },
      },
      // An empty option means no value for that resource, not the postgres container's default.
      {}, config, { enforceBounds: false },
    ),
    securityContext: { allowPrivilegeEscalation: false, readOnlyRootFilesystem: true, capabilities: { drop: ['ALL' as const] } },
  });
}
