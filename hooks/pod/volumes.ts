// Pod volumes and the mounts each container gets (zalando-objects.md §2.12, §2.10).
import type { IVolume } from 'kubernetes-models/v1/Volume';
import type { IVolumeMount } from 'kubernetes-models/v1/VolumeMount';
import type { OperatorConfig } from '../../schemas/config.js';
import type { PostgresSpec } from '../../schemas/postgresql.js';
import { names, spilo } from '../names.js';
import { compact } from '../maps.js';
import { TLS_CA_MOUNT_PATH, TLS_MOUNT_PATH } from './tls.js';

export const POSTGRES_CONTAINER = 'postgres';
const TLS_FILE_MODE = 0o640;

/** A volume plus where it is mounted: the postgres container only, every container, or named ones. */
export interface PodVolume {
  volume: IVolume;
  mount: IVolumeMount;
  targets: 'postgres' | 'all' | string[];
}

export function pgdataMount(spec: PostgresSpec): IVolumeMount {
  const subPath = spec.volume.subPath;
  return compact({
    name: names.pgdataVolume,
    mountPath: spilo.pgdataMountPath,
    subPath: subPath && !spec.volume.isSubPathExpr ? subPath : undefined,
    subPathExpr: subPath && spec.volume.isSubPathExpr ? subPath : undefined,
  });
}

/**
 * Zalando keeps /dev/shm whenever the operator option is on: a manifest `enableShmVolume: false`
 * only matters when the option is off. Kept so existing clusters see no change.
 */
function wantsShm(spec: PostgresSpec, config: OperatorConfig): boolean {
  return spec.enableShmVolume === true || config.enable_shm_volume;
}

/** The Secret volumes of `spec.tls`, shared by the database and pooler pods. */
export function tlsVolumes(spec: PostgresSpec): Array<{ name: string; mountPath: string; volumeSource: Omit<IVolume, 'name'>; targetContainers?: string[] }> {
  const tls = spec.tls;
  if (!tls || tls.secretName === '') return [];
  const secret = (secretName: string) => ({ secret: { secretName, defaultMode: TLS_FILE_MODE } });
  const volumes = [{ name: tls.secretName, mountPath: TLS_MOUNT_PATH, volumeSource: secret(tls.secretName) }];
  if (tls.caSecretName) volumes.push({ name: tls.caSecretName, mountPath: TLS_CA_MOUNT_PATH, volumeSource: secret(tls.caSecretName) });
  return volumes;
}

function targetsOf(targetContainers: string[] | null | undefined): PodVolume['targets'] {
  if (!targetContainers || targetContainers.length === 0) return 'postgres';
  if (targetContainers.length === 1 && targetContainers[0] === 'all') return 'all';
  return targetContainers;
}

export function podVolumes(spec: PostgresSpec, config: OperatorConfig): PodVolume[] {
  const volumes: PodVolume[] = [];
  if (wantsShm(spec, config)) {
    volumes.push({ volume: { name: 'dshm', emptyDir: { medium: 'Memory' } }, mount: { name: 'dshm', mountPath: '/dev/shm' }, targets: 'postgres' });
  }
  if (config.share_pgsocket_with_sidecars) {
    volumes.push({
      volume: { name: 'postgresql-run', emptyDir: { medium: 'Memory' } },
      mount: { name: 'postgresql-run', mountPath: '/var/run/postgresql' },
      targets: 'all',
    });
  }
  if (config.additional_secret_mount && config.additional_secret_mount_path) {
    const name = config.additional_secret_mount;
    volumes.push({ volume: { name, secret: { secretName: name } }, mount: { name, mountPath: config.additional_secret_mount_path }, targets: 'all' });
  }
  // A later volume at a mount path already taken, or at the data directory, is left out entirely.
  const taken = new Set<string>([spilo.pgdataMountPath]);
  for (const extra of [...(spec.additionalVolumes ?? []), ...tlsVolumes(spec)]) {
    if (taken.has(extra.mountPath)) continue;
    taken.add(extra.mountPath);
    const subPath = 'subPath' in extra ? extra.subPath : undefined;
    const isExpr = 'isSubPathExpr' in extra ? extra.isSubPathExpr : undefined;
    volumes.push({
      volume: { name: extra.name, ...extra.volumeSource },
      mount: compact({
        name: extra.name,
        mountPath: extra.mountPath,
        subPath: subPath && !isExpr ? subPath : undefined,
        subPathExpr: subPath && isExpr ? subPath : undefined,
      }),
      targets: targetsOf(extra.targetContainers),
    });
  }
  return volumes;
}

export function mountsFor(container: string, volumes: PodVolume[]): IVolumeMount[] {
  return volumes
    .filter((v) => v.targets === 'all' || (v.targets === 'postgres' ? container === POSTGRES_CONTAINER : v.targets.includes(container)))
    .map((v) => v.mount);
}
