/* IMPORTANT
 * This snapshot file is auto-generated, but designed for humans.
 * It should be checked into source control and tracked carefully.
 * Re-generate by setting TAP_SNAPSHOT=1 and running tests.
 * Make sure to inspect the output below.  Do not ignore changes!
 */
'use strict'
exports[`hooks/children/logical-backup.test.ts > TAP > s3, gcs and az each get their variables after the common ones, in Zalando's order > backup environment per provider 1`] = `
Object {
  "az": Array [
    Array [
      "SCOPE",
      "acid-backed-up",
    ],
    Array [
      "CLUSTER_NAME_LABEL",
      "cluster-name",
    ],
    Array [
      "POD_NAMESPACE",
      Object {
        "fieldRef": Object {
          "apiVersion": "v1",
          "fieldPath": "metadata.namespace",
        },
      },
    ],
    Array [
      "PG_VERSION",
      "17",
    ],
    Array [
      "PGPORT",
      "5432",
    ],
    Array [
      "PGUSER",
      "postgres",
    ],
    Array [
      "PGDATABASE",
      "postgres",
    ],
    Array [
      "PGSSLMODE",
      "require",
    ],
    Array [
      "PGPASSWORD",
      Object {
        "secretKeyRef": Object {
          "key": "password",
          "name": "postgres.acid-backed-up.credentials.postgresql.acid.zalan.do",
        },
      },
    ],
    Array [
      "LOGICAL_BACKUP_PROVIDER",
      "az",
    ],
    Array [
      "LOGICAL_BACKUP_S3_BUCKET",
      "my-bucket-url",
    ],
    Array [
      "LOGICAL_BACKUP_S3_BUCKET_PREFIX",
      "spilo",
    ],
    Array [
      "LOGICAL_BACKUP_S3_BUCKET_SCOPE_SUFFIX",
      "/d837e448-69c9-4d94-a9b8-25498f31f373",
    ],
    Array [
      "LOGICAL_BACKUP_AZURE_STORAGE_ACCOUNT_NAME",
      "acct",
    ],
    Array [
      "LOGICAL_BACKUP_AZURE_STORAGE_CONTAINER",
      "dumps",
    ],
  ],
  "gcs": Array [
    Array [
      "SCOPE",
      "acid-backed-up",
    ],
    Array [
      "CLUSTER_NAME_LABEL",
      "cluster-name",
    ],
    Array [
      "POD_NAMESPACE",
      Object {
        "fieldRef": Object {
          "apiVersion": "v1",
          "fieldPath": "metadata.namespace",
        },
      },
    ],
    Array [
      "PG_VERSION",
      "17",
    ],
    Array [
      "PGPORT",
      "5432",
    ],
    Array [
      "PGUSER",
      "postgres",
    ],
    Array [
      "PGDATABASE",
      "postgres",
    ],
    Array [
      "PGSSLMODE",
      "require",
    ],
    Array [
      "PGPASSWORD",
      Object {
        "secretKeyRef": Object {
          "key": "password",
          "name": "postgres.acid-backed-up.credentials.postgresql.acid.zalan.do",
        },
      },
    ],
    Array [
      "LOGICAL_BACKUP_PROVIDER",
      "gcs",
    ],
    Array [
      "LOGICAL_BACKUP_S3_BUCKET",
      "my-bucket-url",
    ],
    Array [
      "LOGICAL_BACKUP_S3_BUCKET_PREFIX",
      "spilo",
    ],
    Array [
      "LOGICAL_BACKUP_S3_BUCKET_SCOPE_SUFFIX",
      "/d837e448-69c9-4d94-a9b8-25498f31f373",
    ],
    Array [
      "LOGICAL_BACKUP_GOOGLE_APPLICATION_CREDENTIALS",
      "/creds/key.json",
    ],
  ],
  "s3": Array [
    Object {
      "name": "SCOPE",
      "value": "acid-backed-up",
    },
    Object {
      "name": "CLUSTER_NAME_LABEL",
      "value": "cluster-name",
    },
    Object {
      "name": "POD_NAMESPACE",
      "valueFrom": Object {
        "fieldRef": Object {
          "apiVersion": "v1",
          "fieldPath": "metadata.namespace",
        },
      },
    },
    Object {
      "name": "PG_VERSION",
      "value": "17",
    },
    Object {
      "name": "PGPORT",
      "value": "5432",
    },
    Object {
      "name": "PGUSER",
      "value": "postgres",
    },
    Object {
      "name": "PGDATABASE",
      "value": "postgres",
    },
    Object {
      "name": "PGSSLMODE",
      "value": "require",
    },
    Object {
      "name": "PGPASSWORD",
      "valueFrom": Object {
        "secretKeyRef": Object {
          "key": "password",
          "name": "postgres.acid-backed-up.credentials.postgresql.acid.zalan.do",
        },
      },
    },
    Object {
      "name": "LOGICAL_BACKUP_PROVIDER",
      "value": "s3",
    },
    Object {
      "name": "LOGICAL_BACKUP_S3_BUCKET",
      "value": "my-bucket-url",
    },
    Object {
      "name": "LOGICAL_BACKUP_S3_BUCKET_PREFIX",
      "value": "spilo",
    },
    Object {
      "name": "LOGICAL_BACKUP_S3_BUCKET_SCOPE_SUFFIX",
      "value": "/d837e448-69c9-4d94-a9b8-25498f31f373",
    },
    Object {
      "name": "LOGICAL_BACKUP_S3_REGION",
      "value": "eu-central-1",
    },
    Object {
      "name": "LOGICAL_BACKUP_S3_ENDPOINT",
      "value": "https://s3.example.com",
    },
    Object {
      "name": "LOGICAL_BACKUP_S3_SSE",
      "value": "AES256",
    },
    Object {
      "name": "LOGICAL_BACKUP_S3_RETENTION_TIME",
      "value": "14 days",
    },
    Object {
      "name": "AWS_ACCESS_KEY_ID",
      "value": "AKIA",
    },
    Object {
      "name": "AWS_SECRET_ACCESS_KEY",
      "value": "shh",
    },
  ],
}
`
