/* IMPORTANT
 * This snapshot file is auto-generated, but designed for humans.
 * It should be checked into source control and tracked carefully.
 * Re-generate by setting TAP_SNAPSHOT=1 and running tests.
 * Make sure to inspect the output below.  Do not ignore changes!
 */
'use strict'
exports[`hooks/children/setup-job.test.ts > TAP > a ready pod brings the Job; it names passwords by Secret, never by value > the setup Job 1`] = `
Object {
  "apiVersion": "batch/v1",
  "kind": "Job",
  "metadata": Object {
    "labels": Object {
      "application": "db-setup",
      "cluster-name": "acid-minimal-cluster",
      "team": "acid",
    },
    "name": "acid-minimal-cluster-setup-9fa248f1f1",
    "namespace": "default",
  },
  "spec": Object {
    "activeDeadlineSeconds": 900,
    "backoffLimit": 6,
    "template": Object {
      "metadata": Object {
        "labels": Object {
          "application": "db-setup",
          "cluster-name": "acid-minimal-cluster",
          "team": "acid",
        },
      },
      "spec": Object {
        "automountServiceAccountToken": false,
        "containers": Array [
          Object {
            "command": Array [
              "node",
              "dist/setup/cli.js",
              "--state",
              "/etc/postgres-setup/state.json",
              "--termination-log",
              "/dev/termination-log",
            ],
            "env": Array [
              Object {
                "name": "PGHOST",
                "value": "acid-minimal-cluster.default.svc.cluster.local",
              },
              Object {
                "name": "PGPORT",
                "value": "5432",
              },
              Object {
                "name": "PGDATABASE",
                "value": "postgres",
              },
              Object {
                "name": "PGUSER",
                "valueFrom": Object {
                  "secretKeyRef": Object {
                    "key": "username",
                    "name": "postgres.acid-minimal-cluster.credentials.postgresql.acid.zalan.do",
                  },
                },
              },
              Object {
                "name": "PGPASSWORD",
                "valueFrom": Object {
                  "secretKeyRef": Object {
                    "key": "password",
                    "name": "postgres.acid-minimal-cluster.credentials.postgresql.acid.zalan.do",
                  },
                },
              },
              Object {
                "name": "PGSSLMODE",
                "value": "require",
              },
              Object {
                "name": "PGCONNECT_TIMEOUT",
                "value": "15",
              },
              Object {
                "name": "PGMC_PASSWORD_0",
                "valueFrom": Object {
                  "secretKeyRef": Object {
                    "key": "password",
                    "name": "foo-user.acid-minimal-cluster.credentials.postgresql.acid.zalan.do",
                  },
                },
              },
              Object {
                "name": "PGMC_PASSWORD_1",
                "valueFrom": Object {
                  "secretKeyRef": Object {
                    "key": "password",
                    "name": "zalando.acid-minimal-cluster.credentials.postgresql.acid.zalan.do",
                  },
                },
              },
            ],
            "image": "ghcr.io/postgres-metacontroller/postgres-metacontroller:0.1.0",
            "imagePullPolicy": "IfNotPresent",
            "name": "setup",
            "resources": Object {
              "limits": Object {
                "memory": "256Mi",
              },
              "requests": Object {
                "cpu": "10m",
                "memory": "64Mi",
              },
            },
            "securityContext": Object {
              "allowPrivilegeEscalation": false,
              "capabilities": Object {
                "drop": Array [
                  "ALL",
                ],
              },
              "readOnlyRootFilesystem": true,
            },
            "terminationMessagePath": "/dev/termination-log",
            "terminationMessagePolicy": "FallbackToLogsOnError",
            "volumeMounts": Array [
              Object {
                "mountPath": "/etc/postgres-setup",
                "name": "state",
                "readOnly": true,
              },
            ],
          },
        ],
        "restartPolicy": "Never",
        "securityContext": Object {
          "runAsGroup": 10001,
          "runAsNonRoot": true,
          "runAsUser": 10001,
          "seccompProfile": Object {
            "type": "RuntimeDefault",
          },
        },
        "volumes": Array [
          Object {
            "configMap": Object {
              "name": "acid-minimal-cluster-setup-9fa248f1f1",
            },
            "name": "state",
          },
        ],
      },
    },
  },
}
`
