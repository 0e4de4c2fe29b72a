// Where a restore reads its dump from, and the command the restore Job's fetch container runs to copy it
// into the pod. The fetch container is Zalando's logical-backup image (its clients: aws, gsutil, az, curl)
// with the backup pod's environment, so an object is read with the same client, endpoint, region and
// credentials the backup image wrote it with, at the same path. As its logical-backup/dump.sh writes them
// (zalando/postgres-operator a7aaad0a, the script last changed in 0ba2147d): `<bucket>/<prefix>/<cluster><scope
// suffix>/logical_backups/<seconds since the epoch>.sql.gz` (`date +%s`; the name has no other format), as
// s3://… or gs://…, or for az that path as the blob name in the configured container; gsutil reads with the
// configured key file, else the node's default service account (`GoogleCompute:service_account=default`).
import type { OperatorConfig } from '../../schemas/config.js';
import type { Cluster } from '../cluster.js';
import { scopeSuffix } from '../pod/logical-backup-pod.js';

export type RestoreSource =
  | { kind: 's3' | 'gcs' | 'url'; url: string }
  | { kind: 'az'; container: string; blob: string };

/** A file name as the backup image names its dumps (`<seconds since the epoch>.sql.gz`), found in this cluster's folder. */
const BACKUP_FILE = /^[0-9]+\.sql\.gz$/;
const OBJECT_URL = /^(s3|gs|az):\/\/([^/\s]+)\/(\S+)$/;
const HTTP_URL = /^https?:\/\/\S+$/;

/** The path (below the bucket, or the blob name with it) of one of this cluster's dumps, as dump.sh builds it. */
export function backupObjectPath(cluster: Cluster, config: OperatorConfig, file: string): string {
  return `${config.logical_backup_s3_bucket}/${config.logical_backup_s3_bucket_prefix}/${cluster.name}${scopeSuffix(cluster)}/logical_backups/${file}`;
}

/** The source a request names, or why it names none. */
export function restoreSource(text: string, cluster: Cluster, config: OperatorConfig): RestoreSource | { invalid: string } {
  if (BACKUP_FILE.test(text)) {
    const path = backupObjectPath(cluster, config, text);
    switch (config.logical_backup_provider) {
      case 's3': return { kind: 's3', url: `s3://${path}` };
      case 'gcs': return { kind: 'gcs', url: `gs://${path}` };
      case 'az': return { kind: 'az', container: config.logical_backup_azure_storage_container, blob: path };
    }
  }
  const object = OBJECT_URL.exec(text);
  if (object) {
    const [, scheme, first, rest] = object;
    if (scheme === 'az') return { kind: 'az', container: first!, blob: rest! };
    return { kind: scheme === 's3' ? 's3' : 'gcs', url: text };
  }
  if (HTTP_URL.test(text)) return { kind: 'url', url: text };
  return { invalid: 'is not a backup file name (<seconds since the epoch>.sql.gz, as the backup image names them), an s3://, gs:// or az://<container>/ path, or an http(s) URL' };
}

/** Kubernetes expands `$(NAME)` in a container's command from its environment; `$$` keeps a literal `$`. */
function literalArg(text: string): string {
  return text.replaceAll('$', () => '$$');
}

/** The fetch container's command: the source copied to `destination` by the client dump.sh uploads it with. */
export function fetchCommand(source: RestoreSource, config: OperatorConfig, destination: string, gcsCredentials: boolean): string[] {
  switch (source.kind) {
    case 's3':
      return ['aws', 's3', 'cp', literalArg(source.url), destination,
        ...(config.logical_backup_s3_endpoint ? [`--endpoint-url=${literalArg(config.logical_backup_s3_endpoint)}`] : []),
        ...(config.logical_backup_s3_region ? [`--region=${literalArg(config.logical_backup_s3_region)}`] : [])];
    case 'gcs':
      return ['gsutil', '-o', gcsCredentials ? 'Credentials:gs_service_key_file=$(LOGICAL_BACKUP_GOOGLE_APPLICATION_CREDENTIALS)' : 'GoogleCompute:service_account=default',
        'cp', literalArg(source.url), destination];
    case 'az':
      return ['az', 'storage', 'blob', 'download', '--file', destination,
        '--account-name', '$(LOGICAL_BACKUP_AZURE_STORAGE_ACCOUNT_NAME)', '--account-key', '$(LOGICAL_BACKUP_AZURE_STORAGE_ACCOUNT_KEY)',
        '-c', literalArg(source.container), '-n', literalArg(source.blob)];
    case 'url':
      return ['curl', '--fail', '--silent', '--show-error', '--location', '--retry', '3', '--output', destination, literalArg(source.url)];
  }
}
