// Where the TLS files of `spec.tls` appear inside the containers (zalando-objects.md §2.10).
import { posix } from 'node:path';
import type { PostgresSpec } from '../../schemas/postgresql.js';

export const TLS_MOUNT_PATH = '/tls';
export const TLS_CA_MOUNT_PATH = '/tlsca';

export interface TlsPaths { certificate: string; privateKey: string; ca?: string | undefined }

function under(directory: string, file: string): string {
  return posix.isAbsolute(file) ? file : posix.join(directory, file);
}

export function tlsPaths(spec: PostgresSpec): TlsPaths | undefined {
  const tls = spec.tls;
  if (!tls || tls.secretName === '') return undefined;
  return {
    certificate: under(TLS_MOUNT_PATH, tls.certificateFile || 'tls.crt'),
    privateKey: under(TLS_MOUNT_PATH, tls.privateKeyFile || 'tls.key'),
    ca: tls.caFile ? under(tls.caSecretName ? TLS_CA_MOUNT_PATH : TLS_MOUNT_PATH, tls.caFile) : undefined,
  };
}
