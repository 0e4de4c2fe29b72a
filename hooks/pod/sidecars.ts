// Containers that run beside postgres: manifest sidecars, global sidecars from configuration, the
// deprecated name→image map and the Scalyr log shipper, first name wins (zalando-objects.md §2.11).
import type { IContainer } from 'kubernetes-models/v1/Container';
import type { IVolumeMount } from 'kubernetes-models/v1/VolumeMount';
import type { OperatorConfig } from '../../schemas/config.js';
import type { Cluster } from '../cluster.js';
import { compact, nonEmptyList, sorted } from '../maps.js';
import { postgresDefaults, resourceRequirements } from '../resources.js';
import { EnvList, fromField, fromSecret, literal } from './env-list.js';
import { superuserSecret } from './spilo-env.js';

function manifestSidecars(cluster: Cluster, config: OperatorConfig): IContainer[] {
  return (cluster.spec.sidecars ?? []).map((sidecar, index) =>
    compact({
      name: sidecar.name || `sidecar-${index}`,
      image: sidecar.image,
      imagePullPolicy: 'IfNotPresent' as const,
      command: nonEmptyList(sidecar.command),
      ports: nonEmptyList(sidecar.ports),
      env: nonEmptyList(sidecar.env),
      resources: resourceRequirements(sidecar.resources, postgresDefaults(config), config, { enforceBounds: false }),
    }),
  );
}

function imageSidecars(config: OperatorConfig): IContainer[] {
  return Object.entries(sorted(config.sidecar_docker_images)).map(([name, image]) =>
    compact({
      name,
      image,
      imagePullPolicy: 'IfNotPresent' as const,
      resources: resourceRequirements(undefined, postgresDefaults(config), config, { enforceBounds: false }),
    }),
  );
}

function scalyrSidecar(cluster: Cluster, config: OperatorConfig): IContainer[] {
  if (!config.scalyr_api_key || !config.scalyr_image) return [];
  const env = [literal('SCALYR_API_KEY', config.scalyr_api_key), literal('SCALYR_SERVER_HOST', cluster.name)];
  if (config.scalyr_server_url) env.push(literal('SCALYR_SERVER_URL', config.scalyr_server_url));
  const resources = resourceRequirements(
    { requests: { cpu: config.scalyr_cpu_request, memory: config.scalyr_memory_request }, limits: { cpu: config.scalyr_cpu_limit, memory: config.scalyr_memory_limit } },
    postgresDefaults(config), config, { enforceBounds: false },
  );
  return [compact({ name: 'scalyr-sidecar', image: config.scalyr_image, imagePullPolicy: 'IfNotPresent' as const, env, resources })];
}

/** Every sidecar gets the data volume and four connection variables it cannot override. */
function patch(sidecar: IContainer, config: OperatorConfig, passwordSecret: string, pgdata: IVolumeMount): IContainer {
  const env = new EnvList()
    .add(
      fromField('POD_NAME', 'metadata.name'),
      fromField('POD_NAMESPACE', 'metadata.namespace'),
      literal('POSTGRES_USER', config.super_username),
      fromSecret('POSTGRES_PASSWORD', passwordSecret, 'password'),
    )
    .addIfAbsent(...(sidecar.env ?? []))
    .toArray();
  return { ...sidecar, env, volumeMounts: [...(sidecar.volumeMounts ?? []), pgdata] };
}

export function sidecarContainers(cluster: Cluster, config: OperatorConfig, pgdata: IVolumeMount): IContainer[] {
  const seen = new Set<string>(['postgres']);
  const unique: IContainer[] = [];
  const passwordSecret = superuserSecret(cluster, config);
  for (const sidecar of [...manifestSidecars(cluster, config), ...config.sidecars, ...imageSidecars(config), ...scalyrSidecar(cluster, config)]) {
    if (seen.has(sidecar.name)) continue;
    seen.add(sidecar.name);
    unique.push(patch(sidecar, config, passwordSecret, pgdata));
  }
  return unique;
}
