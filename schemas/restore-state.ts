// What the sync hook hands to the restore Job (as a ConfigMap): which database of the dump goes into which
// database of the cluster, and whether a non-empty target may be replaced. The dump itself is a file the
// Job's fetch container wrote (hooks/backup/fetch.ts) or, run by hand, any local file.
import Type, { type Static } from 'typebox';

/** A database name the restore accepts: no template database, nothing a shell or a conninfo string reads specially. */
export const RESTORE_DATABASE_PATTERN = '^(?!template[01]$)[A-Za-z_][A-Za-z0-9_-]{0,62}$';
const Database = Type.String({ pattern: RESTORE_DATABASE_PATTERN });

export const RestoreState = Type.Object({
  cluster: Type.String(),
  namespace: Type.String(),
  requestId: Type.String(),
  /** The postgresql object's uid: the restore Job records its Events on it. Without it (run by hand) none are recorded. */
  parentUid: Type.Optional(Type.String({ minLength: 1 })),
  /** Where the fetch container wrote the dump, or the local file it was given (a gzipped pg_dumpall script). */
  dumpPath: Type.String({ minLength: 1 }),
  /** The database of the dump to restore. */
  fromDatabase: Database,
  /** The database of the cluster it goes into; created when missing. */
  database: Database,
  /** The owner the restored database gets (the manifest's `databases` entry); else a replaced target's owner, or the connecting superuser. */
  owner: Type.Optional(Type.String({ minLength: 1, maxLength: 63 })),
  /** A non-empty target is replaced (by the database restored beside it) only when this is true. */
  overwrite: Type.Boolean(),
});
export type RestoreState = Static<typeof RestoreState>;
