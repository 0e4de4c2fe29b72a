/* IMPORTANT
 * This snapshot file is auto-generated, but designed for humans.
 * It should be checked into source control and tracked carefully.
 * Re-generate by setting TAP_SNAPSHOT=1 and running tests.
 * Make sure to inspect the output below.  Do not ignore changes!
 */
'use strict'
exports[`test/fixtures.test.ts > TAP > clone-basebackup > sync response 1`] = `
Object {
  "children": Array [
    Object {
      "apiVersion": "apps/v1",
      "kind": "StatefulSet",
      "metadata": Object {
        "labels": Object {
          "application": "spilo",
          "cluster-name": "acid-clone-live",
          "team": "acid",
        },
        "name": "acid-clone-live",
        "namespace": "default",
      },
      "spec": Object {
        "persistentVolumeClaimRetentionPolicy": Object {
          "whenDeleted": "Retain",
          "whenScaled": "Retain",
        },
        "podManagementPolicy": "OrderedReady",
        "replicas": 1,
        "selector": Object {
          "matchLabels": Object {
            "application": "spilo",
            "cluster-name": "acid-clone-live",
          },
        },
        "serviceName": "acid-clone-live",
        "template": Object {
          "metadata": Object {
            "annotations": Object {
              "postgres-metacontroller.io/pod-template-hash": "9f3378286b245707",
            },
            "labels": Object {
              "application": "spilo",
              "cluster-name": "acid-clone-live",
              "team": "acid",
            },
          },
          "spec": Object {
            "containers": Array [
              Object {
                "env": Array [
                  Object {
                    "name": "SCOPE",
                    "value": "acid-clone-live",
                  },
                  Object {
                    "name": "PGROOT",
                    "value": "/home/postgres/pgdata/pgroot",
                  },
                  Object {
                    "name": "POD_IP",
                    "valueFrom": Object {
                      "fieldRef": Object {
                        "apiVersion": "v1",
                        "fieldPath": "status.podIP",
                      },
                    },
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
                    "name": "PGUSER_SUPERUSER",
                    "value": "postgres",
                  },
                  Object {
                    "name": "KUBERNETES_SCOPE_LABEL",
                    "value": "cluster-name",
                  },
                  Object {
                    "name": "KUBERNETES_ROLE_LABEL",
                    "value": "spilo-role",
                  },
                  Object {
                    "name": "PGPASSWORD_SUPERUSER",
                    "valueFrom": Object {
                      "secretKeyRef": Object {
                        "key": "password",
                        "name": "postgres.acid-clone-live.credentials.postgresql.acid.zalan.do",
                      },
                    },
                  },
                  Object {
                    "name": "PGUSER_STANDBY",
                    "value": "standby",
                  },
                  Object {
                    "name": "PGPASSWORD_STANDBY",
                    "valueFrom": Object {
                      "secretKeyRef": Object {
                        "key": "password",
                        "name": "standby.acid-clone-live.credentials.postgresql.acid.zalan.do",
                      },
                    },
                  },
                  Object {
                    "name": "PAM_OAUTH2",
                    "value": "https://info.example.com/oauth2/tokeninfo?access_token= uid realm=/employees",
                  },
                  Object {
                    "name": "HUMAN_ROLE",
                    "value": "zalandos",
                  },
                  Object {
                    "name": "PGVERSION",
                    "value": "16",
                  },
                  Object {
                    "name": "KUBERNETES_LABELS",
                    "value": "{\\"application\\":\\"spilo\\"}",
                  },
                  Object {
                    "name": "SPILO_CONFIGURATION",
                    "value": "{\\"postgresql\\":{},\\"bootstrap\\":{\\"initdb\\":[{\\"auth-host\\":\\"scram-sha-256\\"},{\\"auth-local\\":\\"trust\\"}],\\"dcs\\":{\\"failsafe_mode\\":false}}}",
                  },
                  Object {
                    "name": "DCS_ENABLE_KUBERNETES_API",
                    "value": "true",
                  },
                  Object {
                    "name": "KUBERNETES_BOOTSTRAP_LABELS",
                    "value": "{\\"critical-operation\\":\\"true\\"}",
                  },
                  Object {
                    "name": "KUBERNETES_USE_CONFIGMAPS",
                    "value": "true",
                  },
                  Object {
                    "name": "CLONE_SCOPE",
                    "value": "acid-minimal-cluster",
                  },
                  Object {
                    "name": "CLONE_METHOD",
                    "value": "CLONE_WITH_BASEBACKUP",
                  },
                  Object {
                    "name": "CLONE_HOST",
                    "value": "acid-minimal-cluster",
                  },
                  Object {
                    "name": "CLONE_PORT",
                    "value": "5432",
                  },
                  Object {
                    "name": "CLONE_USER",
                    "value": "standby",
                  },
                  Object {
                    "name": "CLONE_PASSWORD",
                    "valueFrom": Object {
                      "secretKeyRef": Object {
                        "key": "password",
                        "name": "standby.acid-minimal-cluster.credentials.postgresql.acid.zalan.do",
                      },
                    },
                  },
                ],
                "image": "ghcr.io/zalando/spilo-18:4.1-p2",
                "imagePullPolicy": "IfNotPresent",
                "name": "postgres",
                "ports": Array [
                  Object {
                    "containerPort": 8008,
                    "protocol": "TCP",
                  },
                  Object {
                    "containerPort": 5432,
                    "protocol": "TCP",
                  },
                  Object {
                    "containerPort": 8080,
                    "protocol": "TCP",
                  },
                ],
                "resources": Object {
                  "limits": Object {
                    "cpu": "1",
                    "memory": "500Mi",
                  },
                  "requests": Object {
                    "cpu": "100m",
                    "memory": "100Mi",
                  },
                },
                "securityContext": Object {
                  "allowPrivilegeEscalation": true,
                  "privileged": false,
                  "readOnlyRootFilesystem": false,
                },
                "volumeMounts": Array [
                  Object {
                    "mountPath": "/home/postgres/pgdata",
                    "name": "pgdata",
                  },
                  Object {
                    "mountPath": "/dev/shm",
                    "name": "dshm",
                  },
                ],
              },
            ],
            "serviceAccountName": "postgres-pod",
            "terminationGracePeriodSeconds": 300,
            "volumes": Array [
              Object {
                "emptyDir": Object {
                  "medium": "Memory",
                },
                "name": "dshm",
              },
            ],
          },
        },
        "updateStrategy": Object {
          "type": "OnDelete",
        },
        "volumeClaimTemplates": Array [
          Object {
            "apiVersion": "v1",
            "kind": "PersistentVolumeClaim",
            "metadata": Object {
              "labels": Object {
                "application": "spilo",
                "cluster-name": "acid-clone-live",
                "team": "acid",
              },
              "name": "pgdata",
            },
            "spec": Object {
              "accessModes": Array [
                "ReadWriteOnce",
              ],
              "resources": Object {
                "requests": Object {
                  "storage": "2Gi",
                },
              },
              "volumeMode": "Filesystem",
            },
          },
        ],
      },
    },
    Object {
      "apiVersion": "v1",
      "kind": "Service",
      "metadata": Object {
        "labels": Object {
          "application": "spilo",
          "cluster-name": "acid-clone-live",
          "spilo-role": "master",
          "team": "acid",
        },
        "name": "acid-clone-live",
        "namespace": "default",
      },
      "spec": Object {
        "ports": Array [
          Object {
            "name": "postgresql",
            "port": 5432,
            "targetPort": 5432,
          },
        ],
        "selector": Object {
          "application": "spilo",
          "cluster-name": "acid-clone-live",
          "spilo-role": "master",
        },
        "type": "ClusterIP",
      },
    },
    Object {
      "apiVersion": "v1",
      "kind": "Service",
      "metadata": Object {
        "labels": Object {
          "application": "spilo",
          "cluster-name": "acid-clone-live",
          "spilo-role": "replica",
          "team": "acid",
        },
        "name": "acid-clone-live-repl",
        "namespace": "default",
      },
      "spec": Object {
        "ports": Array [
          Object {
            "name": "postgresql",
            "port": 5432,
            "targetPort": 5432,
          },
        ],
        "selector": Object {
          "application": "spilo",
          "cluster-name": "acid-clone-live",
          "spilo-role": "replica",
        },
        "type": "ClusterIP",
      },
    },
    Object {
      "apiVersion": "policy/v1",
      "kind": "PodDisruptionBudget",
      "metadata": Object {
        "labels": Object {
          "application": "spilo",
          "cluster-name": "acid-clone-live",
          "team": "acid",
        },
        "name": "postgres-acid-clone-live-pdb",
        "namespace": "default",
      },
      "spec": Object {
        "minAvailable": 1,
        "selector": Object {
          "matchLabels": Object {
            "application": "spilo",
            "cluster-name": "acid-clone-live",
            "spilo-role": "master",
          },
        },
      },
    },
    Object {
      "apiVersion": "policy/v1",
      "kind": "PodDisruptionBudget",
      "metadata": Object {
        "labels": Object {
          "application": "spilo",
          "cluster-name": "acid-clone-live",
          "team": "acid",
        },
        "name": "postgres-acid-clone-live-critical-op-pdb",
        "namespace": "default",
      },
      "spec": Object {
        "maxUnavailable": 0,
        "selector": Object {
          "matchLabels": Object {
            "application": "spilo",
            "cluster-name": "acid-clone-live",
            "critical-operation": "true",
          },
        },
      },
    },
    Object {
      "apiVersion": "v1",
      "data": Object {
        "host": "YWNpZC1jbG9uZS1saXZlLmRlZmF1bHQuc3ZjLmNsdXN0ZXIubG9jYWw=",
        "jdbc-uri": "amRiYzpwb3N0Z3Jlc3FsOi8vYWNpZC1jbG9uZS1saXZlLmRlZmF1bHQuc3ZjLmNsdXN0ZXIubG9jYWw6NTQzMi8/dXNlcj1wb3N0Z3JlcyZwYXNzd29yZD1ZbU5ORDlLVWdBSXp2NkFMYlJaU2JQNUdSOEoydjllS0NPVVM1QTVFRzZnYkxUUmRaOWQyWGlJUG1BVjZBNEdN",
        "password": "WW1OTkQ5S1VnQUl6djZBTGJSWlNiUDVHUjhKMnY5ZUtDT1VTNUE1RUc2Z2JMVFJkWjlkMlhpSVBtQVY2QTRHTQ==",
        "port": "NTQzMg==",
        "uri": "cG9zdGdyZXNxbDovL3Bvc3RncmVzOlltTk5EOUtVZ0FJenY2QUxiUlpTYlA1R1I4SjJ2OWVLQ09VUzVBNUVHNmdiTFRSZFo5ZDJYaUlQbUFWNkE0R01AYWNpZC1jbG9uZS1saXZlLmRlZmF1bHQuc3ZjLmNsdXN0ZXIubG9jYWw6NTQzMg==",
        "username": "cG9zdGdyZXM=",
      },
      "kind": "Secret",
      "metadata": Object {
        "labels": Object {
          "application": "spilo",
          "cluster-name": "acid-clone-live",
          "team": "acid",
        },
        "name": "postgres.acid-clone-live.credentials.postgresql.acid.zalan.do",
        "namespace": "default",
      },
      "type": "Opaque",
    },
    Object {
      "apiVersion": "v1",
      "data": Object {
        "host": "YWNpZC1jbG9uZS1saXZlLmRlZmF1bHQuc3ZjLmNsdXN0ZXIubG9jYWw=",
        "jdbc-uri": "amRiYzpwb3N0Z3Jlc3FsOi8vYWNpZC1jbG9uZS1saXZlLmRlZmF1bHQuc3ZjLmNsdXN0ZXIubG9jYWw6NTQzMi8/dXNlcj1zdGFuZGJ5JnBhc3N3b3JkPUhwZDkyd1BibFZXMERURU9paEZEcmFNbEJxQ1N5cFVhYmREdHJZcFJDUEtGUGZ0MkxiZlVmeWdhN2EyQXJ3UDk=",
        "password": "SHBkOTJ3UGJsVlcwRFRFT2loRkRyYU1sQnFDU3lwVWFiZER0cllwUkNQS0ZQZnQyTGJmVWZ5Z2E3YTJBcndQOQ==",
        "port": "NTQzMg==",
        "uri": "cG9zdGdyZXNxbDovL3N0YW5kYnk6SHBkOTJ3UGJsVlcwRFRFT2loRkRyYU1sQnFDU3lwVWFiZER0cllwUkNQS0ZQZnQyTGJmVWZ5Z2E3YTJBcndQOUBhY2lkLWNsb25lLWxpdmUuZGVmYXVsdC5zdmMuY2x1c3Rlci5sb2NhbDo1NDMy",
        "username": "c3RhbmRieQ==",
      },
      "kind": "Secret",
      "metadata": Object {
        "labels": Object {
          "application": "spilo",
          "cluster-name": "acid-clone-live",
          "team": "acid",
        },
        "name": "standby.acid-clone-live.credentials.postgresql.acid.zalan.do",
        "namespace": "default",
      },
      "type": "Opaque",
    },
    Object {
      "apiVersion": "v1",
      "data": Object {
        "state.json": String(
          {
            "cluster": "acid-clone-live",
            "passwordEncryption": "scram-sha-256",
            "roles": [],
            "databases": [],
            "preparedDatabases": []
          }
          
        ),
      },
      "immutable": true,
      "kind": "ConfigMap",
      "metadata": Object {
        "labels": Object {
          "application": "db-setup",
          "cluster-name": "acid-clone-live",
          "team": "acid",
        },
        "name": "acid-clone-live-setup-bf6891a57b",
        "namespace": "default",
      },
    },
  ],
  "resyncAfterSeconds": 1800,
  "status": Object {
    "conditions": Array [
      Object {
        "lastTransitionTime": "2026-11-20T12:00:00Z",
        "message": "the spec is valid",
        "reason": "SpecValid",
        "status": "True",
        "type": "Valid",
      },
      Object {
        "lastTransitionTime": "2026-11-20T12:00:00Z",
        "message": "no configuration warnings",
        "reason": "NoWarnings",
        "status": "False",
        "type": "Warnings",
      },
      Object {
        "lastTransitionTime": "2026-11-20T12:00:00Z",
        "message": "0 of 1 instances ready",
        "reason": "StatefulSetMissing",
        "status": "False",
        "type": "Ready",
      },
      Object {
        "lastTransitionTime": "2026-11-20T12:00:00Z",
        "message": "the cluster is not hibernated",
        "reason": "Awake",
        "status": "False",
        "type": "Hibernated",
      },
      Object {
        "lastTransitionTime": "2026-11-20T12:00:00Z",
        "message": "every requested change is declared",
        "reason": "Applied",
        "status": "True",
        "type": "SpecApplied",
      },
      Object {
        "lastTransitionTime": "2026-11-20T12:00:00Z",
        "message": "the setup Job starts once a database pod is ready",
        "reason": "WaitingForPrimary",
        "status": "False",
        "type": "DatabaseSetup",
      },
      Object {
        "lastTransitionTime": "2026-11-20T12:00:00Z",
        "message": "waiting for a ready database pod",
        "reason": "Waiting",
        "status": "False",
        "type": "PatroniConfigured",
      },
      Object {
        "lastTransitionTime": "2026-11-20T12:00:00Z",
        "message": "every database pod runs the current pod template",
        "reason": "Succeeded",
        "status": "True",
        "type": "RollingUpdate",
      },
      Object {
        "lastTransitionTime": "2026-11-20T12:00:00Z",
        "message": "no data volume claim exists yet; new ones request 2Gi",
        "reason": "Succeeded",
        "status": "True",
        "type": "VolumesResized",
      },
      Object {
        "lastTransitionTime": "2026-11-20T12:00:00Z",
        "message": "PostgreSQL 16 runs, as the manifest asks",
        "reason": "Succeeded",
        "status": "True",
        "type": "MajorVersionUpgrade",
      },
    ],
    "majorVersion": Object {
      "current": "16",
    },
    "observedGeneration": 1,
    "PostgresClusterStatus": "Creating",
    "readyInstances": 0,
  },
}
`

exports[`test/fixtures.test.ts > TAP > clone-point-in-time > sync response 1`] = `
Object {
  "children": Array [
    Object {
      "apiVersion": "apps/v1",
      "kind": "StatefulSet",
      "metadata": Object {
        "labels": Object {
          "application": "spilo",
          "cluster-name": "acid-clone-pitr",
          "team": "acid",
        },
        "name": "acid-clone-pitr",
        "namespace": "default",
      },
      "spec": Object {
        "persistentVolumeClaimRetentionPolicy": Object {
          "whenDeleted": "Retain",
          "whenScaled": "Retain",
        },
        "podManagementPolicy": "OrderedReady",
        "replicas": 1,
        "selector": Object {
          "matchLabels": Object {
            "application": "spilo",
            "cluster-name": "acid-clone-pitr",
          },
        },
        "serviceName": "acid-clone-pitr",
        "template": Object {
          "metadata": Object {
            "annotations": Object {
              "postgres-metacontroller.io/pod-template-hash": "091743826f30d79f",
            },
            "labels": Object {
              "application": "spilo",
              "cluster-name": "acid-clone-pitr",
              "team": "acid",
            },
          },
          "spec": Object {
            "containers": Array [
              Object {
                "env": Array [
                  Object {
                    "name": "SCOPE",
                    "value": "acid-clone-pitr",
                  },
                  Object {
                    "name": "PGROOT",
                    "value": "/home/postgres/pgdata/pgroot",
                  },
                  Object {
                    "name": "POD_IP",
                    "valueFrom": Object {
                      "fieldRef": Object {
                        "apiVersion": "v1",
                        "fieldPath": "status.podIP",
                      },
                    },
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
                    "name": "PGUSER_SUPERUSER",
                    "value": "postgres",
                  },
                  Object {
                    "name": "KUBERNETES_SCOPE_LABEL",
                    "value": "cluster-name",
                  },
                  Object {
                    "name": "KUBERNETES_ROLE_LABEL",
                    "value": "spilo-role",
                  },
                  Object {
                    "name": "PGPASSWORD_SUPERUSER",
                    "valueFrom": Object {
                      "secretKeyRef": Object {
                        "key": "password",
                        "name": "postgres.acid-clone-pitr.credentials.postgresql.acid.zalan.do",
                      },
                    },
                  },
                  Object {
                    "name": "PGUSER_STANDBY",
                    "value": "standby",
                  },
                  Object {
                    "name": "PGPASSWORD_STANDBY",
                    "valueFrom": Object {
                      "secretKeyRef": Object {
                        "key": "password",
                        "name": "standby.acid-clone-pitr.credentials.postgresql.acid.zalan.do",
                      },
                    },
                  },
                  Object {
                    "name": "PAM_OAUTH2",
                    "value": "https://info.example.com/oauth2/tokeninfo?access_token= uid realm=/employees",
                  },
                  Object {
                    "name": "HUMAN_ROLE",
                    "value": "zalandos",
                  },
                  Object {
                    "name": "PGVERSION",
                    "value": "16",
                  },
                  Object {
                    "name": "KUBERNETES_LABELS",
                    "value": "{\\"application\\":\\"spilo\\"}",
                  },
                  Object {
                    "name": "SPILO_CONFIGURATION",
                    "value": "{\\"postgresql\\":{},\\"bootstrap\\":{\\"initdb\\":[{\\"auth-host\\":\\"scram-sha-256\\"},{\\"auth-local\\":\\"trust\\"}],\\"dcs\\":{\\"failsafe_mode\\":false}}}",
                  },
                  Object {
                    "name": "DCS_ENABLE_KUBERNETES_API",
                    "value": "true",
                  },
                  Object {
                    "name": "KUBERNETES_BOOTSTRAP_LABELS",
                    "value": "{\\"critical-operation\\":\\"true\\"}",
                  },
                  Object {
                    "name": "KUBERNETES_USE_CONFIGMAPS",
                    "value": "true",
                  },
                  Object {
                    "name": "CLONE_SCOPE",
                    "value": "acid-minimal-cluster",
                  },
                  Object {
                    "name": "CLONE_WALE_S3_PREFIX",
                    "value": "s3://custom/path/to/bucket",
                  },
                  Object {
                    "name": "CLONE_METHOD",
                    "value": "CLONE_WITH_WALE",
                  },
                  Object {
                    "name": "CLONE_TARGET_TIME",
                    "value": "2024-01-31T12:00:00+00:00",
                  },
                  Object {
                    "name": "CLONE_WAL_BUCKET_SCOPE_PREFIX",
                  },
                  Object {
                    "name": "CLONE_AWS_ENDPOINT",
                    "value": "https://s3.example.com",
                  },
                  Object {
                    "name": "CLONE_WALE_S3_ENDPOINT",
                    "value": "https://s3.example.com",
                  },
                  Object {
                    "name": "CLONE_AWS_ACCESS_KEY_ID",
                    "value": "AKIAEXAMPLE",
                  },
                  Object {
                    "name": "CLONE_AWS_SECRET_ACCESS_KEY",
                    "value": "not-a-real-key",
                  },
                  Object {
                    "name": "CLONE_AWS_S3_FORCE_PATH_STYLE",
                    "value": "1",
                  },
                ],
                "image": "ghcr.io/zalando/spilo-18:4.1-p2",
                "imagePullPolicy": "IfNotPresent",
                "name": "postgres",
                "ports": Array [
                  Object {
                    "containerPort": 8008,
                    "protocol": "TCP",
                  },
                  Object {
                    "containerPort": 5432,
                    "protocol": "TCP",
                  },
                  Object {
                    "containerPort": 8080,
                    "protocol": "TCP",
                  },
                ],
                "resources": Object {
                  "limits": Object {
                    "cpu": "1",
                    "memory": "500Mi",
                  },
                  "requests": Object {
                    "cpu": "100m",
                    "memory": "100Mi",
                  },
                },
                "securityContext": Object {
                  "allowPrivilegeEscalation": true,
                  "privileged": false,
                  "readOnlyRootFilesystem": false,
                },
                "volumeMounts": Array [
                  Object {
                    "mountPath": "/home/postgres/pgdata",
                    "name": "pgdata",
                  },
                  Object {
                    "mountPath": "/dev/shm",
                    "name": "dshm",
                  },
                ],
              },
            ],
            "serviceAccountName": "postgres-pod",
            "terminationGracePeriodSeconds": 300,
            "volumes": Array [
              Object {
                "emptyDir": Object {
                  "medium": "Memory",
                },
                "name": "dshm",
              },
            ],
          },
        },
        "updateStrategy": Object {
          "type": "OnDelete",
        },
        "volumeClaimTemplates": Array [
          Object {
            "apiVersion": "v1",
            "kind": "PersistentVolumeClaim",
            "metadata": Object {
              "labels": Object {
                "application": "spilo",
                "cluster-name": "acid-clone-pitr",
                "team": "acid",
              },
              "name": "pgdata",
            },
            "spec": Object {
              "accessModes": Array [
                "ReadWriteOnce",
              ],
              "resources": Object {
                "requests": Object {
                  "storage": "2Gi",
                },
              },
              "volumeMode": "Filesystem",
            },
          },
        ],
      },
    },
    Object {
      "apiVersion": "v1",
      "kind": "Service",
      "metadata": Object {
        "labels": Object {
          "application": "spilo",
          "cluster-name": "acid-clone-pitr",
          "spilo-role": "master",
          "team": "acid",
        },
        "name": "acid-clone-pitr",
        "namespace": "default",
      },
      "spec": Object {
        "ports": Array [
          Object {
            "name": "postgresql",
            "port": 5432,
            "targetPort": 5432,
          },
        ],
        "selector": Object {
          "application": "spilo",
          "cluster-name": "acid-clone-pitr",
          "spilo-role": "master",
        },
        "type": "ClusterIP",
      },
    },
    Object {
      "apiVersion": "v1",
      "kind": "Service",
      "metadata": Object {
        "labels": Object {
          "application": "spilo",
          "cluster-name": "acid-clone-pitr",
          "spilo-role": "replica",
          "team": "acid",
        },
        "name": "acid-clone-pitr-repl",
        "namespace": "default",
      },
      "spec": Object {
        "ports": Array [
          Object {
            "name": "postgresql",
            "port": 5432,
            "targetPort": 5432,
          },
        ],
        "selector": Object {
          "application": "spilo",
          "cluster-name": "acid-clone-pitr",
          "spilo-role": "replica",
        },
        "type": "ClusterIP",
      },
    },
    Object {
      "apiVersion": "policy/v1",
      "kind": "PodDisruptionBudget",
      "metadata": Object {
        "labels": Object {
          "application": "spilo",
          "cluster-name": "acid-clone-pitr",
          "team": "acid",
        },
        "name": "postgres-acid-clone-pitr-pdb",
        "namespace": "default",
      },
      "spec": Object {
        "minAvailable": 1,
        "selector": Object {
          "matchLabels": Object {
            "application": "spilo",
            "cluster-name": "acid-clone-pitr",
            "spilo-role": "master",
          },
        },
      },
    },
    Object {
      "apiVersion": "policy/v1",
      "kind": "PodDisruptionBudget",
      "metadata": Object {
        "labels": Object {
          "application": "spilo",
          "cluster-name": "acid-clone-pitr",
          "team": "acid",
        },
        "name": "postgres-acid-clone-pitr-critical-op-pdb",
        "namespace": "default",
      },
      "spec": Object {
        "maxUnavailable": 0,
        "selector": Object {
          "matchLabels": Object {
            "application": "spilo",
            "cluster-name": "acid-clone-pitr",
            "critical-operation": "true",
          },
        },
      },
    },
    Object {
      "apiVersion": "v1",
      "data": Object {
        "host": "YWNpZC1jbG9uZS1waXRyLmRlZmF1bHQuc3ZjLmNsdXN0ZXIubG9jYWw=",
        "jdbc-uri": "amRiYzpwb3N0Z3Jlc3FsOi8vYWNpZC1jbG9uZS1waXRyLmRlZmF1bHQuc3ZjLmNsdXN0ZXIubG9jYWw6NTQzMi8/dXNlcj1wb3N0Z3JlcyZwYXNzd29yZD1ZbU5ORDlLVWdBSXp2NkFMYlJaU2JQNUdSOEoydjllS0NPVVM1QTVFRzZnYkxUUmRaOWQyWGlJUG1BVjZBNEdN",
        "password": "WW1OTkQ5S1VnQUl6djZBTGJSWlNiUDVHUjhKMnY5ZUtDT1VTNUE1RUc2Z2JMVFJkWjlkMlhpSVBtQVY2QTRHTQ==",
        "port": "NTQzMg==",
        "uri": "cG9zdGdyZXNxbDovL3Bvc3RncmVzOlltTk5EOUtVZ0FJenY2QUxiUlpTYlA1R1I4SjJ2OWVLQ09VUzVBNUVHNmdiTFRSZFo5ZDJYaUlQbUFWNkE0R01AYWNpZC1jbG9uZS1waXRyLmRlZmF1bHQuc3ZjLmNsdXN0ZXIubG9jYWw6NTQzMg==",
        "username": "cG9zdGdyZXM=",
      },
      "kind": "Secret",
      "metadata": Object {
        "labels": Object {
          "application": "spilo",
          "cluster-name": "acid-clone-pitr",
          "team": "acid",
        },
        "name": "postgres.acid-clone-pitr.credentials.postgresql.acid.zalan.do",
        "namespace": "default",
      },
      "type": "Opaque",
    },
    Object {
      "apiVersion": "v1",
      "data": Object {
        "host": "YWNpZC1jbG9uZS1waXRyLmRlZmF1bHQuc3ZjLmNsdXN0ZXIubG9jYWw=",
        "jdbc-uri": "amRiYzpwb3N0Z3Jlc3FsOi8vYWNpZC1jbG9uZS1waXRyLmRlZmF1bHQuc3ZjLmNsdXN0ZXIubG9jYWw6NTQzMi8/dXNlcj1zdGFuZGJ5JnBhc3N3b3JkPUhwZDkyd1BibFZXMERURU9paEZEcmFNbEJxQ1N5cFVhYmREdHJZcFJDUEtGUGZ0MkxiZlVmeWdhN2EyQXJ3UDk=",
        "password": "SHBkOTJ3UGJsVlcwRFRFT2loRkRyYU1sQnFDU3lwVWFiZER0cllwUkNQS0ZQZnQyTGJmVWZ5Z2E3YTJBcndQOQ==",
        "port": "NTQzMg==",
        "uri": "cG9zdGdyZXNxbDovL3N0YW5kYnk6SHBkOTJ3UGJsVlcwRFRFT2loRkRyYU1sQnFDU3lwVWFiZER0cllwUkNQS0ZQZnQyTGJmVWZ5Z2E3YTJBcndQOUBhY2lkLWNsb25lLXBpdHIuZGVmYXVsdC5zdmMuY2x1c3Rlci5sb2NhbDo1NDMy",
        "username": "c3RhbmRieQ==",
      },
      "kind": "Secret",
      "metadata": Object {
        "labels": Object {
          "application": "spilo",
          "cluster-name": "acid-clone-pitr",
          "team": "acid",
        },
        "name": "standby.acid-clone-pitr.credentials.postgresql.acid.zalan.do",
        "namespace": "default",
      },
      "type": "Opaque",
    },
    Object {
      "apiVersion": "v1",
      "data": Object {
        "state.json": String(
          {
            "cluster": "acid-clone-pitr",
            "passwordEncryption": "scram-sha-256",
            "roles": [],
            "databases": [],
            "preparedDatabases": []
          }
          
        ),
      },
      "immutable": true,
      "kind": "ConfigMap",
      "metadata": Object {
        "labels": Object {
          "application": "db-setup",
          "cluster-name": "acid-clone-pitr",
          "team": "acid",
        },
        "name": "acid-clone-pitr-setup-b04d250208",
        "namespace": "default",
      },
    },
  ],
  "resyncAfterSeconds": 1800,
  "status": Object {
    "conditions": Array [
      Object {
        "lastTransitionTime": "2026-11-20T12:00:00Z",
        "message": "the spec is valid",
        "reason": "SpecValid",
        "status": "True",
        "type": "Valid",
      },
      Object {
        "lastTransitionTime": "2026-11-20T12:00:00Z",
        "message": "no configuration warnings",
        "reason": "NoWarnings",
        "status": "False",
        "type": "Warnings",
      },
      Object {
        "lastTransitionTime": "2026-11-20T12:00:00Z",
        "message": "0 of 1 instances ready",
        "reason": "StatefulSetMissing",
        "status": "False",
        "type": "Ready",
      },
      Object {
        "lastTransitionTime": "2026-11-20T12:00:00Z",
        "message": "the cluster is not hibernated",
        "reason": "Awake",
        "status": "False",
        "type": "Hibernated",
      },
      Object {
        "lastTransitionTime": "2026-11-20T12:00:00Z",
        "message": "every requested change is declared",
        "reason": "Applied",
        "status": "True",
        "type": "SpecApplied",
      },
      Object {
        "lastTransitionTime": "2026-11-20T12:00:00Z",
        "message": "the setup Job starts once a database pod is ready",
        "reason": "WaitingForPrimary",
        "status": "False",
        "type": "DatabaseSetup",
      },
      Object {
        "lastTransitionTime": "2026-11-20T12:00:00Z",
        "message": "waiting for a ready database pod",
        "reason": "Waiting",
        "status": "False",
        "type": "PatroniConfigured",
      },
      Object {
        "lastTransitionTime": "2026-11-20T12:00:00Z",
        "message": "every database pod runs the current pod template",
        "reason": "Succeeded",
        "status": "True",
        "type": "RollingUpdate",
      },
      Object {
        "lastTransitionTime": "2026-11-20T12:00:00Z",
        "message": "no data volume claim exists yet; new ones request 2Gi",
        "reason": "Succeeded",
        "status": "True",
        "type": "VolumesResized",
      },
      Object {
        "lastTransitionTime": "2026-11-20T12:00:00Z",
        "message": "PostgreSQL 16 runs, as the manifest asks",
        "reason": "Succeeded",
        "status": "True",
        "type": "MajorVersionUpgrade",
      },
    ],
    "majorVersion": Object {
      "current": "16",
    },
    "observedGeneration": 1,
    "PostgresClusterStatus": "Creating",
    "readyInstances": 0,
  },
}
`

exports[`test/fixtures.test.ts > TAP > complete > sync response 1`] = `
Object {
  "children": Array [
    Object {
      "apiVersion": "apps/v1",
      "kind": "StatefulSet",
      "metadata": Object {
        "labels": Object {
          "application": "spilo",
          "cluster-name": "acid-test-cluster",
          "team": "acid",
        },
        "name": "acid-test-cluster",
        "namespace": "default",
      },
      "spec": Object {
        "persistentVolumeClaimRetentionPolicy": Object {
          "whenDeleted": "Retain",
          "whenScaled": "Retain",
        },
        "podManagementPolicy": "OrderedReady",
        "replicas": 2,
        "selector": Object {
          "matchLabels": Object {
            "application": "spilo",
            "cluster-name": "acid-test-cluster",
          },
        },
        "serviceName": "acid-test-cluster",
        "template": Object {
          "metadata": Object {
            "annotations": Object {
              "example.com/owner": "team-acid",
              "postgres-metacontroller.io/pod-template-hash": "6fe9324ec1b9573b",
            },
            "labels": Object {
              "application": "spilo",
              "cluster-name": "acid-test-cluster",
              "team": "acid",
            },
          },
          "spec": Object {
            "affinity": Object {
              "nodeAffinity": Object {
                "requiredDuringSchedulingIgnoredDuringExecution": Object {
                  "nodeSelectorTerms": Array [
                    Object {
                      "matchExpressions": Array [
                        Object {
                          "key": "environment",
                          "operator": "In",
                          "values": Array [
                            "pci",
                          ],
                        },
                      ],
                    },
                  ],
                },
              },
            },
            "containers": Array [
              Object {
                "env": Array [
                  Object {
                    "name": "SCOPE",
                    "value": "acid-test-cluster",
                  },
                  Object {
                    "name": "PGROOT",
                    "value": "/home/postgres/pgdata/pgroot",
                  },
                  Object {
                    "name": "POD_IP",
                    "valueFrom": Object {
                      "fieldRef": Object {
                        "apiVersion": "v1",
                        "fieldPath": "status.podIP",
                      },
                    },
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
                    "name": "PGUSER_SUPERUSER",
                    "value": "postgres",
                  },
                  Object {
                    "name": "KUBERNETES_SCOPE_LABEL",
                    "value": "cluster-name",
                  },
                  Object {
                    "name": "KUBERNETES_ROLE_LABEL",
                    "value": "spilo-role",
                  },
                  Object {
                    "name": "PGPASSWORD_SUPERUSER",
                    "valueFrom": Object {
                      "secretKeyRef": Object {
                        "key": "password",
                        "name": "postgres.acid-test-cluster.credentials.postgresql.acid.zalan.do",
                      },
                    },
                  },
                  Object {
                    "name": "PGUSER_STANDBY",
                    "value": "standby",
                  },
                  Object {
                    "name": "PGPASSWORD_STANDBY",
                    "valueFrom": Object {
                      "secretKeyRef": Object {
                        "key": "password",
                        "name": "standby.acid-test-cluster.credentials.postgresql.acid.zalan.do",
                      },
                    },
                  },
                  Object {
                    "name": "PAM_OAUTH2",
                    "value": "https://info.example.com/oauth2/tokeninfo?access_token= uid realm=/employees",
                  },
                  Object {
                    "name": "HUMAN_ROLE",
                    "value": "zalandos",
                  },
                  Object {
                    "name": "PGVERSION",
                    "value": "18",
                  },
                  Object {
                    "name": "KUBERNETES_LABELS",
                    "value": "{\\"application\\":\\"spilo\\"}",
                  },
                  Object {
                    "name": "SPILO_CONFIGURATION",
                    "value": "{\\"postgresql\\":{\\"parameters\\":{\\"shared_buffers\\":\\"32MB\\"},\\"pg_hba\\":[\\"hostssl all all 0.0.0.0/0 md5\\",\\"host    all all 0.0.0.0/0 md5\\"]},\\"bootstrap\\":{\\"initdb\\":[{\\"auth-host\\":\\"scram-sha-256\\"},{\\"auth-local\\":\\"trust\\"},\\"data-checksums\\",{\\"encoding\\":\\"UTF8\\"},{\\"locale\\":\\"en_US.UTF-8\\"}],\\"dcs\\":{\\"ttl\\":30,\\"loop_wait\\":10,\\"retry_timeout\\":10,\\"maximum_lag_on_failover\\":33554432,\\"synchronous_node_count\\":1,\\"postgresql\\":{\\"parameters\\":{\\"log_statement\\":\\"all\\",\\"max_connections\\":\\"10\\",\\"password_encryption\\":\\"scram-sha-256\\"}},\\"slots\\":{\\"permanent_logical_1\\":{\\"database\\":\\"foo\\",\\"plugin\\":\\"pgoutput\\",\\"type\\":\\"logical\\"},\\"permanent_physical_1\\":{\\"type\\":\\"physical\\"}},\\"failsafe_mode\\":false}}}",
                  },
                  Object {
                    "name": "DCS_ENABLE_KUBERNETES_API",
                    "value": "true",
                  },
                  Object {
                    "name": "KUBERNETES_BOOTSTRAP_LABELS",
                    "value": "{\\"critical-operation\\":\\"true\\"}",
                  },
                  Object {
                    "name": "KUBERNETES_USE_CONFIGMAPS",
                    "value": "true",
                  },
                  Object {
                    "name": "wal_s3_bucket",
                    "value": "my-custom-bucket",
                  },
                  Object {
                    "name": "minio_secret_key",
                    "valueFrom": Object {
                      "secretKeyRef": Object {
                        "key": "secret_key",
                        "name": "minio-secret",
                      },
                    },
                  },
                  Object {
                    "name": "SSL_CERTIFICATE_FILE",
                    "value": "/tls/tls.crt",
                  },
                  Object {
                    "name": "SSL_PRIVATE_KEY_FILE",
                    "value": "/tls/tls.key",
                  },
                  Object {
                    "name": "SSL_CA_FILE",
                    "value": "/tlsca/ca.crt",
                  },
                ],
                "envFrom": Array [
                  Object {
                    "configMapRef": Object {
                      "name": "extra-settings",
                    },
                  },
                ],
                "image": "ghcr.io/zalando/spilo-18:4.1-p2",
                "imagePullPolicy": "IfNotPresent",
                "livenessProbe": Object {
                  "httpGet": Object {
                    "path": "/liveness",
                    "port": 8008,
                    "scheme": "HTTP",
                  },
                  "initialDelaySeconds": 10,
                  "periodSeconds": 10,
                },
                "name": "postgres",
                "ports": Array [
                  Object {
                    "containerPort": 8008,
                    "protocol": "TCP",
                  },
                  Object {
                    "containerPort": 5432,
                    "protocol": "TCP",
                  },
                  Object {
                    "containerPort": 8080,
                    "protocol": "TCP",
                  },
                ],
                "resources": Object {
                  "limits": Object {
                    "cpu": "500m",
                    "memory": "500Mi",
                  },
                  "requests": Object {
                    "cpu": "10m",
                    "memory": "100Mi",
                  },
                },
                "securityContext": Object {
                  "allowPrivilegeEscalation": true,
                  "privileged": false,
                  "readOnlyRootFilesystem": false,
                },
                "volumeMounts": Array [
                  Object {
                    "mountPath": "/home/postgres/pgdata",
                    "name": "pgdata",
                    "subPath": "pgroot",
                  },
                  Object {
                    "mountPath": "/dev/shm",
                    "name": "dshm",
                  },
                  Object {
                    "mountPath": "/opt/empty",
                    "name": "empty",
                  },
                  Object {
                    "mountPath": "/home/postgres/pgdata/partitions",
                    "name": "data",
                  },
                  Object {
                    "mountPath": "/tls",
                    "name": "pg-tls",
                  },
                  Object {
                    "mountPath": "/tlsca",
                    "name": "pg-tls-ca",
                  },
                ],
              },
              Object {
                "env": Array [
                  Object {
                    "name": "POD_NAME",
                    "valueFrom": Object {
                      "fieldRef": Object {
                        "apiVersion": "v1",
                        "fieldPath": "metadata.name",
                      },
                    },
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
                    "name": "POSTGRES_USER",
                    "value": "postgres",
                  },
                  Object {
                    "name": "POSTGRES_PASSWORD",
                    "valueFrom": Object {
                      "secretKeyRef": Object {
                        "key": "password",
                        "name": "postgres.acid-test-cluster.credentials.postgresql.acid.zalan.do",
                      },
                    },
                  },
                  Object {
                    "name": "USEFUL_VAR",
                    "value": "perhaps-true",
                  },
                ],
                "image": "telegraf:latest",
                "imagePullPolicy": "IfNotPresent",
                "name": "telegraf-sidecar",
                "ports": Array [
                  Object {
                    "containerPort": 8094,
                    "name": "metrics",
                    "protocol": "TCP",
                  },
                ],
                "resources": Object {
                  "limits": Object {
                    "cpu": "500m",
                    "memory": "500Mi",
                  },
                  "requests": Object {
                    "cpu": "100m",
                    "memory": "100Mi",
                  },
                },
                "volumeMounts": Array [
                  Object {
                    "mountPath": "/home/postgres/pgdata",
                    "name": "pgdata",
                    "subPath": "pgroot",
                  },
                  Object {
                    "mountPath": "/opt/empty",
                    "name": "empty",
                  },
                  Object {
                    "mountPath": "/etc/telegraf",
                    "name": "conf",
                    "subPath": "telegraf.conf",
                  },
                ],
              },
            ],
            "initContainers": Array [
              Object {
                "command": Array [
                  "/bin/date",
                ],
                "image": "busybox",
                "name": "date",
              },
            ],
            "priorityClassName": "postgres-pod-priority",
            "schedulerName": "default-scheduler",
            "securityContext": Object {
              "fsGroup": 103,
              "runAsGroup": 103,
              "runAsUser": 101,
            },
            "serviceAccountName": "postgres-pod",
            "terminationGracePeriodSeconds": 300,
            "tolerations": Array [
              Object {
                "effect": "NoSchedule",
                "key": "postgres",
                "operator": "Exists",
              },
            ],
            "topologySpreadConstraints": Array [
              Object {
                "labelSelector": Object {
                  "matchLabels": Object {
                    "cluster-name": "acid-test-cluster",
                  },
                },
                "maxSkew": 1,
                "topologyKey": "topology.kubernetes.io/zone",
                "whenUnsatisfiable": "DoNotSchedule",
              },
            ],
            "volumes": Array [
              Object {
                "emptyDir": Object {
                  "medium": "Memory",
                },
                "name": "dshm",
              },
              Object {
                "emptyDir": Object {},
                "name": "empty",
              },
              Object {
                "name": "data",
                "persistentVolumeClaim": Object {
                  "claimName": "pvc-postgresql-data-partitions",
                  "readOnly": false,
                },
              },
              Object {
                "configMap": Object {
                  "name": "my-config-map",
                },
                "name": "conf",
              },
              Object {
                "name": "pg-tls",
                "secret": Object {
                  "defaultMode": 416,
                  "secretName": "pg-tls",
                },
              },
              Object {
                "name": "pg-tls-ca",
                "secret": Object {
                  "defaultMode": 416,
                  "secretName": "pg-tls-ca",
                },
              },
            ],
          },
        },
        "updateStrategy": Object {
          "type": "OnDelete",
        },
        "volumeClaimTemplates": Array [
          Object {
            "apiVersion": "v1",
            "kind": "PersistentVolumeClaim",
            "metadata": Object {
              "labels": Object {
                "application": "spilo",
                "cluster-name": "acid-test-cluster",
                "team": "acid",
              },
              "name": "pgdata",
            },
            "spec": Object {
              "accessModes": Array [
                "ReadWriteOnce",
              ],
              "resources": Object {
                "requests": Object {
                  "storage": "1Gi",
                },
              },
              "selector": Object {
                "matchExpressions": Array [
                  Object {
                    "key": "flavour",
                    "operator": "In",
                    "values": Array [
                      "banana",
                      "chocolate",
                    ],
                  },
                ],
                "matchLabels": Object {
                  "environment": "dev",
                  "service": "postgres",
                },
              },
              "storageClassName": "standard",
              "volumeMode": "Filesystem",
            },
          },
        ],
      },
    },
    Object {
      "apiVersion": "v1",
      "kind": "Service",
      "metadata": Object {
        "annotations": Object {
          "example.com/lb-tier": "internal",
          "example.com/role": "primary",
        },
        "labels": Object {
          "application": "spilo",
          "cluster-name": "acid-test-cluster",
          "spilo-role": "master",
          "team": "acid",
        },
        "name": "acid-test-cluster",
        "namespace": "default",
      },
      "spec": Object {
        "ports": Array [
          Object {
            "name": "postgresql",
            "port": 5432,
            "targetPort": 5432,
          },
        ],
        "selector": Object {
          "application": "spilo",
          "cluster-name": "acid-test-cluster",
          "spilo-role": "master",
        },
        "type": "ClusterIP",
      },
    },
    Object {
      "apiVersion": "v1",
      "kind": "Service",
      "metadata": Object {
        "annotations": Object {
          "example.com/lb-tier": "internal",
          "example.com/role": "standby-reads",
        },
        "labels": Object {
          "application": "spilo",
          "cluster-name": "acid-test-cluster",
          "spilo-role": "replica",
          "team": "acid",
        },
        "name": "acid-test-cluster-repl",
        "namespace": "default",
      },
      "spec": Object {
        "ports": Array [
          Object {
            "name": "postgresql",
            "port": 5432,
            "targetPort": 5432,
          },
        ],
        "selector": Object {
          "application": "spilo",
          "cluster-name": "acid-test-cluster",
          "spilo-role": "replica",
        },
        "type": "ClusterIP",
      },
    },
    Object {
      "apiVersion": "policy/v1",
      "kind": "PodDisruptionBudget",
      "metadata": Object {
        "labels": Object {
          "application": "spilo",
          "cluster-name": "acid-test-cluster",
          "team": "acid",
        },
        "name": "postgres-acid-test-cluster-pdb",
        "namespace": "default",
      },
      "spec": Object {
        "minAvailable": 1,
        "selector": Object {
          "matchLabels": Object {
            "application": "spilo",
            "cluster-name": "acid-test-cluster",
            "spilo-role": "master",
          },
        },
      },
    },
    Object {
      "apiVersion": "policy/v1",
      "kind": "PodDisruptionBudget",
      "metadata": Object {
        "labels": Object {
          "application": "spilo",
          "cluster-name": "acid-test-cluster",
          "team": "acid",
        },
        "name": "postgres-acid-test-cluster-critical-op-pdb",
        "namespace": "default",
      },
      "spec": Object {
        "maxUnavailable": 0,
        "selector": Object {
          "matchLabels": Object {
            "application": "spilo",
            "cluster-name": "acid-test-cluster",
            "critical-operation": "true",
          },
        },
      },
    },
    Object {
      "apiVersion": "v1",
      "data": Object {
        "host": "YWNpZC10ZXN0LWNsdXN0ZXIuZGVmYXVsdC5zdmMuY2x1c3Rlci5sb2NhbA==",
        "jdbc-uri": "amRiYzpwb3N0Z3Jlc3FsOi8vYWNpZC10ZXN0LWNsdXN0ZXIuZGVmYXVsdC5zdmMuY2x1c3Rlci5sb2NhbDo1NDMyLz91c2VyPWZsb3dfdXNlciZwYXNzd29yZD1ZbU5ORDlLVWdBSXp2NkFMYlJaU2JQNUdSOEoydjllS0NPVVM1QTVFRzZnYkxUUmRaOWQyWGlJUG1BVjZBNEdN",
        "nextRotation": "MjAyNy0wMi0xOFQxMjowMDowMFo=",
        "password": "WW1OTkQ5S1VnQUl6djZBTGJSWlNiUDVHUjhKMnY5ZUtDT1VTNUE1RUc2Z2JMVFJkWjlkMlhpSVBtQVY2QTRHTQ==",
        "port": "NTQzMg==",
        "uri": "cG9zdGdyZXNxbDovL2Zsb3dfdXNlcjpZbU5ORDlLVWdBSXp2NkFMYlJaU2JQNUdSOEoydjllS0NPVVM1QTVFRzZnYkxUUmRaOWQyWGlJUG1BVjZBNEdNQGFjaWQtdGVzdC1jbHVzdGVyLmRlZmF1bHQuc3ZjLmNsdXN0ZXIubG9jYWw6NTQzMg==",
        "username": "Zmxvd191c2Vy",
      },
      "kind": "Secret",
      "metadata": Object {
        "labels": Object {
          "application": "spilo",
          "cluster-name": "acid-test-cluster",
          "team": "acid",
        },
        "name": "flow-user.acid-test-cluster.credentials.postgresql.acid.zalan.do",
        "namespace": "default",
      },
      "type": "Opaque",
    },
    Object {
      "apiVersion": "v1",
      "data": Object {
        "dbname": "YmFyX2Ri",
        "host": "YWNpZC10ZXN0LWNsdXN0ZXIuZGVmYXVsdC5zdmMuY2x1c3Rlci5sb2NhbA==",
        "jdbc-uri": "amRiYzpwb3N0Z3Jlc3FsOi8vYWNpZC10ZXN0LWNsdXN0ZXIuZGVmYXVsdC5zdmMuY2x1c3Rlci5sb2NhbDo1NDMyL2Jhcl9kYj91c2VyPWZvb191c2VyJnBhc3N3b3JkPUhwZDkyd1BibFZXMERURU9paEZEcmFNbEJxQ1N5cFVhYmREdHJZcFJDUEtGUGZ0MkxiZlVmeWdhN2EyQXJ3UDk=",
        "nextRotation": "MjAyNy0wMi0xOFQxMjowMDowMFo=",
        "password": "SHBkOTJ3UGJsVlcwRFRFT2loRkRyYU1sQnFDU3lwVWFiZER0cllwUkNQS0ZQZnQyTGJmVWZ5Z2E3YTJBcndQOQ==",
        "port": "NTQzMg==",
        "uri": "cG9zdGdyZXNxbDovL2Zvb191c2VyOkhwZDkyd1BibFZXMERURU9paEZEcmFNbEJxQ1N5cFVhYmREdHJZcFJDUEtGUGZ0MkxiZlVmeWdhN2EyQXJ3UDlAYWNpZC10ZXN0LWNsdXN0ZXIuZGVmYXVsdC5zdmMuY2x1c3Rlci5sb2NhbDo1NDMyL2Jhcl9kYg==",
        "username": "Zm9vX3VzZXI=",
      },
      "kind": "Secret",
      "metadata": Object {
        "labels": Object {
          "application": "spilo",
          "cluster-name": "acid-test-cluster",
          "team": "acid",
        },
        "name": "foo-user.acid-test-cluster.credentials.postgresql.acid.zalan.do",
        "namespace": "default",
      },
      "type": "Opaque",
    },
    Object {
      "apiVersion": "v1",
      "data": Object {
        "dbname": "Zm9v",
        "host": "YWNpZC10ZXN0LWNsdXN0ZXIuZGVmYXVsdC5zdmMuY2x1c3Rlci5sb2NhbA==",
        "jdbc-uri": "amRiYzpwb3N0Z3Jlc3FsOi8vYWNpZC10ZXN0LWNsdXN0ZXIuZGVmYXVsdC5zdmMuY2x1c3Rlci5sb2NhbDo1NDMyL2Zvbz91c2VyPXphbGFuZG8mcGFzc3dvcmQ9VEM1SHY1U0dGQ1Vna0dzbDdyMmFLWFRwWGE0VnRxNWc2b2ZSSVR5OWs2QXIyb3RONEwwb1k1WVd4UWxQSkFNSg==",
        "password": "VEM1SHY1U0dGQ1Vna0dzbDdyMmFLWFRwWGE0VnRxNWc2b2ZSSVR5OWs2QXIyb3RONEwwb1k1WVd4UWxQSkFNSg==",
        "port": "NTQzMg==",
        "uri": "cG9zdGdyZXNxbDovL3phbGFuZG86VEM1SHY1U0dGQ1Vna0dzbDdyMmFLWFRwWGE0VnRxNWc2b2ZSSVR5OWs2QXIyb3RONEwwb1k1WVd4UWxQSkFNSkBhY2lkLXRlc3QtY2x1c3Rlci5kZWZhdWx0LnN2Yy5jbHVzdGVyLmxvY2FsOjU0MzIvZm9v",
        "username": "emFsYW5kbw==",
      },
      "kind": "Secret",
      "metadata": Object {
        "labels": Object {
          "application": "spilo",
          "cluster-name": "acid-test-cluster",
          "team": "acid",
        },
        "name": "zalando.acid-test-cluster.credentials.postgresql.acid.zalan.do",
        "namespace": "default",
      },
      "type": "Opaque",
    },
    Object {
      "apiVersion": "v1",
      "data": Object {
        "host": "YWNpZC10ZXN0LWNsdXN0ZXIuZGVmYXVsdC5zdmMuY2x1c3Rlci5sb2NhbA==",
        "jdbc-uri": "amRiYzpwb3N0Z3Jlc3FsOi8vYWNpZC10ZXN0LWNsdXN0ZXIuZGVmYXVsdC5zdmMuY2x1c3Rlci5sb2NhbDo1NDMyLz91c2VyPXBvc3RncmVzJnBhc3N3b3JkPVo0eGZFTEdHb2ZLcUw5YzNycWZLWWRHNGIxMlRtUVQzbmpRYTQ1dDhlZUZ1UlloOVFid2NuVDg5dHJzdEFNOGQ=",
        "password": "WjR4ZkVMR0dvZktxTDljM3JxZktZZEc0YjEyVG1RVDNualFhNDV0OGVlRnVSWWg5UWJ3Y25UODl0cnN0QU04ZA==",
        "port": "NTQzMg==",
        "uri": "cG9zdGdyZXNxbDovL3Bvc3RncmVzOlo0eGZFTEdHb2ZLcUw5YzNycWZLWWRHNGIxMlRtUVQzbmpRYTQ1dDhlZUZ1UlloOVFid2NuVDg5dHJzdEFNOGRAYWNpZC10ZXN0LWNsdXN0ZXIuZGVmYXVsdC5zdmMuY2x1c3Rlci5sb2NhbDo1NDMy",
        "username": "cG9zdGdyZXM=",
      },
      "kind": "Secret",
      "metadata": Object {
        "labels": Object {
          "application": "spilo",
          "cluster-name": "acid-test-cluster",
          "team": "acid",
        },
        "name": "postgres.acid-test-cluster.credentials.postgresql.acid.zalan.do",
        "namespace": "default",
      },
      "type": "Opaque",
    },
    Object {
      "apiVersion": "v1",
      "data": Object {
        "host": "YWNpZC10ZXN0LWNsdXN0ZXIuZGVmYXVsdC5zdmMuY2x1c3Rlci5sb2NhbA==",
        "jdbc-uri": "amRiYzpwb3N0Z3Jlc3FsOi8vYWNpZC10ZXN0LWNsdXN0ZXIuZGVmYXVsdC5zdmMuY2x1c3Rlci5sb2NhbDo1NDMyLz91c2VyPXN0YW5kYnkmcGFzc3dvcmQ9SDBwV2JjQmhiNUJDOHNpd2hoamUwRGJGaVNvSXllVmRXdlRQRThPaW9lRktVcnZQMzViZWRDeFZRTGlIbVY0bg==",
        "password": "SDBwV2JjQmhiNUJDOHNpd2hoamUwRGJGaVNvSXllVmRXdlRQRThPaW9lRktVcnZQMzViZWRDeFZRTGlIbVY0bg==",
        "port": "NTQzMg==",
        "uri": "cG9zdGdyZXNxbDovL3N0YW5kYnk6SDBwV2JjQmhiNUJDOHNpd2hoamUwRGJGaVNvSXllVmRXdlRQRThPaW9lRktVcnZQMzViZWRDeFZRTGlIbVY0bkBhY2lkLXRlc3QtY2x1c3Rlci5kZWZhdWx0LnN2Yy5jbHVzdGVyLmxvY2FsOjU0MzI=",
        "username": "c3RhbmRieQ==",
      },
      "kind": "Secret",
      "metadata": Object {
        "labels": Object {
          "application": "spilo",
          "cluster-name": "acid-test-cluster",
          "team": "acid",
        },
        "name": "standby.acid-test-cluster.credentials.postgresql.acid.zalan.do",
        "namespace": "default",
      },
      "type": "Opaque",
    },
    Object {
      "apiVersion": "v1",
      "data": Object {
        "dbname": "c2hvcA==",
        "host": "YWNpZC10ZXN0LWNsdXN0ZXIuZGVmYXVsdC5zdmMuY2x1c3Rlci5sb2NhbA==",
        "jdbc-uri": "amRiYzpwb3N0Z3Jlc3FsOi8vYWNpZC10ZXN0LWNsdXN0ZXIuZGVmYXVsdC5zdmMuY2x1c3Rlci5sb2NhbDo1NDMyL3Nob3A/dXNlcj1zaG9wX293bmVyX3VzZXImcGFzc3dvcmQ9UmZyeFFYV0J3RlhPMnl3aEdDV1ZjUTRNMWhZQURUeW5LUnM0YXBodjRCcFBHT05vNFFDWWd0Wm5YTmhxa085dQ==",
        "password": "UmZyeFFYV0J3RlhPMnl3aEdDV1ZjUTRNMWhZQURUeW5LUnM0YXBodjRCcFBHT05vNFFDWWd0Wm5YTmhxa085dQ==",
        "port": "NTQzMg==",
        "uri": "cG9zdGdyZXNxbDovL3Nob3Bfb3duZXJfdXNlcjpSZnJ4UVhXQndGWE8yeXdoR0NXVmNRNE0xaFlBRFR5bktSczRhcGh2NEJwUEdPTm80UUNZZ3RablhOaHFrTzl1QGFjaWQtdGVzdC1jbHVzdGVyLmRlZmF1bHQuc3ZjLmNsdXN0ZXIubG9jYWw6NTQzMi9zaG9w",
        "username": "c2hvcF9vd25lcl91c2Vy",
      },
      "kind": "Secret",
      "metadata": Object {
        "labels": Object {
          "application": "spilo",
          "cluster-name": "acid-test-cluster",
          "team": "acid",
        },
        "name": "shop-owner-user.acid-test-cluster.credentials.postgresql.acid.zalan.do",
        "namespace": "default",
      },
      "type": "Opaque",
    },
    Object {
      "apiVersion": "v1",
      "data": Object {
        "host": "YWNpZC10ZXN0LWNsdXN0ZXIuZGVmYXVsdC5zdmMuY2x1c3Rlci5sb2NhbA==",
        "jdbc-uri": "amRiYzpwb3N0Z3Jlc3FsOi8vYWNpZC10ZXN0LWNsdXN0ZXIuZGVmYXVsdC5zdmMuY2x1c3Rlci5sb2NhbDo1NDMyLz91c2VyPXNob3BfcmVhZGVyX3VzZXImcGFzc3dvcmQ9NkwxNWd5UEZYTzdtazg2NE1BbUdmTVh0Rk12RkQxSk51VzB4OEo4b1pmQ21nTU1VZ3BneTJMaU11dXh3dVM2SQ==",
        "password": "NkwxNWd5UEZYTzdtazg2NE1BbUdmTVh0Rk12RkQxSk51VzB4OEo4b1pmQ21nTU1VZ3BneTJMaU11dXh3dVM2SQ==",
        "port": "NTQzMg==",
        "uri": "cG9zdGdyZXNxbDovL3Nob3BfcmVhZGVyX3VzZXI6NkwxNWd5UEZYTzdtazg2NE1BbUdmTVh0Rk12RkQxSk51VzB4OEo4b1pmQ21nTU1VZ3BneTJMaU11dXh3dVM2SUBhY2lkLXRlc3QtY2x1c3Rlci5kZWZhdWx0LnN2Yy5jbHVzdGVyLmxvY2FsOjU0MzI=",
        "username": "c2hvcF9yZWFkZXJfdXNlcg==",
      },
      "kind": "Secret",
      "metadata": Object {
        "labels": Object {
          "application": "spilo",
          "cluster-name": "acid-test-cluster",
          "team": "acid",
        },
        "name": "shop-reader-user.acid-test-cluster.credentials.postgresql.acid.zalan.do",
        "namespace": "default",
      },
      "type": "Opaque",
    },
    Object {
      "apiVersion": "v1",
      "data": Object {
        "host": "YWNpZC10ZXN0LWNsdXN0ZXIuZGVmYXVsdC5zdmMuY2x1c3Rlci5sb2NhbA==",
        "jdbc-uri": "amRiYzpwb3N0Z3Jlc3FsOi8vYWNpZC10ZXN0LWNsdXN0ZXIuZGVmYXVsdC5zdmMuY2x1c3Rlci5sb2NhbDo1NDMyLz91c2VyPXNob3Bfd3JpdGVyX3VzZXImcGFzc3dvcmQ9dHplRFg2VzNENkVxQWdOQkRtaTNGRFBoNjVTdDJYY3A2ZmJRcFc2ZmR2bGI4UWEzMjlIQWpSZEVRWk1PbUVRUA==",
        "password": "dHplRFg2VzNENkVxQWdOQkRtaTNGRFBoNjVTdDJYY3A2ZmJRcFc2ZmR2bGI4UWEzMjlIQWpSZEVRWk1PbUVRUA==",
        "port": "NTQzMg==",
        "uri": "cG9zdGdyZXNxbDovL3Nob3Bfd3JpdGVyX3VzZXI6dHplRFg2VzNENkVxQWdOQkRtaTNGRFBoNjVTdDJYY3A2ZmJRcFc2ZmR2bGI4UWEzMjlIQWpSZEVRWk1PbUVRUEBhY2lkLXRlc3QtY2x1c3Rlci5kZWZhdWx0LnN2Yy5jbHVzdGVyLmxvY2FsOjU0MzI=",
        "username": "c2hvcF93cml0ZXJfdXNlcg==",
      },
      "kind": "Secret",
      "metadata": Object {
        "labels": Object {
          "application": "spilo",
          "cluster-name": "acid-test-cluster",
          "team": "acid",
        },
        "name": "shop-writer-user.acid-test-cluster.credentials.postgresql.acid.zalan.do",
        "namespace": "default",
      },
      "type": "Opaque",
    },
    Object {
      "apiVersion": "v1",
      "data": Object {
        "state.json": String(
          {
            "cluster": "acid-test-cluster",
            "passwordEncryption": "scram-sha-256",
            "roles": [
              {
                "name": "flow_user",
                "flags": [],
                "memberOf": [],
                "adminRole": "admin",
                "parameters": {},
                "passwordEnv": "PGMC_PASSWORD_0"
              },
              {
                "name": "foo_user",
                "flags": [
                  "LOGIN"
                ],
                "memberOf": [],
                "adminRole": "admin",
                "parameters": {},
                "passwordEnv": "PGMC_PASSWORD_1"
              },
              {
                "name": "zalando",
                "flags": [
                  "CREATEDB",
                  "LOGIN",
                  "SUPERUSER"
                ],
                "memberOf": [],
                "adminRole": "admin",
                "parameters": {},
                "passwordEnv": "PGMC_PASSWORD_2"
              },
              {
                "name": "shop_owner",
                "flags": [
                  "NOLOGIN"
                ],
                "memberOf": [],
                "adminRole": "admin",
                "parameters": {
                  "search_path": "\\\\"$user\\\\", \\\\"data\\\\", \\\\"history\\\\""
                }
              },
              {
                "name": "shop_reader",
                "flags": [
                  "NOLOGIN"
                ],
                "memberOf": [],
                "adminRole": "shop_owner",
                "parameters": {
                  "search_path": "\\\\"$user\\\\", \\\\"data\\\\", \\\\"history\\\\""
                }
              },
              {
                "name": "shop_writer",
                "flags": [
                  "NOLOGIN"
                ],
                "memberOf": [
                  "shop_reader"
                ],
                "adminRole": "shop_owner",
                "parameters": {
                  "search_path": "\\\\"$user\\\\", \\\\"data\\\\", \\\\"history\\\\""
                }
              },
              {
                "name": "shop_owner_user",
                "flags": [
                  "LOGIN"
                ],
                "memberOf": [
                  "shop_owner"
                ],
                "adminRole": "admin",
                "parameters": {
                  "search_path": "\\\\"$user\\\\", \\\\"data\\\\", \\\\"history\\\\""
                },
                "passwordEnv": "PGMC_PASSWORD_3"
              },
              {
                "name": "shop_reader_user",
                "flags": [
                  "LOGIN"
                ],
                "memberOf": [
                  "shop_reader"
                ],
                "adminRole": "shop_owner",
                "parameters": {
                  "search_path": "\\\\"$user\\\\", \\\\"data\\\\", \\\\"history\\\\""
                },
                "passwordEnv": "PGMC_PASSWORD_4"
              },
              {
                "name": "shop_writer_user",
                "flags": [
                  "LOGIN"
                ],
                "memberOf": [
                  "shop_writer"
                ],
                "adminRole": "shop_owner",
                "parameters": {
                  "search_path": "\\\\"$user\\\\", \\\\"data\\\\", \\\\"history\\\\""
                },
                "passwordEnv": "PGMC_PASSWORD_5"
              },
              {
                "name": "shop_data_owner",
                "flags": [
                  "NOLOGIN"
                ],
                "memberOf": [],
                "adminRole": "shop_owner",
                "parameters": {
                  "search_path": "\\\\"$user\\\\", \\\\"data\\\\""
                }
              },
              {
                "name": "shop_data_reader",
                "flags": [
                  "NOLOGIN"
                ],
                "memberOf": [],
                "adminRole": "shop_data_owner",
                "parameters": {
                  "search_path": "\\\\"$user\\\\", \\\\"data\\\\""
                }
              },
              {
                "name": "shop_data_writer",
                "flags": [
                  "NOLOGIN"
                ],
                "memberOf": [
                  "shop_data_reader"
                ],
                "adminRole": "shop_data_owner",
                "parameters": {
                  "search_path": "\\\\"$user\\\\", \\\\"data\\\\""
                }
              },
              {
                "name": "shop_history_owner",
                "flags": [
                  "NOLOGIN"
                ],
                "memberOf": [],
                "adminRole": "shop_owner",
                "parameters": {
                  "search_path": "\\\\"$user\\\\", \\\\"history\\\\""
                }
              },
              {
                "name": "shop_history_reader",
                "flags": [
                  "NOLOGIN"
                ],
                "memberOf": [],
                "adminRole": "shop_history_owner",
                "parameters": {
                  "search_path": "\\\\"$user\\\\", \\\\"history\\\\""
                }
              },
              {
                "name": "shop_history_writer",
                "flags": [
                  "NOLOGIN"
                ],
                "memberOf": [
                  "shop_history_reader"
                ],
                "adminRole": "shop_history_owner",
                "parameters": {
                  "search_path": "\\\\"$user\\\\", \\\\"history\\\\""
                }
              }
            ],
            "databases": [
              {
                "name": "bar_db",
                "owner": "foo_user"
              },
              {
                "name": "foo",
                "owner": "zalando"
              },
              {
                "name": "shop",
                "owner": "shop_owner"
              }
            ],
            "preparedDatabases": [
              {
                "name": "shop",
                "owners": [
                  "shop_owner",
                  "shop_owner_user"
                ],
                "schemas": [
                  {
                    "name": "data",
                    "owner": "shop_data_owner",
                    "privileges": [
                      {
                        "prefix": "shop",
                        "owners": [
                          "shop_data_owner"
                        ]
                      },
                      {
                        "prefix": "shop_data",
                        "owners": [
                          "shop_owner",
                          "shop_owner_user",
                          "shop_data_owner"
                        ]
                      }
                    ]
                  },
                  {
                    "name": "history",
                    "owner": "shop_history_owner",
                    "privileges": [
                      {
                        "prefix": "shop",
                        "owners": [
                          "shop_history_owner"
                        ]
                      },
                      {
                        "prefix": "shop_history",
                        "owners": [
                          "shop_owner",
                          "shop_owner_user",
                          "shop_history_owner"
                        ]
                      }
                    ]
                  }
                ],
                "extensions": {
                  "pg_partman": "public",
                  "pgcrypto": "data"
                }
              }
            ]
          }
          
        ),
      },
      "immutable": true,
      "kind": "ConfigMap",
      "metadata": Object {
        "labels": Object {
          "application": "db-setup",
          "cluster-name": "acid-test-cluster",
          "team": "acid",
        },
        "name": "acid-test-cluster-setup-02715179af",
        "namespace": "default",
      },
    },
  ],
  "resyncAfterSeconds": 1800,
  "status": Object {
    "conditions": Array [
      Object {
        "lastTransitionTime": "2026-11-20T12:00:00Z",
        "message": "the spec is valid",
        "reason": "SpecValid",
        "status": "True",
        "type": "Valid",
      },
      Object {
        "lastTransitionTime": "2026-11-20T12:00:00Z",
        "message": "spec.patroni.pg_hba: the superuser \\"postgres\\" cannot connect through the local socket to database \\"postgres\\" (no line admits it); this list replaces Spilo's own, and Patroni and Spilo's post-init script connect that way, so the cluster cannot bootstrap; spec.patroni.pg_hba: the replication user \\"standby\\" cannot open a replication connection from another pod (no line admits it; only a host or hostssl line with database \\"replication\\" can admit it); this list replaces Spilo's own, so replicas can neither be created nor stream from the primary; spec.postgresql.parameters.max_connections: Patroni refuses \\"10\\" (it must be an integer of at least 25) and starts PostgreSQL with max_connections = 100; spec.patroni.slots.permanent_logical_1: a logical slot needs wal_level = logical, but PostgreSQL runs with wal_level = hot_standby; the slot is never created (set spec.postgresql.parameters.wal_level: logical); spec.env[0] wal_s3_bucket: Spilo reads only WAL_S3_BUCKET, so this spelling has no effect; and as names are deduplicated case-insensitively, it would keep a WAL_S3_BUCKET from the pod environment or the operator configuration out of the pod",
        "reason": "ConfigurationWarnings",
        "status": "True",
        "type": "Warnings",
      },
      Object {
        "lastTransitionTime": "2026-11-20T12:00:00Z",
        "message": "0 of 2 instances ready",
        "reason": "StatefulSetMissing",
        "status": "False",
        "type": "Ready",
      },
      Object {
        "lastTransitionTime": "2026-11-20T12:00:00Z",
        "message": "the cluster is not hibernated",
        "reason": "Awake",
        "status": "False",
        "type": "Hibernated",
      },
      Object {
        "lastTransitionTime": "2026-11-20T12:00:00Z",
        "message": "every requested change is declared",
        "reason": "Applied",
        "status": "True",
        "type": "SpecApplied",
      },
      Object {
        "lastTransitionTime": "2026-11-20T12:00:00Z",
        "message": "the setup Job starts once a database pod is ready",
        "reason": "WaitingForPrimary",
        "status": "False",
        "type": "DatabaseSetup",
      },
      Object {
        "lastTransitionTime": "2026-11-20T12:00:00Z",
        "message": "waiting for a ready database pod",
        "reason": "Waiting",
        "status": "False",
        "type": "PatroniConfigured",
      },
      Object {
        "lastTransitionTime": "2026-11-20T12:00:00Z",
        "message": "every database pod runs the current pod template",
        "reason": "Succeeded",
        "status": "True",
        "type": "RollingUpdate",
      },
      Object {
        "lastTransitionTime": "2026-11-20T12:00:00Z",
        "message": "no data volume claim exists yet; new ones request 1Gi",
        "reason": "Succeeded",
        "status": "True",
        "type": "VolumesResized",
      },
      Object {
        "lastTransitionTime": "2026-11-20T12:00:00Z",
        "message": "PostgreSQL 18 runs, as the manifest asks",
        "reason": "Succeeded",
        "status": "True",
        "type": "MajorVersionUpgrade",
      },
    ],
    "majorVersion": Object {
      "current": "18",
    },
    "observedGeneration": 1,
    "PostgresClusterStatus": "Creating",
    "readyInstances": 0,
  },
}
`

exports[`test/fixtures.test.ts > TAP > load-balancer > sync response 1`] = `
Object {
  "children": Array [
    Object {
      "apiVersion": "apps/v1",
      "kind": "StatefulSet",
      "metadata": Object {
        "labels": Object {
          "application": "spilo",
          "cluster-name": "acid-exposed",
          "team": "acid",
        },
        "name": "acid-exposed",
        "namespace": "prod",
      },
      "spec": Object {
        "persistentVolumeClaimRetentionPolicy": Object {
          "whenDeleted": "Retain",
          "whenScaled": "Retain",
        },
        "podManagementPolicy": "OrderedReady",
        "replicas": 3,
        "selector": Object {
          "matchLabels": Object {
            "application": "spilo",
            "cluster-name": "acid-exposed",
          },
        },
        "serviceName": "acid-exposed",
        "template": Object {
          "metadata": Object {
            "annotations": Object {
              "postgres-metacontroller.io/pod-template-hash": "a4a9bf2752a41484",
            },
            "labels": Object {
              "application": "spilo",
              "cluster-name": "acid-exposed",
              "team": "acid",
            },
          },
          "spec": Object {
            "containers": Array [
              Object {
                "env": Array [
                  Object {
                    "name": "SCOPE",
                    "value": "acid-exposed",
                  },
                  Object {
                    "name": "PGROOT",
                    "value": "/home/postgres/pgdata/pgroot",
                  },
                  Object {
                    "name": "POD_IP",
                    "valueFrom": Object {
                      "fieldRef": Object {
                        "apiVersion": "v1",
                        "fieldPath": "status.podIP",
                      },
                    },
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
                    "name": "PGUSER_SUPERUSER",
                    "value": "postgres",
                  },
                  Object {
                    "name": "KUBERNETES_SCOPE_LABEL",
                    "value": "cluster-name",
                  },
                  Object {
                    "name": "KUBERNETES_ROLE_LABEL",
                    "value": "spilo-role",
                  },
                  Object {
                    "name": "PGPASSWORD_SUPERUSER",
                    "valueFrom": Object {
                      "secretKeyRef": Object {
                        "key": "password",
                        "name": "postgres.acid-exposed.credentials.postgresql.acid.zalan.do",
                      },
                    },
                  },
                  Object {
                    "name": "PGUSER_STANDBY",
                    "value": "standby",
                  },
                  Object {
                    "name": "PGPASSWORD_STANDBY",
                    "valueFrom": Object {
                      "secretKeyRef": Object {
                        "key": "password",
                        "name": "standby.acid-exposed.credentials.postgresql.acid.zalan.do",
                      },
                    },
                  },
                  Object {
                    "name": "PAM_OAUTH2",
                    "value": "https://info.example.com/oauth2/tokeninfo?access_token= uid realm=/employees",
                  },
                  Object {
                    "name": "HUMAN_ROLE",
                    "value": "zalandos",
                  },
                  Object {
                    "name": "PGVERSION",
                    "value": "17",
                  },
                  Object {
                    "name": "KUBERNETES_LABELS",
                    "value": "{\\"application\\":\\"spilo\\"}",
                  },
                  Object {
                    "name": "SPILO_CONFIGURATION",
                    "value": "{\\"postgresql\\":{},\\"bootstrap\\":{\\"initdb\\":[{\\"auth-host\\":\\"scram-sha-256\\"},{\\"auth-local\\":\\"trust\\"}],\\"dcs\\":{\\"failsafe_mode\\":false}}}",
                  },
                  Object {
                    "name": "DCS_ENABLE_KUBERNETES_API",
                    "value": "true",
                  },
                  Object {
                    "name": "KUBERNETES_BOOTSTRAP_LABELS",
                    "value": "{\\"critical-operation\\":\\"true\\"}",
                  },
                  Object {
                    "name": "KUBERNETES_USE_CONFIGMAPS",
                    "value": "true",
                  },
                ],
                "image": "ghcr.io/zalando/spilo-18:4.1-p2",
                "imagePullPolicy": "IfNotPresent",
                "name": "postgres",
                "ports": Array [
                  Object {
                    "containerPort": 8008,
                    "protocol": "TCP",
                  },
                  Object {
                    "containerPort": 5432,
                    "protocol": "TCP",
                  },
                  Object {
                    "containerPort": 8080,
                    "protocol": "TCP",
                  },
                ],
                "resources": Object {
                  "limits": Object {
                    "cpu": "1",
                    "memory": "500Mi",
                  },
                  "requests": Object {
                    "cpu": "100m",
                    "memory": "100Mi",
                  },
                },
                "securityContext": Object {
                  "allowPrivilegeEscalation": true,
                  "privileged": false,
                  "readOnlyRootFilesystem": false,
                },
                "volumeMounts": Array [
                  Object {
                    "mountPath": "/home/postgres/pgdata",
                    "name": "pgdata",
                  },
                  Object {
                    "mountPath": "/dev/shm",
                    "name": "dshm",
                  },
                ],
              },
            ],
            "serviceAccountName": "postgres-pod",
            "terminationGracePeriodSeconds": 300,
            "volumes": Array [
              Object {
                "emptyDir": Object {
                  "medium": "Memory",
                },
                "name": "dshm",
              },
            ],
          },
        },
        "updateStrategy": Object {
          "type": "OnDelete",
        },
        "volumeClaimTemplates": Array [
          Object {
            "apiVersion": "v1",
            "kind": "PersistentVolumeClaim",
            "metadata": Object {
              "labels": Object {
                "application": "spilo",
                "cluster-name": "acid-exposed",
                "team": "acid",
              },
              "name": "pgdata",
            },
            "spec": Object {
              "accessModes": Array [
                "ReadWriteOnce",
              ],
              "resources": Object {
                "requests": Object {
                  "storage": "10Gi",
                },
              },
              "volumeMode": "Filesystem",
            },
          },
        ],
      },
    },
    Object {
      "apiVersion": "v1",
      "kind": "Service",
      "metadata": Object {
        "annotations": Object {
          "external-dns.alpha.kubernetes.io/hostname": "acid-exposed.prod.db.example.com,exposed.acid.db.example.com",
          "service.beta.kubernetes.io/aws-load-balancer-internal": "true",
        },
        "labels": Object {
          "application": "spilo",
          "cluster-name": "acid-exposed",
          "spilo-role": "master",
          "team": "acid",
        },
        "name": "acid-exposed",
        "namespace": "prod",
      },
      "spec": Object {
        "externalTrafficPolicy": "Cluster",
        "loadBalancerSourceRanges": Array [
          "10.0.0.0/8",
          "2001:db8::/32",
        ],
        "ports": Array [
          Object {
            "name": "postgresql",
            "port": 5432,
            "targetPort": 5432,
          },
        ],
        "selector": Object {
          "application": "spilo",
          "cluster-name": "acid-exposed",
          "spilo-role": "master",
        },
        "type": "LoadBalancer",
      },
    },
    Object {
      "apiVersion": "v1",
      "kind": "Service",
      "metadata": Object {
        "annotations": Object {
          "service.beta.kubernetes.io/aws-load-balancer-internal": "true",
        },
        "labels": Object {
          "application": "spilo",
          "cluster-name": "acid-exposed",
          "spilo-role": "replica",
          "team": "acid",
        },
        "name": "acid-exposed-repl",
        "namespace": "prod",
      },
      "spec": Object {
        "externalTrafficPolicy": "Cluster",
        "ports": Array [
          Object {
            "name": "postgresql",
            "nodePort": 30432,
            "port": 5432,
            "targetPort": 5432,
          },
        ],
        "selector": Object {
          "application": "spilo",
          "cluster-name": "acid-exposed",
          "spilo-role": "replica",
        },
        "type": "NodePort",
      },
    },
    Object {
      "apiVersion": "policy/v1",
      "kind": "PodDisruptionBudget",
      "metadata": Object {
        "labels": Object {
          "application": "spilo",
          "cluster-name": "acid-exposed",
          "team": "acid",
        },
        "name": "postgres-acid-exposed-pdb",
        "namespace": "prod",
      },
      "spec": Object {
        "minAvailable": 1,
        "selector": Object {
          "matchLabels": Object {
            "application": "spilo",
            "cluster-name": "acid-exposed",
            "spilo-role": "master",
          },
        },
      },
    },
    Object {
      "apiVersion": "policy/v1",
      "kind": "PodDisruptionBudget",
      "metadata": Object {
        "labels": Object {
          "application": "spilo",
          "cluster-name": "acid-exposed",
          "team": "acid",
        },
        "name": "postgres-acid-exposed-critical-op-pdb",
        "namespace": "prod",
      },
      "spec": Object {
        "maxUnavailable": 0,
        "selector": Object {
          "matchLabels": Object {
            "application": "spilo",
            "cluster-name": "acid-exposed",
            "critical-operation": "true",
          },
        },
      },
    },
    Object {
      "apiVersion": "v1",
      "data": Object {
        "host": "YWNpZC1leHBvc2VkLnByb2Quc3ZjLmNsdXN0ZXIubG9jYWw=",
        "jdbc-uri": "amRiYzpwb3N0Z3Jlc3FsOi8vYWNpZC1leHBvc2VkLnByb2Quc3ZjLmNsdXN0ZXIubG9jYWw6NTQzMi8/dXNlcj1wb3N0Z3JlcyZwYXNzd29yZD1ZbU5ORDlLVWdBSXp2NkFMYlJaU2JQNUdSOEoydjllS0NPVVM1QTVFRzZnYkxUUmRaOWQyWGlJUG1BVjZBNEdN",
        "password": "WW1OTkQ5S1VnQUl6djZBTGJSWlNiUDVHUjhKMnY5ZUtDT1VTNUE1RUc2Z2JMVFJkWjlkMlhpSVBtQVY2QTRHTQ==",
        "port": "NTQzMg==",
        "uri": "cG9zdGdyZXNxbDovL3Bvc3RncmVzOlltTk5EOUtVZ0FJenY2QUxiUlpTYlA1R1I4SjJ2OWVLQ09VUzVBNUVHNmdiTFRSZFo5ZDJYaUlQbUFWNkE0R01AYWNpZC1leHBvc2VkLnByb2Quc3ZjLmNsdXN0ZXIubG9jYWw6NTQzMg==",
        "username": "cG9zdGdyZXM=",
      },
      "kind": "Secret",
      "metadata": Object {
        "labels": Object {
          "application": "spilo",
          "cluster-name": "acid-exposed",
          "team": "acid",
        },
        "name": "postgres.acid-exposed.credentials.postgresql.acid.zalan.do",
        "namespace": "prod",
      },
      "type": "Opaque",
    },
    Object {
      "apiVersion": "v1",
      "data": Object {
        "host": "YWNpZC1leHBvc2VkLnByb2Quc3ZjLmNsdXN0ZXIubG9jYWw=",
        "jdbc-uri": "amRiYzpwb3N0Z3Jlc3FsOi8vYWNpZC1leHBvc2VkLnByb2Quc3ZjLmNsdXN0ZXIubG9jYWw6NTQzMi8/dXNlcj1zdGFuZGJ5JnBhc3N3b3JkPUhwZDkyd1BibFZXMERURU9paEZEcmFNbEJxQ1N5cFVhYmREdHJZcFJDUEtGUGZ0MkxiZlVmeWdhN2EyQXJ3UDk=",
        "password": "SHBkOTJ3UGJsVlcwRFRFT2loRkRyYU1sQnFDU3lwVWFiZER0cllwUkNQS0ZQZnQyTGJmVWZ5Z2E3YTJBcndQOQ==",
        "port": "NTQzMg==",
        "uri": "cG9zdGdyZXNxbDovL3N0YW5kYnk6SHBkOTJ3UGJsVlcwRFRFT2loRkRyYU1sQnFDU3lwVWFiZER0cllwUkNQS0ZQZnQyTGJmVWZ5Z2E3YTJBcndQOUBhY2lkLWV4cG9zZWQucHJvZC5zdmMuY2x1c3Rlci5sb2NhbDo1NDMy",
        "username": "c3RhbmRieQ==",
      },
      "kind": "Secret",
      "metadata": Object {
        "labels": Object {
          "application": "spilo",
          "cluster-name": "acid-exposed",
          "team": "acid",
        },
        "name": "standby.acid-exposed.credentials.postgresql.acid.zalan.do",
        "namespace": "prod",
      },
      "type": "Opaque",
    },
    Object {
      "apiVersion": "v1",
      "data": Object {
        "state.json": String(
          {
            "cluster": "acid-exposed",
            "passwordEncryption": "scram-sha-256",
            "roles": [],
            "databases": [],
            "preparedDatabases": []
          }
          
        ),
      },
      "immutable": true,
      "kind": "ConfigMap",
      "metadata": Object {
        "labels": Object {
          "application": "db-setup",
          "cluster-name": "acid-exposed",
          "team": "acid",
        },
        "name": "acid-exposed-setup-50f2bc2cbd",
        "namespace": "prod",
      },
    },
  ],
  "resyncAfterSeconds": 1800,
  "status": Object {
    "conditions": Array [
      Object {
        "lastTransitionTime": "2026-11-20T12:00:00Z",
        "message": "the spec is valid",
        "reason": "SpecValid",
        "status": "True",
        "type": "Valid",
      },
      Object {
        "lastTransitionTime": "2026-11-20T12:00:00Z",
        "message": "no configuration warnings",
        "reason": "NoWarnings",
        "status": "False",
        "type": "Warnings",
      },
      Object {
        "lastTransitionTime": "2026-11-20T12:00:00Z",
        "message": "0 of 3 instances ready",
        "reason": "StatefulSetMissing",
        "status": "False",
        "type": "Ready",
      },
      Object {
        "lastTransitionTime": "2026-11-20T12:00:00Z",
        "message": "the cluster is not hibernated",
        "reason": "Awake",
        "status": "False",
        "type": "Hibernated",
      },
      Object {
        "lastTransitionTime": "2026-11-20T12:00:00Z",
        "message": "every requested change is declared",
        "reason": "Applied",
        "status": "True",
        "type": "SpecApplied",
      },
      Object {
        "lastTransitionTime": "2026-11-20T12:00:00Z",
        "message": "the setup Job starts once a database pod is ready",
        "reason": "WaitingForPrimary",
        "status": "False",
        "type": "DatabaseSetup",
      },
      Object {
        "lastTransitionTime": "2026-11-20T12:00:00Z",
        "message": "waiting for a ready database pod",
        "reason": "Waiting",
        "status": "False",
        "type": "PatroniConfigured",
      },
      Object {
        "lastTransitionTime": "2026-11-20T12:00:00Z",
        "message": "every database pod runs the current pod template",
        "reason": "Succeeded",
        "status": "True",
        "type": "RollingUpdate",
      },
      Object {
        "lastTransitionTime": "2026-11-20T12:00:00Z",
        "message": "no data volume claim exists yet; new ones request 10Gi",
        "reason": "Succeeded",
        "status": "True",
        "type": "VolumesResized",
      },
      Object {
        "lastTransitionTime": "2026-11-20T12:00:00Z",
        "message": "PostgreSQL 17 runs, as the manifest asks",
        "reason": "Succeeded",
        "status": "True",
        "type": "MajorVersionUpgrade",
      },
    ],
    "majorVersion": Object {
      "current": "17",
    },
    "observedGeneration": 1,
    "PostgresClusterStatus": "Creating",
    "readyInstances": 0,
  },
}
`

exports[`test/fixtures.test.ts > TAP > logical-backup > sync response 1`] = `
Object {
  "children": Array [
    Object {
      "apiVersion": "apps/v1",
      "kind": "StatefulSet",
      "metadata": Object {
        "labels": Object {
          "application": "spilo",
          "cluster-name": "acid-backed-up",
          "team": "acid",
        },
        "name": "acid-backed-up",
        "namespace": "default",
      },
      "spec": Object {
        "persistentVolumeClaimRetentionPolicy": Object {
          "whenDeleted": "Retain",
          "whenScaled": "Retain",
        },
        "podManagementPolicy": "OrderedReady",
        "replicas": 2,
        "selector": Object {
          "matchLabels": Object {
            "application": "spilo",
            "cluster-name": "acid-backed-up",
          },
        },
        "serviceName": "acid-backed-up",
        "template": Object {
          "metadata": Object {
            "annotations": Object {
              "backup.example.com/owner": "team-acid",
              "postgres-metacontroller.io/pod-template-hash": "6b8a713fb862b5be",
            },
            "labels": Object {
              "application": "spilo",
              "cluster-name": "acid-backed-up",
              "team": "acid",
            },
          },
          "spec": Object {
            "containers": Array [
              Object {
                "env": Array [
                  Object {
                    "name": "SCOPE",
                    "value": "acid-backed-up",
                  },
                  Object {
                    "name": "PGROOT",
                    "value": "/home/postgres/pgdata/pgroot",
                  },
                  Object {
                    "name": "POD_IP",
                    "valueFrom": Object {
                      "fieldRef": Object {
                        "apiVersion": "v1",
                        "fieldPath": "status.podIP",
                      },
                    },
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
                    "name": "PGUSER_SUPERUSER",
                    "value": "postgres",
                  },
                  Object {
                    "name": "KUBERNETES_SCOPE_LABEL",
                    "value": "cluster-name",
                  },
                  Object {
                    "name": "KUBERNETES_ROLE_LABEL",
                    "value": "spilo-role",
                  },
                  Object {
                    "name": "PGPASSWORD_SUPERUSER",
                    "valueFrom": Object {
                      "secretKeyRef": Object {
                        "key": "password",
                        "name": "postgres.acid-backed-up.credentials.postgresql.acid.zalan.do",
                      },
                    },
                  },
                  Object {
                    "name": "PGUSER_STANDBY",
                    "value": "standby",
                  },
                  Object {
                    "name": "PGPASSWORD_STANDBY",
                    "valueFrom": Object {
                      "secretKeyRef": Object {
                        "key": "password",
                        "name": "standby.acid-backed-up.credentials.postgresql.acid.zalan.do",
                      },
                    },
                  },
                  Object {
                    "name": "PAM_OAUTH2",
                    "value": "https://info.example.com/oauth2/tokeninfo?access_token= uid realm=/employees",
                  },
                  Object {
                    "name": "HUMAN_ROLE",
                    "value": "zalandos",
                  },
                  Object {
                    "name": "PGVERSION",
                    "value": "17",
                  },
                  Object {
                    "name": "KUBERNETES_LABELS",
                    "value": "{\\"application\\":\\"spilo\\"}",
                  },
                  Object {
                    "name": "SPILO_CONFIGURATION",
                    "value": "{\\"postgresql\\":{},\\"bootstrap\\":{\\"initdb\\":[{\\"auth-host\\":\\"scram-sha-256\\"},{\\"auth-local\\":\\"trust\\"}],\\"dcs\\":{\\"failsafe_mode\\":false}}}",
                  },
                  Object {
                    "name": "DCS_ENABLE_KUBERNETES_API",
                    "value": "true",
                  },
                  Object {
                    "name": "KUBERNETES_BOOTSTRAP_LABELS",
                    "value": "{\\"critical-operation\\":\\"true\\"}",
                  },
                  Object {
                    "name": "KUBERNETES_USE_CONFIGMAPS",
                    "value": "true",
                  },
                ],
                "image": "ghcr.io/zalando/spilo-18:4.1-p2",
                "imagePullPolicy": "IfNotPresent",
                "name": "postgres",
                "ports": Array [
                  Object {
                    "containerPort": 8008,
                    "protocol": "TCP",
                  },
                  Object {
                    "containerPort": 5432,
                    "protocol": "TCP",
                  },
                  Object {
                    "containerPort": 8080,
                    "protocol": "TCP",
                  },
                ],
                "resources": Object {
                  "limits": Object {
                    "cpu": "1",
                    "memory": "500Mi",
                  },
                  "requests": Object {
                    "cpu": "100m",
                    "memory": "100Mi",
                  },
                },
                "securityContext": Object {
                  "allowPrivilegeEscalation": true,
                  "privileged": false,
                  "readOnlyRootFilesystem": false,
                },
                "volumeMounts": Array [
                  Object {
                    "mountPath": "/home/postgres/pgdata",
                    "name": "pgdata",
                  },
                  Object {
                    "mountPath": "/dev/shm",
                    "name": "dshm",
                  },
                ],
              },
            ],
            "serviceAccountName": "postgres-pod",
            "terminationGracePeriodSeconds": 300,
            "volumes": Array [
              Object {
                "emptyDir": Object {
                  "medium": "Memory",
                },
                "name": "dshm",
              },
            ],
          },
        },
        "updateStrategy": Object {
          "type": "OnDelete",
        },
        "volumeClaimTemplates": Array [
          Object {
            "apiVersion": "v1",
            "kind": "PersistentVolumeClaim",
            "metadata": Object {
              "labels": Object {
                "application": "spilo",
                "cluster-name": "acid-backed-up",
                "team": "acid",
              },
              "name": "pgdata",
            },
            "spec": Object {
              "accessModes": Array [
                "ReadWriteOnce",
              ],
              "resources": Object {
                "requests": Object {
                  "storage": "10Gi",
                },
              },
              "volumeMode": "Filesystem",
            },
          },
        ],
      },
    },
    Object {
      "apiVersion": "v1",
      "kind": "Service",
      "metadata": Object {
        "labels": Object {
          "application": "spilo",
          "cluster-name": "acid-backed-up",
          "spilo-role": "master",
          "team": "acid",
        },
        "name": "acid-backed-up",
        "namespace": "default",
      },
      "spec": Object {
        "ports": Array [
          Object {
            "name": "postgresql",
            "port": 5432,
            "targetPort": 5432,
          },
        ],
        "selector": Object {
          "application": "spilo",
          "cluster-name": "acid-backed-up",
          "spilo-role": "master",
        },
        "type": "ClusterIP",
      },
    },
    Object {
      "apiVersion": "v1",
      "kind": "Service",
      "metadata": Object {
        "labels": Object {
          "application": "spilo",
          "cluster-name": "acid-backed-up",
          "spilo-role": "replica",
          "team": "acid",
        },
        "name": "acid-backed-up-repl",
        "namespace": "default",
      },
      "spec": Object {
        "ports": Array [
          Object {
            "name": "postgresql",
            "port": 5432,
            "targetPort": 5432,
          },
        ],
        "selector": Object {
          "application": "spilo",
          "cluster-name": "acid-backed-up",
          "spilo-role": "replica",
        },
        "type": "ClusterIP",
      },
    },
    Object {
      "apiVersion": "policy/v1",
      "kind": "PodDisruptionBudget",
      "metadata": Object {
        "labels": Object {
          "application": "spilo",
          "cluster-name": "acid-backed-up",
          "team": "acid",
        },
        "name": "postgres-acid-backed-up-pdb",
        "namespace": "default",
      },
      "spec": Object {
        "minAvailable": 1,
        "selector": Object {
          "matchLabels": Object {
            "application": "spilo",
            "cluster-name": "acid-backed-up",
            "spilo-role": "master",
          },
        },
      },
    },
    Object {
      "apiVersion": "policy/v1",
      "kind": "PodDisruptionBudget",
      "metadata": Object {
        "labels": Object {
          "application": "spilo",
          "cluster-name": "acid-backed-up",
          "team": "acid",
        },
        "name": "postgres-acid-backed-up-critical-op-pdb",
        "namespace": "default",
      },
      "spec": Object {
        "maxUnavailable": 0,
        "selector": Object {
          "matchLabels": Object {
            "application": "spilo",
            "cluster-name": "acid-backed-up",
            "critical-operation": "true",
          },
        },
      },
    },
    Object {
      "apiVersion": "v1",
      "data": Object {
        "host": "YWNpZC1iYWNrZWQtdXAuZGVmYXVsdC5zdmMuY2x1c3Rlci5sb2NhbA==",
        "jdbc-uri": "amRiYzpwb3N0Z3Jlc3FsOi8vYWNpZC1iYWNrZWQtdXAuZGVmYXVsdC5zdmMuY2x1c3Rlci5sb2NhbDo1NDMyLz91c2VyPXBvc3RncmVzJnBhc3N3b3JkPVltTk5EOUtVZ0FJenY2QUxiUlpTYlA1R1I4SjJ2OWVLQ09VUzVBNUVHNmdiTFRSZFo5ZDJYaUlQbUFWNkE0R00=",
        "password": "WW1OTkQ5S1VnQUl6djZBTGJSWlNiUDVHUjhKMnY5ZUtDT1VTNUE1RUc2Z2JMVFJkWjlkMlhpSVBtQVY2QTRHTQ==",
        "port": "NTQzMg==",
        "uri": "cG9zdGdyZXNxbDovL3Bvc3RncmVzOlltTk5EOUtVZ0FJenY2QUxiUlpTYlA1R1I4SjJ2OWVLQ09VUzVBNUVHNmdiTFRSZFo5ZDJYaUlQbUFWNkE0R01AYWNpZC1iYWNrZWQtdXAuZGVmYXVsdC5zdmMuY2x1c3Rlci5sb2NhbDo1NDMy",
        "username": "cG9zdGdyZXM=",
      },
      "kind": "Secret",
      "metadata": Object {
        "labels": Object {
          "application": "spilo",
          "cluster-name": "acid-backed-up",
          "team": "acid",
        },
        "name": "postgres.acid-backed-up.credentials.postgresql.acid.zalan.do",
        "namespace": "default",
      },
      "type": "Opaque",
    },
    Object {
      "apiVersion": "v1",
      "data": Object {
        "host": "YWNpZC1iYWNrZWQtdXAuZGVmYXVsdC5zdmMuY2x1c3Rlci5sb2NhbA==",
        "jdbc-uri": "amRiYzpwb3N0Z3Jlc3FsOi8vYWNpZC1iYWNrZWQtdXAuZGVmYXVsdC5zdmMuY2x1c3Rlci5sb2NhbDo1NDMyLz91c2VyPXN0YW5kYnkmcGFzc3dvcmQ9SHBkOTJ3UGJsVlcwRFRFT2loRkRyYU1sQnFDU3lwVWFiZER0cllwUkNQS0ZQZnQyTGJmVWZ5Z2E3YTJBcndQOQ==",
        "password": "SHBkOTJ3UGJsVlcwRFRFT2loRkRyYU1sQnFDU3lwVWFiZER0cllwUkNQS0ZQZnQyTGJmVWZ5Z2E3YTJBcndQOQ==",
        "port": "NTQzMg==",
        "uri": "cG9zdGdyZXNxbDovL3N0YW5kYnk6SHBkOTJ3UGJsVlcwRFRFT2loRkRyYU1sQnFDU3lwVWFiZER0cllwUkNQS0ZQZnQyTGJmVWZ5Z2E3YTJBcndQOUBhY2lkLWJhY2tlZC11cC5kZWZhdWx0LnN2Yy5jbHVzdGVyLmxvY2FsOjU0MzI=",
        "username": "c3RhbmRieQ==",
      },
      "kind": "Secret",
      "metadata": Object {
        "labels": Object {
          "application": "spilo",
          "cluster-name": "acid-backed-up",
          "team": "acid",
        },
        "name": "standby.acid-backed-up.credentials.postgresql.acid.zalan.do",
        "namespace": "default",
      },
      "type": "Opaque",
    },
    Object {
      "apiVersion": "batch/v1",
      "kind": "CronJob",
      "metadata": Object {
        "annotations": Object {
          "backup.example.com/owner": "team-acid",
        },
        "labels": Object {
          "application": "spilo-logical-backup",
          "cluster-name": "acid-backed-up",
          "team": "acid",
        },
        "name": "logical-backup-acid-backed-up",
        "namespace": "default",
      },
      "spec": Object {
        "concurrencyPolicy": "Forbid",
        "failedJobsHistoryLimit": 3,
        "jobTemplate": Object {
          "metadata": Object {
            "annotations": Object {
              "backup.example.com/owner": "team-acid",
            },
            "labels": Object {
              "application": "spilo-logical-backup",
              "cluster-name": "acid-backed-up",
              "team": "acid",
            },
          },
          "spec": Object {
            "template": Object {
              "metadata": Object {
                "annotations": Object {
                  "backup.example.com/owner": "team-acid",
                },
                "labels": Object {
                  "application": "spilo-logical-backup",
                  "cluster-name": "acid-backed-up",
                  "team": "acid",
                },
              },
              "spec": Object {
                "affinity": Object {
                  "podAffinity": Object {
                    "preferredDuringSchedulingIgnoredDuringExecution": Array [
                      Object {
                        "podAffinityTerm": Object {
                          "labelSelector": Object {
                            "matchLabels": Object {
                              "application": "spilo-logical-backup",
                              "cluster-name": "acid-backed-up",
                              "team": "acid",
                            },
                          },
                          "topologyKey": "kubernetes.io/hostname",
                        },
                        "weight": 1,
                      },
                    ],
                  },
                },
                "containers": Array [
                  Object {
                    "env": Array [
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
                      },
                      Object {
                        "name": "LOGICAL_BACKUP_S3_ENDPOINT",
                      },
                      Object {
                        "name": "LOGICAL_BACKUP_S3_SSE",
                        "value": "AES256",
                      },
                      Object {
                        "name": "LOGICAL_BACKUP_S3_RETENTION_TIME",
                        "value": "14 days",
                      },
                    ],
                    "image": "ghcr.io/zalando/postgres-operator/logical-backup:v2.0.1",
                    "imagePullPolicy": "IfNotPresent",
                    "name": "logical-backup",
                    "ports": Array [
                      Object {
                        "containerPort": 8008,
                        "protocol": "TCP",
                      },
                      Object {
                        "containerPort": 5432,
                        "protocol": "TCP",
                      },
                      Object {
                        "containerPort": 8080,
                        "protocol": "TCP",
                      },
                    ],
                    "resources": Object {
                      "limits": Object {
                        "cpu": "1",
                        "memory": "500Mi",
                      },
                      "requests": Object {
                        "cpu": "100m",
                        "memory": "100Mi",
                      },
                    },
                    "securityContext": Object {
                      "allowPrivilegeEscalation": true,
                      "privileged": false,
                      "readOnlyRootFilesystem": false,
                    },
                    "terminationMessagePolicy": "FallbackToLogsOnError",
                  },
                ],
                "initContainers": Array [
                  Object {
                    "command": Array [
                      "node",
                      "dist/job-events/cli.js",
                      "--self",
                      "backup-events",
                      "--container",
                      "logical-backup",
                      "--cluster",
                      "acid-backed-up",
                      "--cluster-uid",
                      "d837e448-69c9-4d94-a9b8-25498f31f373",
                      "--cron-job",
                      "logical-backup-acid-backed-up",
                      "--wait-seconds",
                      "60",
                      "--termination-log",
                      "/dev/termination-log",
                    ],
                    "env": Array [
                      Object {
                        "name": "POD_NAME",
                        "valueFrom": Object {
                          "fieldRef": Object {
                            "apiVersion": "v1",
                            "fieldPath": "metadata.name",
                          },
                        },
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
                    ],
                    "image": "ghcr.io/postgres-metacontroller/postgres-metacontroller:0.1.0",
                    "imagePullPolicy": "IfNotPresent",
                    "name": "backup-events",
                    "resources": Object {
                      "limits": Object {
                        "cpu": "200m",
                        "memory": "128Mi",
                      },
                      "requests": Object {
                        "cpu": "10m",
                        "memory": "64Mi",
                      },
                    },
                    "restartPolicy": "Always",
                    "securityContext": Object {
                      "allowPrivilegeEscalation": false,
                      "capabilities": Object {
                        "drop": Array [
                          "ALL",
                        ],
                      },
                      "readOnlyRootFilesystem": true,
                      "runAsGroup": 10001,
                      "runAsNonRoot": true,
                      "runAsUser": 10001,
                      "seccompProfile": Object {
                        "type": "RuntimeDefault",
                      },
                    },
                    "terminationMessagePath": "/dev/termination-log",
                    "terminationMessagePolicy": "FallbackToLogsOnError",
                  },
                ],
                "restartPolicy": "Never",
                "serviceAccountName": "postgres-pod",
                "terminationGracePeriodSeconds": 300,
              },
            },
            "ttlSecondsAfterFinished": 86400,
          },
        },
        "schedule": "15 3 * * *",
        "successfulJobsHistoryLimit": 3,
      },
    },
    Object {
      "apiVersion": "v1",
      "data": Object {
        "state.json": String(
          {
            "cluster": "acid-backed-up",
            "passwordEncryption": "scram-sha-256",
            "roles": [],
            "databases": [],
            "preparedDatabases": []
          }
          
        ),
      },
      "immutable": true,
      "kind": "ConfigMap",
      "metadata": Object {
        "labels": Object {
          "application": "db-setup",
          "cluster-name": "acid-backed-up",
          "team": "acid",
        },
        "name": "acid-backed-up-setup-8f35b5371f",
        "namespace": "default",
      },
    },
  ],
  "resyncAfterSeconds": 1800,
  "status": Object {
    "conditions": Array [
      Object {
        "lastTransitionTime": "2026-11-20T12:00:00Z",
        "message": "the spec is valid",
        "reason": "SpecValid",
        "status": "True",
        "type": "Valid",
      },
      Object {
        "lastTransitionTime": "2026-11-20T12:00:00Z",
        "message": "no configuration warnings",
        "reason": "NoWarnings",
        "status": "False",
        "type": "Warnings",
      },
      Object {
        "lastTransitionTime": "2026-11-20T12:00:00Z",
        "message": "0 of 2 instances ready",
        "reason": "StatefulSetMissing",
        "status": "False",
        "type": "Ready",
      },
      Object {
        "lastTransitionTime": "2026-11-20T12:00:00Z",
        "message": "the cluster is not hibernated",
        "reason": "Awake",
        "status": "False",
        "type": "Hibernated",
      },
      Object {
        "lastTransitionTime": "2026-11-20T12:00:00Z",
        "message": "every requested change is declared",
        "reason": "Applied",
        "status": "True",
        "type": "SpecApplied",
      },
      Object {
        "lastTransitionTime": "2026-11-20T12:00:00Z",
        "message": "the setup Job starts once a database pod is ready",
        "reason": "WaitingForPrimary",
        "status": "False",
        "type": "DatabaseSetup",
      },
      Object {
        "lastTransitionTime": "2026-11-20T12:00:00Z",
        "message": "waiting for a ready database pod",
        "reason": "Waiting",
        "status": "False",
        "type": "PatroniConfigured",
      },
      Object {
        "lastTransitionTime": "2026-11-20T12:00:00Z",
        "message": "every database pod runs the current pod template",
        "reason": "Succeeded",
        "status": "True",
        "type": "RollingUpdate",
      },
      Object {
        "lastTransitionTime": "2026-11-20T12:00:00Z",
        "message": "no data volume claim exists yet; new ones request 10Gi",
        "reason": "Succeeded",
        "status": "True",
        "type": "VolumesResized",
      },
      Object {
        "lastTransitionTime": "2026-11-20T12:00:00Z",
        "message": "PostgreSQL 17 runs, as the manifest asks",
        "reason": "Succeeded",
        "status": "True",
        "type": "MajorVersionUpgrade",
      },
      Object {
        "lastTransitionTime": "2026-11-20T12:00:00Z",
        "message": "scheduled (15 3 * * *, CronJob logical-backup-acid-backed-up): last run none yet, last success none yet",
        "reason": "Scheduled",
        "status": "True",
        "type": "LogicalBackup",
      },
    ],
    "majorVersion": Object {
      "current": "17",
    },
    "observedGeneration": 1,
    "PostgresClusterStatus": "Creating",
    "readyInstances": 0,
  },
}
`

exports[`test/fixtures.test.ts > TAP > minimal > sync response 1`] = `
Object {
  "children": Array [
    Object {
      "apiVersion": "apps/v1",
      "kind": "StatefulSet",
      "metadata": Object {
        "labels": Object {
          "application": "spilo",
          "cluster-name": "acid-minimal-cluster",
          "team": "acid",
        },
        "name": "acid-minimal-cluster",
        "namespace": "default",
      },
      "spec": Object {
        "persistentVolumeClaimRetentionPolicy": Object {
          "whenDeleted": "Retain",
          "whenScaled": "Retain",
        },
        "podManagementPolicy": "OrderedReady",
        "replicas": 2,
        "selector": Object {
          "matchLabels": Object {
            "application": "spilo",
            "cluster-name": "acid-minimal-cluster",
          },
        },
        "serviceName": "acid-minimal-cluster",
        "template": Object {
          "metadata": Object {
            "annotations": Object {
              "postgres-metacontroller.io/pod-template-hash": "dbf2459528bef06c",
            },
            "labels": Object {
              "application": "spilo",
              "cluster-name": "acid-minimal-cluster",
              "team": "acid",
            },
          },
          "spec": Object {
            "containers": Array [
              Object {
                "env": Array [
                  Object {
                    "name": "SCOPE",
                    "value": "acid-minimal-cluster",
                  },
                  Object {
                    "name": "PGROOT",
                    "value": "/home/postgres/pgdata/pgroot",
                  },
                  Object {
                    "name": "POD_IP",
                    "valueFrom": Object {
                      "fieldRef": Object {
                        "apiVersion": "v1",
                        "fieldPath": "status.podIP",
                      },
                    },
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
                    "name": "PGUSER_SUPERUSER",
                    "value": "postgres",
                  },
                  Object {
                    "name": "KUBERNETES_SCOPE_LABEL",
                    "value": "cluster-name",
                  },
                  Object {
                    "name": "KUBERNETES_ROLE_LABEL",
                    "value": "spilo-role",
                  },
                  Object {
                    "name": "PGPASSWORD_SUPERUSER",
                    "valueFrom": Object {
                      "secretKeyRef": Object {
                        "key": "password",
                        "name": "postgres.acid-minimal-cluster.credentials.postgresql.acid.zalan.do",
                      },
                    },
                  },
                  Object {
                    "name": "PGUSER_STANDBY",
                    "value": "standby",
                  },
                  Object {
                    "name": "PGPASSWORD_STANDBY",
                    "valueFrom": Object {
                      "secretKeyRef": Object {
                        "key": "password",
                        "name": "standby.acid-minimal-cluster.credentials.postgresql.acid.zalan.do",
                      },
                    },
                  },
                  Object {
                    "name": "PAM_OAUTH2",
                    "value": "https://info.example.com/oauth2/tokeninfo?access_token= uid realm=/employees",
                  },
                  Object {
                    "name": "HUMAN_ROLE",
                    "value": "zalandos",
                  },
                  Object {
                    "name": "PGVERSION",
                    "value": "18",
                  },
                  Object {
                    "name": "KUBERNETES_LABELS",
                    "value": "{\\"application\\":\\"spilo\\"}",
                  },
                  Object {
                    "name": "SPILO_CONFIGURATION",
                    "value": "{\\"postgresql\\":{},\\"bootstrap\\":{\\"initdb\\":[{\\"auth-host\\":\\"scram-sha-256\\"},{\\"auth-local\\":\\"trust\\"}],\\"dcs\\":{\\"failsafe_mode\\":false}}}",
                  },
                  Object {
                    "name": "DCS_ENABLE_KUBERNETES_API",
                    "value": "true",
                  },
                  Object {
                    "name": "KUBERNETES_BOOTSTRAP_LABELS",
                    "value": "{\\"critical-operation\\":\\"true\\"}",
                  },
                  Object {
                    "name": "KUBERNETES_USE_CONFIGMAPS",
                    "value": "true",
                  },
                ],
                "image": "ghcr.io/zalando/spilo-18:4.1-p2",
                "imagePullPolicy": "IfNotPresent",
                "name": "postgres",
                "ports": Array [
                  Object {
                    "containerPort": 8008,
                    "protocol": "TCP",
                  },
                  Object {
                    "containerPort": 5432,
                    "protocol": "TCP",
                  },
                  Object {
                    "containerPort": 8080,
                    "protocol": "TCP",
                  },
                ],
                "resources": Object {
                  "limits": Object {
                    "cpu": "1",
                    "memory": "500Mi",
                  },
                  "requests": Object {
                    "cpu": "100m",
                    "memory": "100Mi",
                  },
                },
                "securityContext": Object {
                  "allowPrivilegeEscalation": true,
                  "privileged": false,
                  "readOnlyRootFilesystem": false,
                },
                "volumeMounts": Array [
                  Object {
                    "mountPath": "/home/postgres/pgdata",
                    "name": "pgdata",
                  },
                  Object {
                    "mountPath": "/dev/shm",
                    "name": "dshm",
                  },
                ],
              },
            ],
            "serviceAccountName": "postgres-pod",
            "terminationGracePeriodSeconds": 300,
            "volumes": Array [
              Object {
                "emptyDir": Object {
                  "medium": "Memory",
                },
                "name": "dshm",
              },
            ],
          },
        },
        "updateStrategy": Object {
          "type": "OnDelete",
        },
        "volumeClaimTemplates": Array [
          Object {
            "apiVersion": "v1",
            "kind": "PersistentVolumeClaim",
            "metadata": Object {
              "labels": Object {
                "application": "spilo",
                "cluster-name": "acid-minimal-cluster",
                "team": "acid",
              },
              "name": "pgdata",
            },
            "spec": Object {
              "accessModes": Array [
                "ReadWriteOnce",
              ],
              "resources": Object {
                "requests": Object {
                  "storage": "1Gi",
                },
              },
              "volumeMode": "Filesystem",
            },
          },
        ],
      },
    },
    Object {
      "apiVersion": "v1",
      "kind": "Service",
      "metadata": Object {
        "labels": Object {
          "application": "spilo",
          "cluster-name": "acid-minimal-cluster",
          "spilo-role": "master",
          "team": "acid",
        },
        "name": "acid-minimal-cluster",
        "namespace": "default",
      },
      "spec": Object {
        "ports": Array [
          Object {
            "name": "postgresql",
            "port": 5432,
            "targetPort": 5432,
          },
        ],
        "selector": Object {
          "application": "spilo",
          "cluster-name": "acid-minimal-cluster",
          "spilo-role": "master",
        },
        "type": "ClusterIP",
      },
    },
    Object {
      "apiVersion": "v1",
      "kind": "Service",
      "metadata": Object {
        "labels": Object {
          "application": "spilo",
          "cluster-name": "acid-minimal-cluster",
          "spilo-role": "replica",
          "team": "acid",
        },
        "name": "acid-minimal-cluster-repl",
        "namespace": "default",
      },
      "spec": Object {
        "ports": Array [
          Object {
            "name": "postgresql",
            "port": 5432,
            "targetPort": 5432,
          },
        ],
        "selector": Object {
          "application": "spilo",
          "cluster-name": "acid-minimal-cluster",
          "spilo-role": "replica",
        },
        "type": "ClusterIP",
      },
    },
    Object {
      "apiVersion": "policy/v1",
      "kind": "PodDisruptionBudget",
      "metadata": Object {
        "labels": Object {
          "application": "spilo",
          "cluster-name": "acid-minimal-cluster",
          "team": "acid",
        },
        "name": "postgres-acid-minimal-cluster-pdb",
        "namespace": "default",
      },
      "spec": Object {
        "minAvailable": 1,
        "selector": Object {
          "matchLabels": Object {
            "application": "spilo",
            "cluster-name": "acid-minimal-cluster",
            "spilo-role": "master",
          },
        },
      },
    },
    Object {
      "apiVersion": "policy/v1",
      "kind": "PodDisruptionBudget",
      "metadata": Object {
        "labels": Object {
          "application": "spilo",
          "cluster-name": "acid-minimal-cluster",
          "team": "acid",
        },
        "name": "postgres-acid-minimal-cluster-critical-op-pdb",
        "namespace": "default",
      },
      "spec": Object {
        "maxUnavailable": 0,
        "selector": Object {
          "matchLabels": Object {
            "application": "spilo",
            "cluster-name": "acid-minimal-cluster",
            "critical-operation": "true",
          },
        },
      },
    },
    Object {
      "apiVersion": "v1",
      "data": Object {
        "host": "YWNpZC1taW5pbWFsLWNsdXN0ZXIuZGVmYXVsdC5zdmMuY2x1c3Rlci5sb2NhbA==",
        "jdbc-uri": "amRiYzpwb3N0Z3Jlc3FsOi8vYWNpZC1taW5pbWFsLWNsdXN0ZXIuZGVmYXVsdC5zdmMuY2x1c3Rlci5sb2NhbDo1NDMyLz91c2VyPWZvb191c2VyJnBhc3N3b3JkPVltTk5EOUtVZ0FJenY2QUxiUlpTYlA1R1I4SjJ2OWVLQ09VUzVBNUVHNmdiTFRSZFo5ZDJYaUlQbUFWNkE0R00=",
        "password": "WW1OTkQ5S1VnQUl6djZBTGJSWlNiUDVHUjhKMnY5ZUtDT1VTNUE1RUc2Z2JMVFJkWjlkMlhpSVBtQVY2QTRHTQ==",
        "port": "NTQzMg==",
        "uri": "cG9zdGdyZXNxbDovL2Zvb191c2VyOlltTk5EOUtVZ0FJenY2QUxiUlpTYlA1R1I4SjJ2OWVLQ09VUzVBNUVHNmdiTFRSZFo5ZDJYaUlQbUFWNkE0R01AYWNpZC1taW5pbWFsLWNsdXN0ZXIuZGVmYXVsdC5zdmMuY2x1c3Rlci5sb2NhbDo1NDMy",
        "username": "Zm9vX3VzZXI=",
      },
      "kind": "Secret",
      "metadata": Object {
        "labels": Object {
          "application": "spilo",
          "cluster-name": "acid-minimal-cluster",
          "team": "acid",
        },
        "name": "foo-user.acid-minimal-cluster.credentials.postgresql.acid.zalan.do",
        "namespace": "default",
      },
      "type": "Opaque",
    },
    Object {
      "apiVersion": "v1",
      "data": Object {
        "dbname": "Zm9v",
        "host": "YWNpZC1taW5pbWFsLWNsdXN0ZXIuZGVmYXVsdC5zdmMuY2x1c3Rlci5sb2NhbA==",
        "jdbc-uri": "amRiYzpwb3N0Z3Jlc3FsOi8vYWNpZC1taW5pbWFsLWNsdXN0ZXIuZGVmYXVsdC5zdmMuY2x1c3Rlci5sb2NhbDo1NDMyL2Zvbz91c2VyPXphbGFuZG8mcGFzc3dvcmQ9SHBkOTJ3UGJsVlcwRFRFT2loRkRyYU1sQnFDU3lwVWFiZER0cllwUkNQS0ZQZnQyTGJmVWZ5Z2E3YTJBcndQOQ==",
        "password": "SHBkOTJ3UGJsVlcwRFRFT2loRkRyYU1sQnFDU3lwVWFiZER0cllwUkNQS0ZQZnQyTGJmVWZ5Z2E3YTJBcndQOQ==",
        "port": "NTQzMg==",
        "uri": "cG9zdGdyZXNxbDovL3phbGFuZG86SHBkOTJ3UGJsVlcwRFRFT2loRkRyYU1sQnFDU3lwVWFiZER0cllwUkNQS0ZQZnQyTGJmVWZ5Z2E3YTJBcndQOUBhY2lkLW1pbmltYWwtY2x1c3Rlci5kZWZhdWx0LnN2Yy5jbHVzdGVyLmxvY2FsOjU0MzIvZm9v",
        "username": "emFsYW5kbw==",
      },
      "kind": "Secret",
      "metadata": Object {
        "labels": Object {
          "application": "spilo",
          "cluster-name": "acid-minimal-cluster",
          "team": "acid",
        },
        "name": "zalando.acid-minimal-cluster.credentials.postgresql.acid.zalan.do",
        "namespace": "default",
      },
      "type": "Opaque",
    },
    Object {
      "apiVersion": "v1",
      "data": Object {
        "host": "YWNpZC1taW5pbWFsLWNsdXN0ZXIuZGVmYXVsdC5zdmMuY2x1c3Rlci5sb2NhbA==",
        "jdbc-uri": "amRiYzpwb3N0Z3Jlc3FsOi8vYWNpZC1taW5pbWFsLWNsdXN0ZXIuZGVmYXVsdC5zdmMuY2x1c3Rlci5sb2NhbDo1NDMyLz91c2VyPXBvc3RncmVzJnBhc3N3b3JkPVRDNUh2NVNHRkNVZ2tHc2w3cjJhS1hUcFhhNFZ0cTVnNm9mUklUeTlrNkFyMm90TjRMMG9ZNVlXeFFsUEpBTUo=",
        "password": "VEM1SHY1U0dGQ1Vna0dzbDdyMmFLWFRwWGE0VnRxNWc2b2ZSSVR5OWs2QXIyb3RONEwwb1k1WVd4UWxQSkFNSg==",
        "port": "NTQzMg==",
        "uri": "cG9zdGdyZXNxbDovL3Bvc3RncmVzOlRDNUh2NVNHRkNVZ2tHc2w3cjJhS1hUcFhhNFZ0cTVnNm9mUklUeTlrNkFyMm90TjRMMG9ZNVlXeFFsUEpBTUpAYWNpZC1taW5pbWFsLWNsdXN0ZXIuZGVmYXVsdC5zdmMuY2x1c3Rlci5sb2NhbDo1NDMy",
        "username": "cG9zdGdyZXM=",
      },
      "kind": "Secret",
      "metadata": Object {
        "labels": Object {
          "application": "spilo",
          "cluster-name": "acid-minimal-cluster",
          "team": "acid",
        },
        "name": "postgres.acid-minimal-cluster.credentials.postgresql.acid.zalan.do",
        "namespace": "default",
      },
      "type": "Opaque",
    },
    Object {
      "apiVersion": "v1",
      "data": Object {
        "host": "YWNpZC1taW5pbWFsLWNsdXN0ZXIuZGVmYXVsdC5zdmMuY2x1c3Rlci5sb2NhbA==",
        "jdbc-uri": "amRiYzpwb3N0Z3Jlc3FsOi8vYWNpZC1taW5pbWFsLWNsdXN0ZXIuZGVmYXVsdC5zdmMuY2x1c3Rlci5sb2NhbDo1NDMyLz91c2VyPXN0YW5kYnkmcGFzc3dvcmQ9WjR4ZkVMR0dvZktxTDljM3JxZktZZEc0YjEyVG1RVDNualFhNDV0OGVlRnVSWWg5UWJ3Y25UODl0cnN0QU04ZA==",
        "password": "WjR4ZkVMR0dvZktxTDljM3JxZktZZEc0YjEyVG1RVDNualFhNDV0OGVlRnVSWWg5UWJ3Y25UODl0cnN0QU04ZA==",
        "port": "NTQzMg==",
        "uri": "cG9zdGdyZXNxbDovL3N0YW5kYnk6WjR4ZkVMR0dvZktxTDljM3JxZktZZEc0YjEyVG1RVDNualFhNDV0OGVlRnVSWWg5UWJ3Y25UODl0cnN0QU04ZEBhY2lkLW1pbmltYWwtY2x1c3Rlci5kZWZhdWx0LnN2Yy5jbHVzdGVyLmxvY2FsOjU0MzI=",
        "username": "c3RhbmRieQ==",
      },
      "kind": "Secret",
      "metadata": Object {
        "labels": Object {
          "application": "spilo",
          "cluster-name": "acid-minimal-cluster",
          "team": "acid",
        },
        "name": "standby.acid-minimal-cluster.credentials.postgresql.acid.zalan.do",
        "namespace": "default",
      },
      "type": "Opaque",
    },
    Object {
      "apiVersion": "v1",
      "data": Object {
        "state.json": String(
          {
            "cluster": "acid-minimal-cluster",
            "passwordEncryption": "scram-sha-256",
            "roles": [
              {
                "name": "foo_user",
                "flags": [
                  "LOGIN"
                ],
                "memberOf": [],
                "adminRole": "admin",
                "parameters": {},
                "passwordEnv": "PGMC_PASSWORD_0"
              },
              {
                "name": "zalando",
                "flags": [
                  "CREATEDB",
                  "LOGIN",
                  "SUPERUSER"
                ],
                "memberOf": [],
                "adminRole": "admin",
                "parameters": {},
                "passwordEnv": "PGMC_PASSWORD_1"
              },
              {
                "name": "bar_owner",
                "flags": [
                  "NOLOGIN"
                ],
                "memberOf": [],
                "adminRole": "admin",
                "parameters": {
                  "search_path": "\\\\"$user\\\\", \\\\"data\\\\""
                }
              },
              {
                "name": "bar_reader",
                "flags": [
                  "NOLOGIN"
                ],
                "memberOf": [],
                "adminRole": "bar_owner",
                "parameters": {
                  "search_path": "\\\\"$user\\\\", \\\\"data\\\\""
                }
              },
              {
                "name": "bar_writer",
                "flags": [
                  "NOLOGIN"
                ],
                "memberOf": [
                  "bar_reader"
                ],
                "adminRole": "bar_owner",
                "parameters": {
                  "search_path": "\\\\"$user\\\\", \\\\"data\\\\""
                }
              },
              {
                "name": "bar_data_owner",
                "flags": [
                  "NOLOGIN"
                ],
                "memberOf": [],
                "adminRole": "bar_owner",
                "parameters": {
                  "search_path": "\\\\"$user\\\\", \\\\"data\\\\""
                }
              },
              {
                "name": "bar_data_reader",
                "flags": [
                  "NOLOGIN"
                ],
                "memberOf": [],
                "adminRole": "bar_data_owner",
                "parameters": {
                  "search_path": "\\\\"$user\\\\", \\\\"data\\\\""
                }
              },
              {
                "name": "bar_data_writer",
                "flags": [
                  "NOLOGIN"
                ],
                "memberOf": [
                  "bar_data_reader"
                ],
                "adminRole": "bar_data_owner",
                "parameters": {
                  "search_path": "\\\\"$user\\\\", \\\\"data\\\\""
                }
              }
            ],
            "databases": [
              {
                "name": "bar",
                "owner": "bar_owner"
              },
              {
                "name": "foo",
                "owner": "zalando"
              }
            ],
            "preparedDatabases": [
              {
                "name": "bar",
                "owners": [
                  "bar_owner"
                ],
                "schemas": [
                  {
                    "name": "data",
                    "owner": "bar_data_owner",
                    "privileges": [
                      {
                        "prefix": "bar",
                        "owners": [
                          "bar_data_owner"
                        ]
                      },
                      {
                        "prefix": "bar_data",
                        "owners": [
                          "bar_owner",
                          "bar_data_owner"
                        ]
                      }
                    ]
                  }
                ],
                "extensions": {}
              }
            ]
          }
          
        ),
      },
      "immutable": true,
      "kind": "ConfigMap",
      "metadata": Object {
        "labels": Object {
          "application": "db-setup",
          "cluster-name": "acid-minimal-cluster",
          "team": "acid",
        },
        "name": "acid-minimal-cluster-setup-9fa248f1f1",
        "namespace": "default",
      },
    },
  ],
  "resyncAfterSeconds": 1800,
  "status": Object {
    "conditions": Array [
      Object {
        "lastTransitionTime": "2026-11-20T12:00:00Z",
        "message": "the spec is valid",
        "reason": "SpecValid",
        "status": "True",
        "type": "Valid",
      },
      Object {
        "lastTransitionTime": "2026-11-20T12:00:00Z",
        "message": "no configuration warnings",
        "reason": "NoWarnings",
        "status": "False",
        "type": "Warnings",
      },
      Object {
        "lastTransitionTime": "2026-11-20T12:00:00Z",
        "message": "0 of 2 instances ready",
        "reason": "StatefulSetMissing",
        "status": "False",
        "type": "Ready",
      },
      Object {
        "lastTransitionTime": "2026-11-20T12:00:00Z",
        "message": "the cluster is not hibernated",
        "reason": "Awake",
        "status": "False",
        "type": "Hibernated",
      },
      Object {
        "lastTransitionTime": "2026-11-20T12:00:00Z",
        "message": "every requested change is declared",
        "reason": "Applied",
        "status": "True",
        "type": "SpecApplied",
      },
      Object {
        "lastTransitionTime": "2026-11-20T12:00:00Z",
        "message": "the setup Job starts once a database pod is ready",
        "reason": "WaitingForPrimary",
        "status": "False",
        "type": "DatabaseSetup",
      },
      Object {
        "lastTransitionTime": "2026-11-20T12:00:00Z",
        "message": "waiting for a ready database pod",
        "reason": "Waiting",
        "status": "False",
        "type": "PatroniConfigured",
      },
      Object {
        "lastTransitionTime": "2026-11-20T12:00:00Z",
        "message": "every database pod runs the current pod template",
        "reason": "Succeeded",
        "status": "True",
        "type": "RollingUpdate",
      },
      Object {
        "lastTransitionTime": "2026-11-20T12:00:00Z",
        "message": "no data volume claim exists yet; new ones request 1Gi",
        "reason": "Succeeded",
        "status": "True",
        "type": "VolumesResized",
      },
      Object {
        "lastTransitionTime": "2026-11-20T12:00:00Z",
        "message": "PostgreSQL 18 runs, as the manifest asks",
        "reason": "Succeeded",
        "status": "True",
        "type": "MajorVersionUpgrade",
      },
    ],
    "majorVersion": Object {
      "current": "18",
    },
    "observedGeneration": 1,
    "PostgresClusterStatus": "Creating",
    "readyInstances": 0,
  },
}
`

exports[`test/fixtures.test.ts > TAP > pooler > sync response 1`] = `
Object {
  "children": Array [
    Object {
      "apiVersion": "apps/v1",
      "kind": "StatefulSet",
      "metadata": Object {
        "labels": Object {
          "application": "spilo",
          "cluster-name": "acid-pooled",
          "team": "acid",
        },
        "name": "acid-pooled",
        "namespace": "apps",
      },
      "spec": Object {
        "persistentVolumeClaimRetentionPolicy": Object {
          "whenDeleted": "Retain",
          "whenScaled": "Retain",
        },
        "podManagementPolicy": "OrderedReady",
        "replicas": 2,
        "selector": Object {
          "matchLabels": Object {
            "application": "spilo",
            "cluster-name": "acid-pooled",
          },
        },
        "serviceName": "acid-pooled",
        "template": Object {
          "metadata": Object {
            "annotations": Object {
              "postgres-metacontroller.io/pod-template-hash": "00086a3fbe6963e2",
            },
            "labels": Object {
              "application": "spilo",
              "cluster-name": "acid-pooled",
              "team": "acid",
            },
          },
          "spec": Object {
            "containers": Array [
              Object {
                "env": Array [
                  Object {
                    "name": "SCOPE",
                    "value": "acid-pooled",
                  },
                  Object {
                    "name": "PGROOT",
                    "value": "/home/postgres/pgdata/pgroot",
                  },
                  Object {
                    "name": "POD_IP",
                    "valueFrom": Object {
                      "fieldRef": Object {
                        "apiVersion": "v1",
                        "fieldPath": "status.podIP",
                      },
                    },
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
                    "name": "PGUSER_SUPERUSER",
                    "value": "postgres",
                  },
                  Object {
                    "name": "KUBERNETES_SCOPE_LABEL",
                    "value": "cluster-name",
                  },
                  Object {
                    "name": "KUBERNETES_ROLE_LABEL",
                    "value": "spilo-role",
                  },
                  Object {
                    "name": "PGPASSWORD_SUPERUSER",
                    "valueFrom": Object {
                      "secretKeyRef": Object {
                        "key": "password",
                        "name": "postgres.acid-pooled.credentials.postgresql.acid.zalan.do",
                      },
                    },
                  },
                  Object {
                    "name": "PGUSER_STANDBY",
                    "value": "standby",
                  },
                  Object {
                    "name": "PGPASSWORD_STANDBY",
                    "valueFrom": Object {
                      "secretKeyRef": Object {
                        "key": "password",
                        "name": "standby.acid-pooled.credentials.postgresql.acid.zalan.do",
                      },
                    },
                  },
                  Object {
                    "name": "PAM_OAUTH2",
                    "value": "https://info.example.com/oauth2/tokeninfo?access_token= uid realm=/employees",
                  },
                  Object {
                    "name": "HUMAN_ROLE",
                    "value": "zalandos",
                  },
                  Object {
                    "name": "PGVERSION",
                    "value": "18",
                  },
                  Object {
                    "name": "KUBERNETES_LABELS",
                    "value": "{\\"application\\":\\"spilo\\"}",
                  },
                  Object {
                    "name": "SPILO_CONFIGURATION",
                    "value": "{\\"postgresql\\":{},\\"bootstrap\\":{\\"initdb\\":[{\\"auth-host\\":\\"scram-sha-256\\"},{\\"auth-local\\":\\"trust\\"}],\\"dcs\\":{\\"failsafe_mode\\":false}}}",
                  },
                  Object {
                    "name": "DCS_ENABLE_KUBERNETES_API",
                    "value": "true",
                  },
                  Object {
                    "name": "KUBERNETES_BOOTSTRAP_LABELS",
                    "value": "{\\"critical-operation\\":\\"true\\"}",
                  },
                  Object {
                    "name": "KUBERNETES_USE_CONFIGMAPS",
                    "value": "true",
                  },
                ],
                "image": "ghcr.io/zalando/spilo-18:4.1-p2",
                "imagePullPolicy": "IfNotPresent",
                "name": "postgres",
                "ports": Array [
                  Object {
                    "containerPort": 8008,
                    "protocol": "TCP",
                  },
                  Object {
                    "containerPort": 5432,
                    "protocol": "TCP",
                  },
                  Object {
                    "containerPort": 8080,
                    "protocol": "TCP",
                  },
                ],
                "resources": Object {
                  "limits": Object {
                    "cpu": "1",
                    "memory": "500Mi",
                  },
                  "requests": Object {
                    "cpu": "100m",
                    "memory": "100Mi",
                  },
                },
                "securityContext": Object {
                  "allowPrivilegeEscalation": true,
                  "privileged": false,
                  "readOnlyRootFilesystem": false,
                },
                "volumeMounts": Array [
                  Object {
                    "mountPath": "/home/postgres/pgdata",
                    "name": "pgdata",
                  },
                  Object {
                    "mountPath": "/dev/shm",
                    "name": "dshm",
                  },
                ],
              },
            ],
            "serviceAccountName": "postgres-pod",
            "terminationGracePeriodSeconds": 300,
            "volumes": Array [
              Object {
                "emptyDir": Object {
                  "medium": "Memory",
                },
                "name": "dshm",
              },
            ],
          },
        },
        "updateStrategy": Object {
          "type": "OnDelete",
        },
        "volumeClaimTemplates": Array [
          Object {
            "apiVersion": "v1",
            "kind": "PersistentVolumeClaim",
            "metadata": Object {
              "labels": Object {
                "application": "spilo",
                "cluster-name": "acid-pooled",
                "team": "acid",
              },
              "name": "pgdata",
            },
            "spec": Object {
              "accessModes": Array [
                "ReadWriteOnce",
              ],
              "resources": Object {
                "requests": Object {
                  "storage": "5Gi",
                },
              },
              "volumeMode": "Filesystem",
            },
          },
        ],
      },
    },
    Object {
      "apiVersion": "v1",
      "kind": "Service",
      "metadata": Object {
        "labels": Object {
          "application": "spilo",
          "cluster-name": "acid-pooled",
          "spilo-role": "master",
          "team": "acid",
        },
        "name": "acid-pooled",
        "namespace": "apps",
      },
      "spec": Object {
        "ports": Array [
          Object {
            "name": "postgresql",
            "port": 5432,
            "targetPort": 5432,
          },
        ],
        "selector": Object {
          "application": "spilo",
          "cluster-name": "acid-pooled",
          "spilo-role": "master",
        },
        "type": "ClusterIP",
      },
    },
    Object {
      "apiVersion": "v1",
      "kind": "Service",
      "metadata": Object {
        "labels": Object {
          "application": "spilo",
          "cluster-name": "acid-pooled",
          "spilo-role": "replica",
          "team": "acid",
        },
        "name": "acid-pooled-repl",
        "namespace": "apps",
      },
      "spec": Object {
        "ports": Array [
          Object {
            "name": "postgresql",
            "port": 5432,
            "targetPort": 5432,
          },
        ],
        "selector": Object {
          "application": "spilo",
          "cluster-name": "acid-pooled",
          "spilo-role": "replica",
        },
        "type": "ClusterIP",
      },
    },
    Object {
      "apiVersion": "policy/v1",
      "kind": "PodDisruptionBudget",
      "metadata": Object {
        "labels": Object {
          "application": "spilo",
          "cluster-name": "acid-pooled",
          "team": "acid",
        },
        "name": "postgres-acid-pooled-pdb",
        "namespace": "apps",
      },
      "spec": Object {
        "minAvailable": 1,
        "selector": Object {
          "matchLabels": Object {
            "application": "spilo",
            "cluster-name": "acid-pooled",
            "spilo-role": "master",
          },
        },
      },
    },
    Object {
      "apiVersion": "policy/v1",
      "kind": "PodDisruptionBudget",
      "metadata": Object {
        "labels": Object {
          "application": "spilo",
          "cluster-name": "acid-pooled",
          "team": "acid",
        },
        "name": "postgres-acid-pooled-critical-op-pdb",
        "namespace": "apps",
      },
      "spec": Object {
        "maxUnavailable": 0,
        "selector": Object {
          "matchLabels": Object {
            "application": "spilo",
            "cluster-name": "acid-pooled",
            "critical-operation": "true",
          },
        },
      },
    },
    Object {
      "apiVersion": "v1",
      "data": Object {
        "dbname": "YXBw",
        "host": "YWNpZC1wb29sZWQuYXBwcy5zdmMuY2x1c3Rlci5sb2NhbA==",
        "jdbc-uri": "amRiYzpwb3N0Z3Jlc3FsOi8vYWNpZC1wb29sZWQuYXBwcy5zdmMuY2x1c3Rlci5sb2NhbDo1NDMyL2FwcD91c2VyPWFwcF9vd25lciZwYXNzd29yZD1ZbU5ORDlLVWdBSXp2NkFMYlJaU2JQNUdSOEoydjllS0NPVVM1QTVFRzZnYkxUUmRaOWQyWGlJUG1BVjZBNEdN",
        "password": "WW1OTkQ5S1VnQUl6djZBTGJSWlNiUDVHUjhKMnY5ZUtDT1VTNUE1RUc2Z2JMVFJkWjlkMlhpSVBtQVY2QTRHTQ==",
        "pooler-host": "YWNpZC1wb29sZWQtcG9vbGVyLmFwcHMuc3ZjLmNsdXN0ZXIubG9jYWw=",
        "pooler-port": "NTQzMg==",
        "pooler-uri": "cG9zdGdyZXNxbDovL2FwcF9vd25lcjpZbU5ORDlLVWdBSXp2NkFMYlJaU2JQNUdSOEoydjllS0NPVVM1QTVFRzZnYkxUUmRaOWQyWGlJUG1BVjZBNEdNQGFjaWQtcG9vbGVkLXBvb2xlci5hcHBzLnN2Yy5jbHVzdGVyLmxvY2FsOjU0MzIvYXBw",
        "port": "NTQzMg==",
        "uri": "cG9zdGdyZXNxbDovL2FwcF9vd25lcjpZbU5ORDlLVWdBSXp2NkFMYlJaU2JQNUdSOEoydjllS0NPVVM1QTVFRzZnYkxUUmRaOWQyWGlJUG1BVjZBNEdNQGFjaWQtcG9vbGVkLmFwcHMuc3ZjLmNsdXN0ZXIubG9jYWw6NTQzMi9hcHA=",
        "username": "YXBwX293bmVy",
      },
      "kind": "Secret",
      "metadata": Object {
        "labels": Object {
          "application": "spilo",
          "cluster-name": "acid-pooled",
          "team": "acid",
        },
        "name": "app-owner.acid-pooled.credentials.postgresql.acid.zalan.do",
        "namespace": "apps",
      },
      "type": "Opaque",
    },
    Object {
      "apiVersion": "v1",
      "data": Object {
        "host": "YWNpZC1wb29sZWQuYXBwcy5zdmMuY2x1c3Rlci5sb2NhbA==",
        "jdbc-uri": "amRiYzpwb3N0Z3Jlc3FsOi8vYWNpZC1wb29sZWQuYXBwcy5zdmMuY2x1c3Rlci5sb2NhbDo1NDMyLz91c2VyPXBvc3RncmVzJnBhc3N3b3JkPUhwZDkyd1BibFZXMERURU9paEZEcmFNbEJxQ1N5cFVhYmREdHJZcFJDUEtGUGZ0MkxiZlVmeWdhN2EyQXJ3UDk=",
        "password": "SHBkOTJ3UGJsVlcwRFRFT2loRkRyYU1sQnFDU3lwVWFiZER0cllwUkNQS0ZQZnQyTGJmVWZ5Z2E3YTJBcndQOQ==",
        "pooler-host": "YWNpZC1wb29sZWQtcG9vbGVyLmFwcHMuc3ZjLmNsdXN0ZXIubG9jYWw=",
        "pooler-port": "NTQzMg==",
        "pooler-uri": "cG9zdGdyZXNxbDovL3Bvc3RncmVzOkhwZDkyd1BibFZXMERURU9paEZEcmFNbEJxQ1N5cFVhYmREdHJZcFJDUEtGUGZ0MkxiZlVmeWdhN2EyQXJ3UDlAYWNpZC1wb29sZWQtcG9vbGVyLmFwcHMuc3ZjLmNsdXN0ZXIubG9jYWw6NTQzMg==",
        "port": "NTQzMg==",
        "uri": "cG9zdGdyZXNxbDovL3Bvc3RncmVzOkhwZDkyd1BibFZXMERURU9paEZEcmFNbEJxQ1N5cFVhYmREdHJZcFJDUEtGUGZ0MkxiZlVmeWdhN2EyQXJ3UDlAYWNpZC1wb29sZWQuYXBwcy5zdmMuY2x1c3Rlci5sb2NhbDo1NDMy",
        "username": "cG9zdGdyZXM=",
      },
      "kind": "Secret",
      "metadata": Object {
        "labels": Object {
          "application": "spilo",
          "cluster-name": "acid-pooled",
          "team": "acid",
        },
        "name": "postgres.acid-pooled.credentials.postgresql.acid.zalan.do",
        "namespace": "apps",
      },
      "type": "Opaque",
    },
    Object {
      "apiVersion": "v1",
      "data": Object {
        "host": "YWNpZC1wb29sZWQuYXBwcy5zdmMuY2x1c3Rlci5sb2NhbA==",
        "jdbc-uri": "amRiYzpwb3N0Z3Jlc3FsOi8vYWNpZC1wb29sZWQuYXBwcy5zdmMuY2x1c3Rlci5sb2NhbDo1NDMyLz91c2VyPXN0YW5kYnkmcGFzc3dvcmQ9VEM1SHY1U0dGQ1Vna0dzbDdyMmFLWFRwWGE0VnRxNWc2b2ZSSVR5OWs2QXIyb3RONEwwb1k1WVd4UWxQSkFNSg==",
        "password": "VEM1SHY1U0dGQ1Vna0dzbDdyMmFLWFRwWGE0VnRxNWc2b2ZSSVR5OWs2QXIyb3RONEwwb1k1WVd4UWxQSkFNSg==",
        "pooler-host": "YWNpZC1wb29sZWQtcG9vbGVyLmFwcHMuc3ZjLmNsdXN0ZXIubG9jYWw=",
        "pooler-port": "NTQzMg==",
        "pooler-uri": "cG9zdGdyZXNxbDovL3N0YW5kYnk6VEM1SHY1U0dGQ1Vna0dzbDdyMmFLWFRwWGE0VnRxNWc2b2ZSSVR5OWs2QXIyb3RONEwwb1k1WVd4UWxQSkFNSkBhY2lkLXBvb2xlZC1wb29sZXIuYXBwcy5zdmMuY2x1c3Rlci5sb2NhbDo1NDMy",
        "port": "NTQzMg==",
        "uri": "cG9zdGdyZXNxbDovL3N0YW5kYnk6VEM1SHY1U0dGQ1Vna0dzbDdyMmFLWFRwWGE0VnRxNWc2b2ZSSVR5OWs2QXIyb3RONEwwb1k1WVd4UWxQSkFNSkBhY2lkLXBvb2xlZC5hcHBzLnN2Yy5jbHVzdGVyLmxvY2FsOjU0MzI=",
        "username": "c3RhbmRieQ==",
      },
      "kind": "Secret",
      "metadata": Object {
        "labels": Object {
          "application": "spilo",
          "cluster-name": "acid-pooled",
          "team": "acid",
        },
        "name": "standby.acid-pooled.credentials.postgresql.acid.zalan.do",
        "namespace": "apps",
      },
      "type": "Opaque",
    },
    Object {
      "apiVersion": "v1",
      "data": Object {
        "host": "YWNpZC1wb29sZWQuYXBwcy5zdmMuY2x1c3Rlci5sb2NhbA==",
        "jdbc-uri": "amRiYzpwb3N0Z3Jlc3FsOi8vYWNpZC1wb29sZWQuYXBwcy5zdmMuY2x1c3Rlci5sb2NhbDo1NDMyLz91c2VyPXBvb2xlciZwYXNzd29yZD1aNHhmRUxHR29mS3FMOWMzcnFmS1lkRzRiMTJUbVFUM25qUWE0NXQ4ZWVGdVJZaDlRYndjblQ4OXRyc3RBTThk",
        "password": "WjR4ZkVMR0dvZktxTDljM3JxZktZZEc0YjEyVG1RVDNualFhNDV0OGVlRnVSWWg5UWJ3Y25UODl0cnN0QU04ZA==",
        "pooler-host": "YWNpZC1wb29sZWQtcG9vbGVyLmFwcHMuc3ZjLmNsdXN0ZXIubG9jYWw=",
        "pooler-port": "NTQzMg==",
        "pooler-uri": "cG9zdGdyZXNxbDovL3Bvb2xlcjpaNHhmRUxHR29mS3FMOWMzcnFmS1lkRzRiMTJUbVFUM25qUWE0NXQ4ZWVGdVJZaDlRYndjblQ4OXRyc3RBTThkQGFjaWQtcG9vbGVkLXBvb2xlci5hcHBzLnN2Yy5jbHVzdGVyLmxvY2FsOjU0MzI=",
        "port": "NTQzMg==",
        "uri": "cG9zdGdyZXNxbDovL3Bvb2xlcjpaNHhmRUxHR29mS3FMOWMzcnFmS1lkRzRiMTJUbVFUM25qUWE0NXQ4ZWVGdVJZaDlRYndjblQ4OXRyc3RBTThkQGFjaWQtcG9vbGVkLmFwcHMuc3ZjLmNsdXN0ZXIubG9jYWw6NTQzMg==",
        "username": "cG9vbGVy",
      },
      "kind": "Secret",
      "metadata": Object {
        "labels": Object {
          "application": "db-connection-pooler",
          "cluster-name": "acid-pooled",
          "connection-pooler": "acid-pooled-pooler",
        },
        "name": "pooler.acid-pooled.credentials.postgresql.acid.zalan.do",
        "namespace": "apps",
      },
      "type": "Opaque",
    },
    Object {
      "apiVersion": "apps/v1",
      "kind": "Deployment",
      "metadata": Object {
        "annotations": Object {
          "postgres-metacontroller.io/pooler-credentials": "2757bf9bf1270c23",
        },
        "labels": Object {
          "application": "db-connection-pooler",
          "cluster-name": "acid-pooled",
          "connection-pooler": "acid-pooled-pooler",
          "spilo-role": "master",
          "team": "acid",
        },
        "name": "acid-pooled-pooler",
        "namespace": "apps",
      },
      "spec": Object {
        "replicas": 3,
        "selector": Object {
          "matchLabels": Object {
            "application": "db-connection-pooler",
            "cluster-name": "acid-pooled",
            "connection-pooler": "acid-pooled-pooler",
          },
        },
        "template": Object {
          "metadata": Object {
            "annotations": Object {
              "postgres-metacontroller.io/pooler-credentials": "2757bf9bf1270c23",
            },
            "labels": Object {
              "application": "db-connection-pooler",
              "cluster-name": "acid-pooled",
              "connection-pooler": "acid-pooled-pooler",
              "spilo-role": "master",
              "team": "acid",
            },
          },
          "spec": Object {
            "containers": Array [
              Object {
                "env": Array [
                  Object {
                    "name": "PGHOST",
                    "value": "acid-pooled",
                  },
                  Object {
                    "name": "PGPORT",
                    "value": "5432",
                  },
                  Object {
                    "name": "PGUSER",
                    "valueFrom": Object {
                      "secretKeyRef": Object {
                        "key": "username",
                        "name": "pooler.acid-pooled.credentials.postgresql.acid.zalan.do",
                      },
                    },
                  },
                  Object {
                    "name": "PGSCHEMA",
                    "value": "pooler",
                  },
                  Object {
                    "name": "PGPASSWORD",
                    "valueFrom": Object {
                      "secretKeyRef": Object {
                        "key": "password",
                        "name": "pooler.acid-pooled.credentials.postgresql.acid.zalan.do",
                      },
                    },
                  },
                  Object {
                    "name": "CONNECTION_POOLER_PORT",
                    "value": "5432",
                  },
                  Object {
                    "name": "CONNECTION_POOLER_MODE",
                    "value": "session",
                  },
                  Object {
                    "name": "CONNECTION_POOLER_DEFAULT_SIZE",
                    "value": "15",
                  },
                  Object {
                    "name": "CONNECTION_POOLER_MIN_SIZE",
                    "value": "7",
                  },
                  Object {
                    "name": "CONNECTION_POOLER_RESERVE_SIZE",
                    "value": "7",
                  },
                  Object {
                    "name": "CONNECTION_POOLER_MAX_CLIENT_CONN",
                    "value": "10000",
                  },
                  Object {
                    "name": "CONNECTION_POOLER_MAX_DB_CONN",
                    "value": "30",
                  },
                ],
                "image": "ghcr.io/zalando/postgres-operator/pgbouncer:v2.0.1",
                "imagePullPolicy": "IfNotPresent",
                "name": "connection-pooler",
                "ports": Array [
                  Object {
                    "containerPort": 5432,
                    "protocol": "TCP",
                  },
                ],
                "readinessProbe": Object {
                  "tcpSocket": Object {
                    "port": 5432,
                  },
                },
                "resources": Object {
                  "limits": Object {
                    "cpu": "1",
                    "memory": "128Mi",
                  },
                  "requests": Object {
                    "cpu": "250m",
                    "memory": "64Mi",
                  },
                },
                "securityContext": Object {
                  "allowPrivilegeEscalation": false,
                },
                "volumeMounts": Array [
                  Object {
                    "mountPath": "/etc/pgbouncer/userlist.txt",
                    "name": "acid-pooled-pooler-u",
                    "readOnly": true,
                    "subPath": "userlist.txt",
                  },
                ],
              },
            ],
            "securityContext": Object {
              "runAsGroup": 101,
              "runAsUser": 100,
            },
            "serviceAccountName": "postgres-pod",
            "terminationGracePeriodSeconds": 300,
            "topologySpreadConstraints": Array [
              Object {
                "labelSelector": Object {
                  "matchLabels": Object {
                    "application": "db-connection-pooler",
                    "cluster-name": "acid-pooled",
                    "connection-pooler": "acid-pooled-pooler",
                  },
                },
                "maxSkew": 1,
                "topologyKey": "topology.kubernetes.io/zone",
                "whenUnsatisfiable": "ScheduleAnyway",
              },
              Object {
                "labelSelector": Object {
                  "matchLabels": Object {
                    "application": "db-connection-pooler",
                    "cluster-name": "acid-pooled",
                    "connection-pooler": "acid-pooled-pooler",
                  },
                },
                "maxSkew": 1,
                "topologyKey": "kubernetes.io/hostname",
                "whenUnsatisfiable": "ScheduleAnyway",
              },
            ],
            "volumes": Array [
              Object {
                "name": "acid-pooled-pooler-u",
                "secret": Object {
                  "secretName": "acid-pooled-pooler-u",
                },
              },
            ],
          },
        },
      },
    },
    Object {
      "apiVersion": "v1",
      "kind": "Service",
      "metadata": Object {
        "labels": Object {
          "application": "db-connection-pooler",
          "cluster-name": "acid-pooled",
          "connection-pooler": "acid-pooled-pooler",
        },
        "name": "acid-pooled-pooler",
        "namespace": "apps",
      },
      "spec": Object {
        "ports": Array [
          Object {
            "name": "acid-pooled-pooler",
            "port": 5432,
            "targetPort": 5432,
          },
        ],
        "selector": Object {
          "connection-pooler": "acid-pooled-pooler",
        },
        "type": "ClusterIP",
      },
    },
    Object {
      "apiVersion": "v1",
      "data": Object {
        "userlist.txt": "InBvb2xlciIgIlo0eGZFTEdHb2ZLcUw5YzNycWZLWWRHNGIxMlRtUVQzbmpRYTQ1dDhlZUZ1UlloOVFid2NuVDg5dHJzdEFNOGQiCg==",
      },
      "kind": "Secret",
      "metadata": Object {
        "labels": Object {
          "application": "db-connection-pooler",
          "cluster-name": "acid-pooled",
          "connection-pooler": "acid-pooled-pooler",
          "spilo-role": "master",
          "team": "acid",
        },
        "name": "acid-pooled-pooler-u",
        "namespace": "apps",
      },
      "type": "Opaque",
    },
    Object {
      "apiVersion": "policy/v1",
      "kind": "PodDisruptionBudget",
      "metadata": Object {
        "labels": Object {
          "application": "db-connection-pooler",
          "cluster-name": "acid-pooled",
          "connection-pooler": "acid-pooled-pooler",
          "spilo-role": "master",
          "team": "acid",
        },
        "name": "acid-pooled-pooler-pdb",
        "namespace": "apps",
      },
      "spec": Object {
        "maxUnavailable": 1,
        "selector": Object {
          "matchLabels": Object {
            "application": "db-connection-pooler",
            "cluster-name": "acid-pooled",
            "connection-pooler": "acid-pooled-pooler",
          },
        },
      },
    },
    Object {
      "apiVersion": "apps/v1",
      "kind": "Deployment",
      "metadata": Object {
        "annotations": Object {
          "postgres-metacontroller.io/pooler-credentials": "2757bf9bf1270c23",
        },
        "labels": Object {
          "application": "db-connection-pooler",
          "cluster-name": "acid-pooled",
          "connection-pooler": "acid-pooled-pooler-repl",
          "spilo-role": "replica",
          "team": "acid",
        },
        "name": "acid-pooled-pooler-repl",
        "namespace": "apps",
      },
      "spec": Object {
        "replicas": 3,
        "selector": Object {
          "matchLabels": Object {
            "application": "db-connection-pooler",
            "cluster-name": "acid-pooled",
            "connection-pooler": "acid-pooled-pooler-repl",
          },
        },
        "template": Object {
          "metadata": Object {
            "annotations": Object {
              "postgres-metacontroller.io/pooler-credentials": "2757bf9bf1270c23",
            },
            "labels": Object {
              "application": "db-connection-pooler",
              "cluster-name": "acid-pooled",
              "connection-pooler": "acid-pooled-pooler-repl",
              "spilo-role": "replica",
              "team": "acid",
            },
          },
          "spec": Object {
            "containers": Array [
              Object {
                "env": Array [
                  Object {
                    "name": "PGHOST",
                    "value": "acid-pooled-repl",
                  },
                  Object {
                    "name": "PGPORT",
                    "value": "5432",
                  },
                  Object {
                    "name": "PGUSER",
                    "valueFrom": Object {
                      "secretKeyRef": Object {
                        "key": "username",
                        "name": "pooler.acid-pooled.credentials.postgresql.acid.zalan.do",
                      },
                    },
                  },
                  Object {
                    "name": "PGSCHEMA",
                    "value": "pooler",
                  },
                  Object {
                    "name": "PGPASSWORD",
                    "valueFrom": Object {
                      "secretKeyRef": Object {
                        "key": "password",
                        "name": "pooler.acid-pooled.credentials.postgresql.acid.zalan.do",
                      },
                    },
                  },
                  Object {
                    "name": "CONNECTION_POOLER_PORT",
                    "value": "5432",
                  },
                  Object {
                    "name": "CONNECTION_POOLER_MODE",
                    "value": "session",
                  },
                  Object {
                    "name": "CONNECTION_POOLER_DEFAULT_SIZE",
                    "value": "15",
                  },
                  Object {
                    "name": "CONNECTION_POOLER_MIN_SIZE",
                    "value": "7",
                  },
                  Object {
                    "name": "CONNECTION_POOLER_RESERVE_SIZE",
                    "value": "7",
                  },
                  Object {
                    "name": "CONNECTION_POOLER_MAX_CLIENT_CONN",
                    "value": "10000",
                  },
                  Object {
                    "name": "CONNECTION_POOLER_MAX_DB_CONN",
                    "value": "30",
                  },
                ],
                "image": "ghcr.io/zalando/postgres-operator/pgbouncer:v2.0.1",
                "imagePullPolicy": "IfNotPresent",
                "name": "connection-pooler",
                "ports": Array [
                  Object {
                    "containerPort": 5432,
                    "protocol": "TCP",
                  },
                ],
                "readinessProbe": Object {
                  "tcpSocket": Object {
                    "port": 5432,
                  },
                },
                "resources": Object {
                  "limits": Object {
                    "cpu": "1",
                    "memory": "128Mi",
                  },
                  "requests": Object {
                    "cpu": "250m",
                    "memory": "64Mi",
                  },
                },
                "securityContext": Object {
                  "allowPrivilegeEscalation": false,
                },
                "volumeMounts": Array [
                  Object {
                    "mountPath": "/etc/pgbouncer/userlist.txt",
                    "name": "acid-pooled-pooler-repl-u",
                    "readOnly": true,
                    "subPath": "userlist.txt",
                  },
                ],
              },
            ],
            "securityContext": Object {
              "runAsGroup": 101,
              "runAsUser": 100,
            },
            "serviceAccountName": "postgres-pod",
            "terminationGracePeriodSeconds": 300,
            "topologySpreadConstraints": Array [
              Object {
                "labelSelector": Object {
                  "matchLabels": Object {
                    "application": "db-connection-pooler",
                    "cluster-name": "acid-pooled",
                    "connection-pooler": "acid-pooled-pooler-repl",
                  },
                },
                "maxSkew": 1,
                "topologyKey": "topology.kubernetes.io/zone",
                "whenUnsatisfiable": "ScheduleAnyway",
              },
              Object {
                "labelSelector": Object {
                  "matchLabels": Object {
                    "application": "db-connection-pooler",
                    "cluster-name": "acid-pooled",
                    "connection-pooler": "acid-pooled-pooler-repl",
                  },
                },
                "maxSkew": 1,
                "topologyKey": "kubernetes.io/hostname",
                "whenUnsatisfiable": "ScheduleAnyway",
              },
            ],
            "volumes": Array [
              Object {
                "name": "acid-pooled-pooler-repl-u",
                "secret": Object {
                  "secretName": "acid-pooled-pooler-repl-u",
                },
              },
            ],
          },
        },
      },
    },
    Object {
      "apiVersion": "v1",
      "kind": "Service",
      "metadata": Object {
        "labels": Object {
          "application": "db-connection-pooler",
          "cluster-name": "acid-pooled",
          "connection-pooler": "acid-pooled-pooler-repl",
        },
        "name": "acid-pooled-pooler-repl",
        "namespace": "apps",
      },
      "spec": Object {
        "ports": Array [
          Object {
            "name": "acid-pooled-pooler-repl",
            "port": 5432,
            "targetPort": 5432,
          },
        ],
        "selector": Object {
          "connection-pooler": "acid-pooled-pooler-repl",
        },
        "type": "ClusterIP",
      },
    },
    Object {
      "apiVersion": "v1",
      "data": Object {
        "userlist.txt": "InBvb2xlciIgIlo0eGZFTEdHb2ZLcUw5YzNycWZLWWRHNGIxMlRtUVQzbmpRYTQ1dDhlZUZ1UlloOVFid2NuVDg5dHJzdEFNOGQiCg==",
      },
      "kind": "Secret",
      "metadata": Object {
        "labels": Object {
          "application": "db-connection-pooler",
          "cluster-name": "acid-pooled",
          "connection-pooler": "acid-pooled-pooler-repl",
          "spilo-role": "replica",
          "team": "acid",
        },
        "name": "acid-pooled-pooler-repl-u",
        "namespace": "apps",
      },
      "type": "Opaque",
    },
    Object {
      "apiVersion": "policy/v1",
      "kind": "PodDisruptionBudget",
      "metadata": Object {
        "labels": Object {
          "application": "db-connection-pooler",
          "cluster-name": "acid-pooled",
          "connection-pooler": "acid-pooled-pooler-repl",
          "spilo-role": "replica",
          "team": "acid",
        },
        "name": "acid-pooled-pooler-repl-pdb",
        "namespace": "apps",
      },
      "spec": Object {
        "maxUnavailable": 1,
        "selector": Object {
          "matchLabels": Object {
            "application": "db-connection-pooler",
            "cluster-name": "acid-pooled",
            "connection-pooler": "acid-pooled-pooler-repl",
          },
        },
      },
    },
    Object {
      "apiVersion": "v1",
      "data": Object {
        "state.json": String(
          {
            "cluster": "acid-pooled",
            "passwordEncryption": "scram-sha-256",
            "roles": [
              {
                "name": "app_owner",
                "flags": [
                  "CREATEDB",
                  "LOGIN"
                ],
                "memberOf": [],
                "adminRole": "admin",
                "parameters": {},
                "passwordEnv": "PGMC_PASSWORD_0"
              },
              {
                "name": "pooler",
                "flags": [
                  "LOGIN"
                ],
                "memberOf": [],
                "parameters": {},
                "passwordEnv": "PGMC_PASSWORD_1"
              }
            ],
            "databases": [
              {
                "name": "app",
                "owner": "app_owner"
              }
            ],
            "preparedDatabases": [],
            "pooler": {
              "schema": "pooler",
              "user": "pooler"
            }
          }
          
        ),
      },
      "immutable": true,
      "kind": "ConfigMap",
      "metadata": Object {
        "labels": Object {
          "application": "db-setup",
          "cluster-name": "acid-pooled",
          "team": "acid",
        },
        "name": "acid-pooled-setup-0f1e1a09b4",
        "namespace": "apps",
      },
    },
  ],
  "resyncAfterSeconds": 1800,
  "status": Object {
    "conditions": Array [
      Object {
        "lastTransitionTime": "2026-11-20T12:00:00Z",
        "message": "the spec is valid",
        "reason": "SpecValid",
        "status": "True",
        "type": "Valid",
      },
      Object {
        "lastTransitionTime": "2026-11-20T12:00:00Z",
        "message": "no configuration warnings",
        "reason": "NoWarnings",
        "status": "False",
        "type": "Warnings",
      },
      Object {
        "lastTransitionTime": "2026-11-20T12:00:00Z",
        "message": "0 of 2 instances ready",
        "reason": "StatefulSetMissing",
        "status": "False",
        "type": "Ready",
      },
      Object {
        "lastTransitionTime": "2026-11-20T12:00:00Z",
        "message": "the cluster is not hibernated",
        "reason": "Awake",
        "status": "False",
        "type": "Hibernated",
      },
      Object {
        "lastTransitionTime": "2026-11-20T12:00:00Z",
        "message": "every requested change is declared",
        "reason": "Applied",
        "status": "True",
        "type": "SpecApplied",
      },
      Object {
        "lastTransitionTime": "2026-11-20T12:00:00Z",
        "message": "the setup Job starts once a database pod is ready",
        "reason": "WaitingForPrimary",
        "status": "False",
        "type": "DatabaseSetup",
      },
      Object {
        "lastTransitionTime": "2026-11-20T12:00:00Z",
        "message": "waiting for a ready database pod",
        "reason": "Waiting",
        "status": "False",
        "type": "PatroniConfigured",
      },
      Object {
        "lastTransitionTime": "2026-11-20T12:00:00Z",
        "message": "every database pod runs the current pod template",
        "reason": "Succeeded",
        "status": "True",
        "type": "RollingUpdate",
      },
      Object {
        "lastTransitionTime": "2026-11-20T12:00:00Z",
        "message": "no data volume claim exists yet; new ones request 5Gi",
        "reason": "Succeeded",
        "status": "True",
        "type": "VolumesResized",
      },
      Object {
        "lastTransitionTime": "2026-11-20T12:00:00Z",
        "message": "PostgreSQL 18 runs, as the manifest asks",
        "reason": "Succeeded",
        "status": "True",
        "type": "MajorVersionUpgrade",
      },
    ],
    "majorVersion": Object {
      "current": "18",
    },
    "observedGeneration": 1,
    "PostgresClusterStatus": "Creating",
    "readyInstances": 0,
  },
}
`

exports[`test/fixtures.test.ts > TAP > pooler-master-only > sync response 1`] = `
Object {
  "children": Array [
    Object {
      "apiVersion": "apps/v1",
      "kind": "StatefulSet",
      "metadata": Object {
        "labels": Object {
          "application": "spilo",
          "cluster-name": "acid-pooler-defaults",
          "team": "acid",
        },
        "name": "acid-pooler-defaults",
        "namespace": "default",
      },
      "spec": Object {
        "persistentVolumeClaimRetentionPolicy": Object {
          "whenDeleted": "Retain",
          "whenScaled": "Retain",
        },
        "podManagementPolicy": "OrderedReady",
        "replicas": 1,
        "selector": Object {
          "matchLabels": Object {
            "application": "spilo",
            "cluster-name": "acid-pooler-defaults",
          },
        },
        "serviceName": "acid-pooler-defaults",
        "template": Object {
          "metadata": Object {
            "annotations": Object {
              "postgres-metacontroller.io/pod-template-hash": "abea326869753ad0",
            },
            "labels": Object {
              "application": "spilo",
              "cluster-name": "acid-pooler-defaults",
              "team": "acid",
            },
          },
          "spec": Object {
            "containers": Array [
              Object {
                "env": Array [
                  Object {
                    "name": "SCOPE",
                    "value": "acid-pooler-defaults",
                  },
                  Object {
                    "name": "PGROOT",
                    "value": "/home/postgres/pgdata/pgroot",
                  },
                  Object {
                    "name": "POD_IP",
                    "valueFrom": Object {
                      "fieldRef": Object {
                        "apiVersion": "v1",
                        "fieldPath": "status.podIP",
                      },
                    },
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
                    "name": "PGUSER_SUPERUSER",
                    "value": "postgres",
                  },
                  Object {
                    "name": "KUBERNETES_SCOPE_LABEL",
                    "value": "cluster-name",
                  },
                  Object {
                    "name": "KUBERNETES_ROLE_LABEL",
                    "value": "spilo-role",
                  },
                  Object {
                    "name": "PGPASSWORD_SUPERUSER",
                    "valueFrom": Object {
                      "secretKeyRef": Object {
                        "key": "password",
                        "name": "postgres.acid-pooler-defaults.credentials.postgresql.acid.zalan.do",
                      },
                    },
                  },
                  Object {
                    "name": "PGUSER_STANDBY",
                    "value": "standby",
                  },
                  Object {
                    "name": "PGPASSWORD_STANDBY",
                    "valueFrom": Object {
                      "secretKeyRef": Object {
                        "key": "password",
                        "name": "standby.acid-pooler-defaults.credentials.postgresql.acid.zalan.do",
                      },
                    },
                  },
                  Object {
                    "name": "PAM_OAUTH2",
                    "value": "https://info.example.com/oauth2/tokeninfo?access_token= uid realm=/employees",
                  },
                  Object {
                    "name": "HUMAN_ROLE",
                    "value": "zalandos",
                  },
                  Object {
                    "name": "PGVERSION",
                    "value": "18",
                  },
                  Object {
                    "name": "KUBERNETES_LABELS",
                    "value": "{\\"application\\":\\"spilo\\"}",
                  },
                  Object {
                    "name": "SPILO_CONFIGURATION",
                    "value": "{\\"postgresql\\":{},\\"bootstrap\\":{\\"initdb\\":[{\\"auth-host\\":\\"scram-sha-256\\"},{\\"auth-local\\":\\"trust\\"}],\\"dcs\\":{\\"failsafe_mode\\":false}}}",
                  },
                  Object {
                    "name": "DCS_ENABLE_KUBERNETES_API",
                    "value": "true",
                  },
                  Object {
                    "name": "KUBERNETES_BOOTSTRAP_LABELS",
                    "value": "{\\"critical-operation\\":\\"true\\"}",
                  },
                  Object {
                    "name": "KUBERNETES_USE_CONFIGMAPS",
                    "value": "true",
                  },
                ],
                "image": "ghcr.io/zalando/spilo-18:4.1-p2",
                "imagePullPolicy": "IfNotPresent",
                "name": "postgres",
                "ports": Array [
                  Object {
                    "containerPort": 8008,
                    "protocol": "TCP",
                  },
                  Object {
                    "containerPort": 5432,
                    "protocol": "TCP",
                  },
                  Object {
                    "containerPort": 8080,
                    "protocol": "TCP",
                  },
                ],
                "resources": Object {
                  "limits": Object {
                    "cpu": "1",
                    "memory": "500Mi",
                  },
                  "requests": Object {
                    "cpu": "100m",
                    "memory": "100Mi",
                  },
                },
                "securityContext": Object {
                  "allowPrivilegeEscalation": true,
                  "privileged": false,
                  "readOnlyRootFilesystem": false,
                },
                "volumeMounts": Array [
                  Object {
                    "mountPath": "/home/postgres/pgdata",
                    "name": "pgdata",
                  },
                  Object {
                    "mountPath": "/dev/shm",
                    "name": "dshm",
                  },
                ],
              },
            ],
            "serviceAccountName": "postgres-pod",
            "terminationGracePeriodSeconds": 300,
            "volumes": Array [
              Object {
                "emptyDir": Object {
                  "medium": "Memory",
                },
                "name": "dshm",
              },
            ],
          },
        },
        "updateStrategy": Object {
          "type": "OnDelete",
        },
        "volumeClaimTemplates": Array [
          Object {
            "apiVersion": "v1",
            "kind": "PersistentVolumeClaim",
            "metadata": Object {
              "labels": Object {
                "application": "spilo",
                "cluster-name": "acid-pooler-defaults",
                "team": "acid",
              },
              "name": "pgdata",
            },
            "spec": Object {
              "accessModes": Array [
                "ReadWriteOnce",
              ],
              "resources": Object {
                "requests": Object {
                  "storage": "1Gi",
                },
              },
              "volumeMode": "Filesystem",
            },
          },
        ],
      },
    },
    Object {
      "apiVersion": "v1",
      "kind": "Service",
      "metadata": Object {
        "labels": Object {
          "application": "spilo",
          "cluster-name": "acid-pooler-defaults",
          "spilo-role": "master",
          "team": "acid",
        },
        "name": "acid-pooler-defaults",
        "namespace": "default",
      },
      "spec": Object {
        "ports": Array [
          Object {
            "name": "postgresql",
            "port": 5432,
            "targetPort": 5432,
          },
        ],
        "selector": Object {
          "application": "spilo",
          "cluster-name": "acid-pooler-defaults",
          "spilo-role": "master",
        },
        "type": "ClusterIP",
      },
    },
    Object {
      "apiVersion": "v1",
      "kind": "Service",
      "metadata": Object {
        "labels": Object {
          "application": "spilo",
          "cluster-name": "acid-pooler-defaults",
          "spilo-role": "replica",
          "team": "acid",
        },
        "name": "acid-pooler-defaults-repl",
        "namespace": "default",
      },
      "spec": Object {
        "ports": Array [
          Object {
            "name": "postgresql",
            "port": 5432,
            "targetPort": 5432,
          },
        ],
        "selector": Object {
          "application": "spilo",
          "cluster-name": "acid-pooler-defaults",
          "spilo-role": "replica",
        },
        "type": "ClusterIP",
      },
    },
    Object {
      "apiVersion": "policy/v1",
      "kind": "PodDisruptionBudget",
      "metadata": Object {
        "labels": Object {
          "application": "spilo",
          "cluster-name": "acid-pooler-defaults",
          "team": "acid",
        },
        "name": "postgres-acid-pooler-defaults-pdb",
        "namespace": "default",
      },
      "spec": Object {
        "minAvailable": 1,
        "selector": Object {
          "matchLabels": Object {
            "application": "spilo",
            "cluster-name": "acid-pooler-defaults",
            "spilo-role": "master",
          },
        },
      },
    },
    Object {
      "apiVersion": "policy/v1",
      "kind": "PodDisruptionBudget",
      "metadata": Object {
        "labels": Object {
          "application": "spilo",
          "cluster-name": "acid-pooler-defaults",
          "team": "acid",
        },
        "name": "postgres-acid-pooler-defaults-critical-op-pdb",
        "namespace": "default",
      },
      "spec": Object {
        "maxUnavailable": 0,
        "selector": Object {
          "matchLabels": Object {
            "application": "spilo",
            "cluster-name": "acid-pooler-defaults",
            "critical-operation": "true",
          },
        },
      },
    },
    Object {
      "apiVersion": "v1",
      "data": Object {
        "dbname": "c2hvcA==",
        "host": "YWNpZC1wb29sZXItZGVmYXVsdHMuZGVmYXVsdC5zdmMuY2x1c3Rlci5sb2NhbA==",
        "jdbc-uri": "amRiYzpwb3N0Z3Jlc3FsOi8vYWNpZC1wb29sZXItZGVmYXVsdHMuZGVmYXVsdC5zdmMuY2x1c3Rlci5sb2NhbDo1NDMyL3Nob3A/dXNlcj1zaG9wJnBhc3N3b3JkPVltTk5EOUtVZ0FJenY2QUxiUlpTYlA1R1I4SjJ2OWVLQ09VUzVBNUVHNmdiTFRSZFo5ZDJYaUlQbUFWNkE0R00=",
        "password": "WW1OTkQ5S1VnQUl6djZBTGJSWlNiUDVHUjhKMnY5ZUtDT1VTNUE1RUc2Z2JMVFJkWjlkMlhpSVBtQVY2QTRHTQ==",
        "pooler-host": "YWNpZC1wb29sZXItZGVmYXVsdHMtcG9vbGVyLmRlZmF1bHQuc3ZjLmNsdXN0ZXIubG9jYWw=",
        "pooler-port": "NTQzMg==",
        "pooler-uri": "cG9zdGdyZXNxbDovL3Nob3A6WW1OTkQ5S1VnQUl6djZBTGJSWlNiUDVHUjhKMnY5ZUtDT1VTNUE1RUc2Z2JMVFJkWjlkMlhpSVBtQVY2QTRHTUBhY2lkLXBvb2xlci1kZWZhdWx0cy1wb29sZXIuZGVmYXVsdC5zdmMuY2x1c3Rlci5sb2NhbDo1NDMyL3Nob3A=",
        "port": "NTQzMg==",
        "uri": "cG9zdGdyZXNxbDovL3Nob3A6WW1OTkQ5S1VnQUl6djZBTGJSWlNiUDVHUjhKMnY5ZUtDT1VTNUE1RUc2Z2JMVFJkWjlkMlhpSVBtQVY2QTRHTUBhY2lkLXBvb2xlci1kZWZhdWx0cy5kZWZhdWx0LnN2Yy5jbHVzdGVyLmxvY2FsOjU0MzIvc2hvcA==",
        "username": "c2hvcA==",
      },
      "kind": "Secret",
      "metadata": Object {
        "labels": Object {
          "application": "spilo",
          "cluster-name": "acid-pooler-defaults",
          "team": "acid",
        },
        "name": "shop.acid-pooler-defaults.credentials.postgresql.acid.zalan.do",
        "namespace": "default",
      },
      "type": "Opaque",
    },
    Object {
      "apiVersion": "v1",
      "data": Object {
        "host": "YWNpZC1wb29sZXItZGVmYXVsdHMuZGVmYXVsdC5zdmMuY2x1c3Rlci5sb2NhbA==",
        "jdbc-uri": "amRiYzpwb3N0Z3Jlc3FsOi8vYWNpZC1wb29sZXItZGVmYXVsdHMuZGVmYXVsdC5zdmMuY2x1c3Rlci5sb2NhbDo1NDMyLz91c2VyPXBvc3RncmVzJnBhc3N3b3JkPUhwZDkyd1BibFZXMERURU9paEZEcmFNbEJxQ1N5cFVhYmREdHJZcFJDUEtGUGZ0MkxiZlVmeWdhN2EyQXJ3UDk=",
        "password": "SHBkOTJ3UGJsVlcwRFRFT2loRkRyYU1sQnFDU3lwVWFiZER0cllwUkNQS0ZQZnQyTGJmVWZ5Z2E3YTJBcndQOQ==",
        "pooler-host": "YWNpZC1wb29sZXItZGVmYXVsdHMtcG9vbGVyLmRlZmF1bHQuc3ZjLmNsdXN0ZXIubG9jYWw=",
        "pooler-port": "NTQzMg==",
        "pooler-uri": "cG9zdGdyZXNxbDovL3Bvc3RncmVzOkhwZDkyd1BibFZXMERURU9paEZEcmFNbEJxQ1N5cFVhYmREdHJZcFJDUEtGUGZ0MkxiZlVmeWdhN2EyQXJ3UDlAYWNpZC1wb29sZXItZGVmYXVsdHMtcG9vbGVyLmRlZmF1bHQuc3ZjLmNsdXN0ZXIubG9jYWw6NTQzMg==",
        "port": "NTQzMg==",
        "uri": "cG9zdGdyZXNxbDovL3Bvc3RncmVzOkhwZDkyd1BibFZXMERURU9paEZEcmFNbEJxQ1N5cFVhYmREdHJZcFJDUEtGUGZ0MkxiZlVmeWdhN2EyQXJ3UDlAYWNpZC1wb29sZXItZGVmYXVsdHMuZGVmYXVsdC5zdmMuY2x1c3Rlci5sb2NhbDo1NDMy",
        "username": "cG9zdGdyZXM=",
      },
      "kind": "Secret",
      "metadata": Object {
        "labels": Object {
          "application": "spilo",
          "cluster-name": "acid-pooler-defaults",
          "team": "acid",
        },
        "name": "postgres.acid-pooler-defaults.credentials.postgresql.acid.zalan.do",
        "namespace": "default",
      },
      "type": "Opaque",
    },
    Object {
      "apiVersion": "v1",
      "data": Object {
        "host": "YWNpZC1wb29sZXItZGVmYXVsdHMuZGVmYXVsdC5zdmMuY2x1c3Rlci5sb2NhbA==",
        "jdbc-uri": "amRiYzpwb3N0Z3Jlc3FsOi8vYWNpZC1wb29sZXItZGVmYXVsdHMuZGVmYXVsdC5zdmMuY2x1c3Rlci5sb2NhbDo1NDMyLz91c2VyPXN0YW5kYnkmcGFzc3dvcmQ9VEM1SHY1U0dGQ1Vna0dzbDdyMmFLWFRwWGE0VnRxNWc2b2ZSSVR5OWs2QXIyb3RONEwwb1k1WVd4UWxQSkFNSg==",
        "password": "VEM1SHY1U0dGQ1Vna0dzbDdyMmFLWFRwWGE0VnRxNWc2b2ZSSVR5OWs2QXIyb3RONEwwb1k1WVd4UWxQSkFNSg==",
        "pooler-host": "YWNpZC1wb29sZXItZGVmYXVsdHMtcG9vbGVyLmRlZmF1bHQuc3ZjLmNsdXN0ZXIubG9jYWw=",
        "pooler-port": "NTQzMg==",
        "pooler-uri": "cG9zdGdyZXNxbDovL3N0YW5kYnk6VEM1SHY1U0dGQ1Vna0dzbDdyMmFLWFRwWGE0VnRxNWc2b2ZSSVR5OWs2QXIyb3RONEwwb1k1WVd4UWxQSkFNSkBhY2lkLXBvb2xlci1kZWZhdWx0cy1wb29sZXIuZGVmYXVsdC5zdmMuY2x1c3Rlci5sb2NhbDo1NDMy",
        "port": "NTQzMg==",
        "uri": "cG9zdGdyZXNxbDovL3N0YW5kYnk6VEM1SHY1U0dGQ1Vna0dzbDdyMmFLWFRwWGE0VnRxNWc2b2ZSSVR5OWs2QXIyb3RONEwwb1k1WVd4UWxQSkFNSkBhY2lkLXBvb2xlci1kZWZhdWx0cy5kZWZhdWx0LnN2Yy5jbHVzdGVyLmxvY2FsOjU0MzI=",
        "username": "c3RhbmRieQ==",
      },
      "kind": "Secret",
      "metadata": Object {
        "labels": Object {
          "application": "spilo",
          "cluster-name": "acid-pooler-defaults",
          "team": "acid",
        },
        "name": "standby.acid-pooler-defaults.credentials.postgresql.acid.zalan.do",
        "namespace": "default",
      },
      "type": "Opaque",
    },
    Object {
      "apiVersion": "v1",
      "data": Object {
        "host": "YWNpZC1wb29sZXItZGVmYXVsdHMuZGVmYXVsdC5zdmMuY2x1c3Rlci5sb2NhbA==",
        "jdbc-uri": "amRiYzpwb3N0Z3Jlc3FsOi8vYWNpZC1wb29sZXItZGVmYXVsdHMuZGVmYXVsdC5zdmMuY2x1c3Rlci5sb2NhbDo1NDMyLz91c2VyPXBvb2xlciZwYXNzd29yZD1aNHhmRUxHR29mS3FMOWMzcnFmS1lkRzRiMTJUbVFUM25qUWE0NXQ4ZWVGdVJZaDlRYndjblQ4OXRyc3RBTThk",
        "password": "WjR4ZkVMR0dvZktxTDljM3JxZktZZEc0YjEyVG1RVDNualFhNDV0OGVlRnVSWWg5UWJ3Y25UODl0cnN0QU04ZA==",
        "pooler-host": "YWNpZC1wb29sZXItZGVmYXVsdHMtcG9vbGVyLmRlZmF1bHQuc3ZjLmNsdXN0ZXIubG9jYWw=",
        "pooler-port": "NTQzMg==",
        "pooler-uri": "cG9zdGdyZXNxbDovL3Bvb2xlcjpaNHhmRUxHR29mS3FMOWMzcnFmS1lkRzRiMTJUbVFUM25qUWE0NXQ4ZWVGdVJZaDlRYndjblQ4OXRyc3RBTThkQGFjaWQtcG9vbGVyLWRlZmF1bHRzLXBvb2xlci5kZWZhdWx0LnN2Yy5jbHVzdGVyLmxvY2FsOjU0MzI=",
        "port": "NTQzMg==",
        "uri": "cG9zdGdyZXNxbDovL3Bvb2xlcjpaNHhmRUxHR29mS3FMOWMzcnFmS1lkRzRiMTJUbVFUM25qUWE0NXQ4ZWVGdVJZaDlRYndjblQ4OXRyc3RBTThkQGFjaWQtcG9vbGVyLWRlZmF1bHRzLmRlZmF1bHQuc3ZjLmNsdXN0ZXIubG9jYWw6NTQzMg==",
        "username": "cG9vbGVy",
      },
      "kind": "Secret",
      "metadata": Object {
        "labels": Object {
          "application": "db-connection-pooler",
          "cluster-name": "acid-pooler-defaults",
          "connection-pooler": "acid-pooler-defaults-pooler",
        },
        "name": "pooler.acid-pooler-defaults.credentials.postgresql.acid.zalan.do",
        "namespace": "default",
      },
      "type": "Opaque",
    },
    Object {
      "apiVersion": "apps/v1",
      "kind": "Deployment",
      "metadata": Object {
        "annotations": Object {
          "postgres-metacontroller.io/pooler-credentials": "2757bf9bf1270c23",
        },
        "labels": Object {
          "application": "db-connection-pooler",
          "cluster-name": "acid-pooler-defaults",
          "connection-pooler": "acid-pooler-defaults-pooler",
          "spilo-role": "master",
          "team": "acid",
        },
        "name": "acid-pooler-defaults-pooler",
        "namespace": "default",
      },
      "spec": Object {
        "replicas": 2,
        "selector": Object {
          "matchLabels": Object {
            "application": "db-connection-pooler",
            "cluster-name": "acid-pooler-defaults",
            "connection-pooler": "acid-pooler-defaults-pooler",
          },
        },
        "template": Object {
          "metadata": Object {
            "annotations": Object {
              "postgres-metacontroller.io/pooler-credentials": "2757bf9bf1270c23",
            },
            "labels": Object {
              "application": "db-connection-pooler",
              "cluster-name": "acid-pooler-defaults",
              "connection-pooler": "acid-pooler-defaults-pooler",
              "spilo-role": "master",
              "team": "acid",
            },
          },
          "spec": Object {
            "containers": Array [
              Object {
                "env": Array [
                  Object {
                    "name": "PGHOST",
                    "value": "acid-pooler-defaults",
                  },
                  Object {
                    "name": "PGPORT",
                    "value": "5432",
                  },
                  Object {
                    "name": "PGUSER",
                    "valueFrom": Object {
                      "secretKeyRef": Object {
                        "key": "username",
                        "name": "pooler.acid-pooler-defaults.credentials.postgresql.acid.zalan.do",
                      },
                    },
                  },
                  Object {
                    "name": "PGSCHEMA",
                    "value": "pooler",
                  },
                  Object {
                    "name": "PGPASSWORD",
                    "valueFrom": Object {
                      "secretKeyRef": Object {
                        "key": "password",
                        "name": "pooler.acid-pooler-defaults.credentials.postgresql.acid.zalan.do",
                      },
                    },
                  },
                  Object {
                    "name": "CONNECTION_POOLER_PORT",
                    "value": "5432",
                  },
                  Object {
                    "name": "CONNECTION_POOLER_MODE",
                    "value": "transaction",
                  },
                  Object {
                    "name": "CONNECTION_POOLER_DEFAULT_SIZE",
                    "value": "15",
                  },
                  Object {
                    "name": "CONNECTION_POOLER_MIN_SIZE",
                    "value": "7",
                  },
                  Object {
                    "name": "CONNECTION_POOLER_RESERVE_SIZE",
                    "value": "7",
                  },
                  Object {
                    "name": "CONNECTION_POOLER_MAX_CLIENT_CONN",
                    "value": "10000",
                  },
                  Object {
                    "name": "CONNECTION_POOLER_MAX_DB_CONN",
                    "value": "30",
                  },
                ],
                "image": "ghcr.io/zalando/postgres-operator/pgbouncer:v2.0.1",
                "imagePullPolicy": "IfNotPresent",
                "name": "connection-pooler",
                "ports": Array [
                  Object {
                    "containerPort": 5432,
                    "protocol": "TCP",
                  },
                ],
                "readinessProbe": Object {
                  "tcpSocket": Object {
                    "port": 5432,
                  },
                },
                "resources": Object {
                  "limits": Object {
                    "cpu": "1",
                    "memory": "100Mi",
                  },
                  "requests": Object {
                    "cpu": "500m",
                    "memory": "100Mi",
                  },
                },
                "securityContext": Object {
                  "allowPrivilegeEscalation": false,
                },
                "volumeMounts": Array [
                  Object {
                    "mountPath": "/etc/pgbouncer/userlist.txt",
                    "name": "acid-pooler-defaults-pooler-u",
                    "readOnly": true,
                    "subPath": "userlist.txt",
                  },
                ],
              },
            ],
            "securityContext": Object {
              "runAsGroup": 101,
              "runAsUser": 100,
            },
            "serviceAccountName": "postgres-pod",
            "terminationGracePeriodSeconds": 300,
            "topologySpreadConstraints": Array [
              Object {
                "labelSelector": Object {
                  "matchLabels": Object {
                    "application": "db-connection-pooler",
                    "cluster-name": "acid-pooler-defaults",
                    "connection-pooler": "acid-pooler-defaults-pooler",
                  },
                },
                "maxSkew": 1,
                "topologyKey": "topology.kubernetes.io/zone",
                "whenUnsatisfiable": "ScheduleAnyway",
              },
              Object {
                "labelSelector": Object {
                  "matchLabels": Object {
                    "application": "db-connection-pooler",
                    "cluster-name": "acid-pooler-defaults",
                    "connection-pooler": "acid-pooler-defaults-pooler",
                  },
                },
                "maxSkew": 1,
                "topologyKey": "kubernetes.io/hostname",
                "whenUnsatisfiable": "ScheduleAnyway",
              },
            ],
            "volumes": Array [
              Object {
                "name": "acid-pooler-defaults-pooler-u",
                "secret": Object {
                  "secretName": "acid-pooler-defaults-pooler-u",
                },
              },
            ],
          },
        },
      },
    },
    Object {
      "apiVersion": "v1",
      "kind": "Service",
      "metadata": Object {
        "labels": Object {
          "application": "db-connection-pooler",
          "cluster-name": "acid-pooler-defaults",
          "connection-pooler": "acid-pooler-defaults-pooler",
        },
        "name": "acid-pooler-defaults-pooler",
        "namespace": "default",
      },
      "spec": Object {
        "ports": Array [
          Object {
            "name": "acid-pooler-defaults-pooler",
            "port": 5432,
            "targetPort": 5432,
          },
        ],
        "selector": Object {
          "connection-pooler": "acid-pooler-defaults-pooler",
        },
        "type": "ClusterIP",
      },
    },
    Object {
      "apiVersion": "v1",
      "data": Object {
        "userlist.txt": "InBvb2xlciIgIlo0eGZFTEdHb2ZLcUw5YzNycWZLWWRHNGIxMlRtUVQzbmpRYTQ1dDhlZUZ1UlloOVFid2NuVDg5dHJzdEFNOGQiCg==",
      },
      "kind": "Secret",
      "metadata": Object {
        "labels": Object {
          "application": "db-connection-pooler",
          "cluster-name": "acid-pooler-defaults",
          "connection-pooler": "acid-pooler-defaults-pooler",
          "spilo-role": "master",
          "team": "acid",
        },
        "name": "acid-pooler-defaults-pooler-u",
        "namespace": "default",
      },
      "type": "Opaque",
    },
    Object {
      "apiVersion": "policy/v1",
      "kind": "PodDisruptionBudget",
      "metadata": Object {
        "labels": Object {
          "application": "db-connection-pooler",
          "cluster-name": "acid-pooler-defaults",
          "connection-pooler": "acid-pooler-defaults-pooler",
          "spilo-role": "master",
          "team": "acid",
        },
        "name": "acid-pooler-defaults-pooler-pdb",
        "namespace": "default",
      },
      "spec": Object {
        "maxUnavailable": 1,
        "selector": Object {
          "matchLabels": Object {
            "application": "db-connection-pooler",
            "cluster-name": "acid-pooler-defaults",
            "connection-pooler": "acid-pooler-defaults-pooler",
          },
        },
      },
    },
    Object {
      "apiVersion": "v1",
      "data": Object {
        "state.json": String(
          {
            "cluster": "acid-pooler-defaults",
            "passwordEncryption": "scram-sha-256",
            "roles": [
              {
                "name": "shop",
                "flags": [
                  "LOGIN"
                ],
                "memberOf": [],
                "adminRole": "admin",
                "parameters": {},
                "passwordEnv": "PGMC_PASSWORD_0"
              },
              {
                "name": "pooler",
                "flags": [
                  "LOGIN"
                ],
                "memberOf": [],
                "parameters": {},
                "passwordEnv": "PGMC_PASSWORD_1"
              }
            ],
            "databases": [
              {
                "name": "shop",
                "owner": "shop"
              }
            ],
            "preparedDatabases": [],
            "pooler": {
              "schema": "pooler",
              "user": "pooler"
            }
          }
          
        ),
      },
      "immutable": true,
      "kind": "ConfigMap",
      "metadata": Object {
        "labels": Object {
          "application": "db-setup",
          "cluster-name": "acid-pooler-defaults",
          "team": "acid",
        },
        "name": "acid-pooler-defaults-setup-9cd43654e5",
        "namespace": "default",
      },
    },
  ],
  "resyncAfterSeconds": 1800,
  "status": Object {
    "conditions": Array [
      Object {
        "lastTransitionTime": "2026-11-20T12:00:00Z",
        "message": "the spec is valid",
        "reason": "SpecValid",
        "status": "True",
        "type": "Valid",
      },
      Object {
        "lastTransitionTime": "2026-11-20T12:00:00Z",
        "message": "no configuration warnings",
        "reason": "NoWarnings",
        "status": "False",
        "type": "Warnings",
      },
      Object {
        "lastTransitionTime": "2026-11-20T12:00:00Z",
        "message": "0 of 1 instances ready",
        "reason": "StatefulSetMissing",
        "status": "False",
        "type": "Ready",
      },
      Object {
        "lastTransitionTime": "2026-11-20T12:00:00Z",
        "message": "the cluster is not hibernated",
        "reason": "Awake",
        "status": "False",
        "type": "Hibernated",
      },
      Object {
        "lastTransitionTime": "2026-11-20T12:00:00Z",
        "message": "every requested change is declared",
        "reason": "Applied",
        "status": "True",
        "type": "SpecApplied",
      },
      Object {
        "lastTransitionTime": "2026-11-20T12:00:00Z",
        "message": "the setup Job starts once a database pod is ready",
        "reason": "WaitingForPrimary",
        "status": "False",
        "type": "DatabaseSetup",
      },
      Object {
        "lastTransitionTime": "2026-11-20T12:00:00Z",
        "message": "waiting for a ready database pod",
        "reason": "Waiting",
        "status": "False",
        "type": "PatroniConfigured",
      },
      Object {
        "lastTransitionTime": "2026-11-20T12:00:00Z",
        "message": "every database pod runs the current pod template",
        "reason": "Succeeded",
        "status": "True",
        "type": "RollingUpdate",
      },
      Object {
        "lastTransitionTime": "2026-11-20T12:00:00Z",
        "message": "no data volume claim exists yet; new ones request 1Gi",
        "reason": "Succeeded",
        "status": "True",
        "type": "VolumesResized",
      },
      Object {
        "lastTransitionTime": "2026-11-20T12:00:00Z",
        "message": "PostgreSQL 18 runs, as the manifest asks",
        "reason": "Succeeded",
        "status": "True",
        "type": "MajorVersionUpgrade",
      },
    ],
    "majorVersion": Object {
      "current": "18",
    },
    "observedGeneration": 1,
    "PostgresClusterStatus": "Creating",
    "readyInstances": 0,
  },
}
`

exports[`test/fixtures.test.ts > TAP > prepared-databases > sync response 1`] = `
Object {
  "children": Array [
    Object {
      "apiVersion": "apps/v1",
      "kind": "StatefulSet",
      "metadata": Object {
        "labels": Object {
          "application": "spilo",
          "cluster-name": "acid-prepared",
          "team": "acid",
        },
        "name": "acid-prepared",
        "namespace": "default",
      },
      "spec": Object {
        "persistentVolumeClaimRetentionPolicy": Object {
          "whenDeleted": "Retain",
          "whenScaled": "Retain",
        },
        "podManagementPolicy": "OrderedReady",
        "replicas": 1,
        "selector": Object {
          "matchLabels": Object {
            "application": "spilo",
            "cluster-name": "acid-prepared",
          },
        },
        "serviceName": "acid-prepared",
        "template": Object {
          "metadata": Object {
            "annotations": Object {
              "postgres-metacontroller.io/pod-template-hash": "5b3dc40e8cc4ab62",
            },
            "labels": Object {
              "application": "spilo",
              "cluster-name": "acid-prepared",
              "team": "acid",
            },
          },
          "spec": Object {
            "containers": Array [
              Object {
                "env": Array [
                  Object {
                    "name": "SCOPE",
                    "value": "acid-prepared",
                  },
                  Object {
                    "name": "PGROOT",
                    "value": "/home/postgres/pgdata/pgroot",
                  },
                  Object {
                    "name": "POD_IP",
                    "valueFrom": Object {
                      "fieldRef": Object {
                        "apiVersion": "v1",
                        "fieldPath": "status.podIP",
                      },
                    },
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
                    "name": "PGUSER_SUPERUSER",
                    "value": "postgres",
                  },
                  Object {
                    "name": "KUBERNETES_SCOPE_LABEL",
                    "value": "cluster-name",
                  },
                  Object {
                    "name": "KUBERNETES_ROLE_LABEL",
                    "value": "spilo-role",
                  },
                  Object {
                    "name": "PGPASSWORD_SUPERUSER",
                    "valueFrom": Object {
                      "secretKeyRef": Object {
                        "key": "password",
                        "name": "postgres.acid-prepared.credentials.postgresql.acid.zalan.do",
                      },
                    },
                  },
                  Object {
                    "name": "PGUSER_STANDBY",
                    "value": "standby",
                  },
                  Object {
                    "name": "PGPASSWORD_STANDBY",
                    "valueFrom": Object {
                      "secretKeyRef": Object {
                        "key": "password",
                        "name": "standby.acid-prepared.credentials.postgresql.acid.zalan.do",
                      },
                    },
                  },
                  Object {
                    "name": "PAM_OAUTH2",
                    "value": "https://info.example.com/oauth2/tokeninfo?access_token= uid realm=/employees",
                  },
                  Object {
                    "name": "HUMAN_ROLE",
                    "value": "zalandos",
                  },
                  Object {
                    "name": "PGVERSION",
                    "value": "18",
                  },
                  Object {
                    "name": "KUBERNETES_LABELS",
                    "value": "{\\"application\\":\\"spilo\\"}",
                  },
                  Object {
                    "name": "SPILO_CONFIGURATION",
                    "value": "{\\"postgresql\\":{},\\"bootstrap\\":{\\"initdb\\":[{\\"auth-host\\":\\"scram-sha-256\\"},{\\"auth-local\\":\\"trust\\"}],\\"dcs\\":{\\"failsafe_mode\\":false}}}",
                  },
                  Object {
                    "name": "DCS_ENABLE_KUBERNETES_API",
                    "value": "true",
                  },
                  Object {
                    "name": "KUBERNETES_BOOTSTRAP_LABELS",
                    "value": "{\\"critical-operation\\":\\"true\\"}",
                  },
                  Object {
                    "name": "KUBERNETES_USE_CONFIGMAPS",
                    "value": "true",
                  },
                ],
                "image": "ghcr.io/zalando/spilo-18:4.1-p2",
                "imagePullPolicy": "IfNotPresent",
                "name": "postgres",
                "ports": Array [
                  Object {
                    "containerPort": 8008,
                    "protocol": "TCP",
                  },
                  Object {
                    "containerPort": 5432,
                    "protocol": "TCP",
                  },
                  Object {
                    "containerPort": 8080,
                    "protocol": "TCP",
                  },
                ],
                "resources": Object {
                  "limits": Object {
                    "cpu": "1",
                    "memory": "500Mi",
                  },
                  "requests": Object {
                    "cpu": "100m",
                    "memory": "100Mi",
                  },
                },
                "securityContext": Object {
                  "allowPrivilegeEscalation": true,
                  "privileged": false,
                  "readOnlyRootFilesystem": false,
                },
                "volumeMounts": Array [
                  Object {
                    "mountPath": "/home/postgres/pgdata",
                    "name": "pgdata",
                  },
                  Object {
                    "mountPath": "/dev/shm",
                    "name": "dshm",
                  },
                ],
              },
            ],
            "serviceAccountName": "postgres-pod",
            "terminationGracePeriodSeconds": 300,
            "volumes": Array [
              Object {
                "emptyDir": Object {
                  "medium": "Memory",
                },
                "name": "dshm",
              },
            ],
          },
        },
        "updateStrategy": Object {
          "type": "OnDelete",
        },
        "volumeClaimTemplates": Array [
          Object {
            "apiVersion": "v1",
            "kind": "PersistentVolumeClaim",
            "metadata": Object {
              "labels": Object {
                "application": "spilo",
                "cluster-name": "acid-prepared",
                "team": "acid",
              },
              "name": "pgdata",
            },
            "spec": Object {
              "accessModes": Array [
                "ReadWriteOnce",
              ],
              "resources": Object {
                "requests": Object {
                  "storage": "1Gi",
                },
              },
              "volumeMode": "Filesystem",
            },
          },
        ],
      },
    },
    Object {
      "apiVersion": "v1",
      "kind": "Service",
      "metadata": Object {
        "labels": Object {
          "application": "spilo",
          "cluster-name": "acid-prepared",
          "spilo-role": "master",
          "team": "acid",
        },
        "name": "acid-prepared",
        "namespace": "default",
      },
      "spec": Object {
        "ports": Array [
          Object {
            "name": "postgresql",
            "port": 5432,
            "targetPort": 5432,
          },
        ],
        "selector": Object {
          "application": "spilo",
          "cluster-name": "acid-prepared",
          "spilo-role": "master",
        },
        "type": "ClusterIP",
      },
    },
    Object {
      "apiVersion": "v1",
      "kind": "Service",
      "metadata": Object {
        "labels": Object {
          "application": "spilo",
          "cluster-name": "acid-prepared",
          "spilo-role": "replica",
          "team": "acid",
        },
        "name": "acid-prepared-repl",
        "namespace": "default",
      },
      "spec": Object {
        "ports": Array [
          Object {
            "name": "postgresql",
            "port": 5432,
            "targetPort": 5432,
          },
        ],
        "selector": Object {
          "application": "spilo",
          "cluster-name": "acid-prepared",
          "spilo-role": "replica",
        },
        "type": "ClusterIP",
      },
    },
    Object {
      "apiVersion": "policy/v1",
      "kind": "PodDisruptionBudget",
      "metadata": Object {
        "labels": Object {
          "application": "spilo",
          "cluster-name": "acid-prepared",
          "team": "acid",
        },
        "name": "postgres-acid-prepared-pdb",
        "namespace": "default",
      },
      "spec": Object {
        "minAvailable": 1,
        "selector": Object {
          "matchLabels": Object {
            "application": "spilo",
            "cluster-name": "acid-prepared",
            "spilo-role": "master",
          },
        },
      },
    },
    Object {
      "apiVersion": "policy/v1",
      "kind": "PodDisruptionBudget",
      "metadata": Object {
        "labels": Object {
          "application": "spilo",
          "cluster-name": "acid-prepared",
          "team": "acid",
        },
        "name": "postgres-acid-prepared-critical-op-pdb",
        "namespace": "default",
      },
      "spec": Object {
        "maxUnavailable": 0,
        "selector": Object {
          "matchLabels": Object {
            "application": "spilo",
            "cluster-name": "acid-prepared",
            "critical-operation": "true",
          },
        },
      },
    },
    Object {
      "apiVersion": "v1",
      "data": Object {
        "host": "YWNpZC1wcmVwYXJlZC5kZWZhdWx0LnN2Yy5jbHVzdGVyLmxvY2Fs",
        "jdbc-uri": "amRiYzpwb3N0Z3Jlc3FsOi8vYWNpZC1wcmVwYXJlZC5kZWZhdWx0LnN2Yy5jbHVzdGVyLmxvY2FsOjU0MzIvP3VzZXI9cG9zdGdyZXMmcGFzc3dvcmQ9WW1OTkQ5S1VnQUl6djZBTGJSWlNiUDVHUjhKMnY5ZUtDT1VTNUE1RUc2Z2JMVFJkWjlkMlhpSVBtQVY2QTRHTQ==",
        "password": "WW1OTkQ5S1VnQUl6djZBTGJSWlNiUDVHUjhKMnY5ZUtDT1VTNUE1RUc2Z2JMVFJkWjlkMlhpSVBtQVY2QTRHTQ==",
        "port": "NTQzMg==",
        "uri": "cG9zdGdyZXNxbDovL3Bvc3RncmVzOlltTk5EOUtVZ0FJenY2QUxiUlpTYlA1R1I4SjJ2OWVLQ09VUzVBNUVHNmdiTFRSZFo5ZDJYaUlQbUFWNkE0R01AYWNpZC1wcmVwYXJlZC5kZWZhdWx0LnN2Yy5jbHVzdGVyLmxvY2FsOjU0MzI=",
        "username": "cG9zdGdyZXM=",
      },
      "kind": "Secret",
      "metadata": Object {
        "labels": Object {
          "application": "spilo",
          "cluster-name": "acid-prepared",
          "team": "acid",
        },
        "name": "postgres.acid-prepared.credentials.postgresql.acid.zalan.do",
        "namespace": "default",
      },
      "type": "Opaque",
    },
    Object {
      "apiVersion": "v1",
      "data": Object {
        "host": "YWNpZC1wcmVwYXJlZC5kZWZhdWx0LnN2Yy5jbHVzdGVyLmxvY2Fs",
        "jdbc-uri": "amRiYzpwb3N0Z3Jlc3FsOi8vYWNpZC1wcmVwYXJlZC5kZWZhdWx0LnN2Yy5jbHVzdGVyLmxvY2FsOjU0MzIvP3VzZXI9c3RhbmRieSZwYXNzd29yZD1IcGQ5MndQYmxWVzBEVEVPaWhGRHJhTWxCcUNTeXBVYWJkRHRyWXBSQ1BLRlBmdDJMYmZVZnlnYTdhMkFyd1A5",
        "password": "SHBkOTJ3UGJsVlcwRFRFT2loRkRyYU1sQnFDU3lwVWFiZER0cllwUkNQS0ZQZnQyTGJmVWZ5Z2E3YTJBcndQOQ==",
        "port": "NTQzMg==",
        "uri": "cG9zdGdyZXNxbDovL3N0YW5kYnk6SHBkOTJ3UGJsVlcwRFRFT2loRkRyYU1sQnFDU3lwVWFiZER0cllwUkNQS0ZQZnQyTGJmVWZ5Z2E3YTJBcndQOUBhY2lkLXByZXBhcmVkLmRlZmF1bHQuc3ZjLmNsdXN0ZXIubG9jYWw6NTQzMg==",
        "username": "c3RhbmRieQ==",
      },
      "kind": "Secret",
      "metadata": Object {
        "labels": Object {
          "application": "spilo",
          "cluster-name": "acid-prepared",
          "team": "acid",
        },
        "name": "standby.acid-prepared.credentials.postgresql.acid.zalan.do",
        "namespace": "default",
      },
      "type": "Opaque",
    },
    Object {
      "apiVersion": "v1",
      "data": Object {
        "dbname": "Zm9v",
        "host": "YWNpZC1wcmVwYXJlZC5kZWZhdWx0LnN2Yy5jbHVzdGVyLmxvY2Fs",
        "jdbc-uri": "amRiYzpwb3N0Z3Jlc3FsOi8vYWNpZC1wcmVwYXJlZC5kZWZhdWx0LnN2Yy5jbHVzdGVyLmxvY2FsOjU0MzIvZm9vP3VzZXI9Zm9vX293bmVyX3VzZXImcGFzc3dvcmQ9VEM1SHY1U0dGQ1Vna0dzbDdyMmFLWFRwWGE0VnRxNWc2b2ZSSVR5OWs2QXIyb3RONEwwb1k1WVd4UWxQSkFNSg==",
        "password": "VEM1SHY1U0dGQ1Vna0dzbDdyMmFLWFRwWGE0VnRxNWc2b2ZSSVR5OWs2QXIyb3RONEwwb1k1WVd4UWxQSkFNSg==",
        "port": "NTQzMg==",
        "uri": "cG9zdGdyZXNxbDovL2Zvb19vd25lcl91c2VyOlRDNUh2NVNHRkNVZ2tHc2w3cjJhS1hUcFhhNFZ0cTVnNm9mUklUeTlrNkFyMm90TjRMMG9ZNVlXeFFsUEpBTUpAYWNpZC1wcmVwYXJlZC5kZWZhdWx0LnN2Yy5jbHVzdGVyLmxvY2FsOjU0MzIvZm9v",
        "username": "Zm9vX293bmVyX3VzZXI=",
      },
      "kind": "Secret",
      "metadata": Object {
        "labels": Object {
          "application": "spilo",
          "cluster-name": "acid-prepared",
          "team": "acid",
        },
        "name": "foo-owner-user.acid-prepared.credentials.postgresql.acid.zalan.do",
        "namespace": "default",
      },
      "type": "Opaque",
    },
    Object {
      "apiVersion": "v1",
      "data": Object {
        "host": "YWNpZC1wcmVwYXJlZC5kZWZhdWx0LnN2Yy5jbHVzdGVyLmxvY2Fs",
        "jdbc-uri": "amRiYzpwb3N0Z3Jlc3FsOi8vYWNpZC1wcmVwYXJlZC5kZWZhdWx0LnN2Yy5jbHVzdGVyLmxvY2FsOjU0MzIvP3VzZXI9Zm9vX3JlYWRlcl91c2VyJnBhc3N3b3JkPVo0eGZFTEdHb2ZLcUw5YzNycWZLWWRHNGIxMlRtUVQzbmpRYTQ1dDhlZUZ1UlloOVFid2NuVDg5dHJzdEFNOGQ=",
        "password": "WjR4ZkVMR0dvZktxTDljM3JxZktZZEc0YjEyVG1RVDNualFhNDV0OGVlRnVSWWg5UWJ3Y25UODl0cnN0QU04ZA==",
        "port": "NTQzMg==",
        "uri": "cG9zdGdyZXNxbDovL2Zvb19yZWFkZXJfdXNlcjpaNHhmRUxHR29mS3FMOWMzcnFmS1lkRzRiMTJUbVFUM25qUWE0NXQ4ZWVGdVJZaDlRYndjblQ4OXRyc3RBTThkQGFjaWQtcHJlcGFyZWQuZGVmYXVsdC5zdmMuY2x1c3Rlci5sb2NhbDo1NDMy",
        "username": "Zm9vX3JlYWRlcl91c2Vy",
      },
      "kind": "Secret",
      "metadata": Object {
        "labels": Object {
          "application": "spilo",
          "cluster-name": "acid-prepared",
          "team": "acid",
        },
        "name": "foo-reader-user.acid-prepared.credentials.postgresql.acid.zalan.do",
        "namespace": "default",
      },
      "type": "Opaque",
    },
    Object {
      "apiVersion": "v1",
      "data": Object {
        "host": "YWNpZC1wcmVwYXJlZC5kZWZhdWx0LnN2Yy5jbHVzdGVyLmxvY2Fs",
        "jdbc-uri": "amRiYzpwb3N0Z3Jlc3FsOi8vYWNpZC1wcmVwYXJlZC5kZWZhdWx0LnN2Yy5jbHVzdGVyLmxvY2FsOjU0MzIvP3VzZXI9Zm9vX3dyaXRlcl91c2VyJnBhc3N3b3JkPUgwcFdiY0JoYjVCQzhzaXdoaGplMERiRmlTb0l5ZVZkV3ZUUEU4T2lvZUZLVXJ2UDM1YmVkQ3hWUUxpSG1WNG4=",
        "password": "SDBwV2JjQmhiNUJDOHNpd2hoamUwRGJGaVNvSXllVmRXdlRQRThPaW9lRktVcnZQMzViZWRDeFZRTGlIbVY0bg==",
        "port": "NTQzMg==",
        "uri": "cG9zdGdyZXNxbDovL2Zvb193cml0ZXJfdXNlcjpIMHBXYmNCaGI1QkM4c2l3aGhqZTBEYkZpU29JeWVWZFd2VFBFOE9pb2VGS1VydlAzNWJlZEN4VlFMaUhtVjRuQGFjaWQtcHJlcGFyZWQuZGVmYXVsdC5zdmMuY2x1c3Rlci5sb2NhbDo1NDMy",
        "username": "Zm9vX3dyaXRlcl91c2Vy",
      },
      "kind": "Secret",
      "metadata": Object {
        "labels": Object {
          "application": "spilo",
          "cluster-name": "acid-prepared",
          "team": "acid",
        },
        "name": "foo-writer-user.acid-prepared.credentials.postgresql.acid.zalan.do",
        "namespace": "default",
      },
      "type": "Opaque",
    },
    Object {
      "apiVersion": "v1",
      "data": Object {
        "host": "YWNpZC1wcmVwYXJlZC5kZWZhdWx0LnN2Yy5jbHVzdGVyLmxvY2Fs",
        "jdbc-uri": "amRiYzpwb3N0Z3Jlc3FsOi8vYWNpZC1wcmVwYXJlZC5kZWZhdWx0LnN2Yy5jbHVzdGVyLmxvY2FsOjU0MzIvP3VzZXI9Zm9vX2Jhcl9vd25lcl91c2VyJnBhc3N3b3JkPVJmcnhRWFdCd0ZYTzJ5d2hHQ1dWY1E0TTFoWUFEVHluS1JzNGFwaHY0QnBQR09ObzRRQ1lndFpuWE5ocWtPOXU=",
        "password": "UmZyeFFYV0J3RlhPMnl3aEdDV1ZjUTRNMWhZQURUeW5LUnM0YXBodjRCcFBHT05vNFFDWWd0Wm5YTmhxa085dQ==",
        "port": "NTQzMg==",
        "uri": "cG9zdGdyZXNxbDovL2Zvb19iYXJfb3duZXJfdXNlcjpSZnJ4UVhXQndGWE8yeXdoR0NXVmNRNE0xaFlBRFR5bktSczRhcGh2NEJwUEdPTm80UUNZZ3RablhOaHFrTzl1QGFjaWQtcHJlcGFyZWQuZGVmYXVsdC5zdmMuY2x1c3Rlci5sb2NhbDo1NDMy",
        "username": "Zm9vX2Jhcl9vd25lcl91c2Vy",
      },
      "kind": "Secret",
      "metadata": Object {
        "labels": Object {
          "application": "spilo",
          "cluster-name": "acid-prepared",
          "team": "acid",
        },
        "name": "foo-bar-owner-user.acid-prepared.credentials.postgresql.acid.zalan.do",
        "namespace": "default",
      },
      "type": "Opaque",
    },
    Object {
      "apiVersion": "v1",
      "data": Object {
        "host": "YWNpZC1wcmVwYXJlZC5kZWZhdWx0LnN2Yy5jbHVzdGVyLmxvY2Fs",
        "jdbc-uri": "amRiYzpwb3N0Z3Jlc3FsOi8vYWNpZC1wcmVwYXJlZC5kZWZhdWx0LnN2Yy5jbHVzdGVyLmxvY2FsOjU0MzIvP3VzZXI9Zm9vX2Jhcl9yZWFkZXJfdXNlciZwYXNzd29yZD02TDE1Z3lQRlhPN21rODY0TUFtR2ZNWHRGTXZGRDFKTnVXMHg4SjhvWmZDbWdNTVVncGd5MkxpTXV1eHd1UzZJ",
        "password": "NkwxNWd5UEZYTzdtazg2NE1BbUdmTVh0Rk12RkQxSk51VzB4OEo4b1pmQ21nTU1VZ3BneTJMaU11dXh3dVM2SQ==",
        "port": "NTQzMg==",
        "uri": "cG9zdGdyZXNxbDovL2Zvb19iYXJfcmVhZGVyX3VzZXI6NkwxNWd5UEZYTzdtazg2NE1BbUdmTVh0Rk12RkQxSk51VzB4OEo4b1pmQ21nTU1VZ3BneTJMaU11dXh3dVM2SUBhY2lkLXByZXBhcmVkLmRlZmF1bHQuc3ZjLmNsdXN0ZXIubG9jYWw6NTQzMg==",
        "username": "Zm9vX2Jhcl9yZWFkZXJfdXNlcg==",
      },
      "kind": "Secret",
      "metadata": Object {
        "labels": Object {
          "application": "spilo",
          "cluster-name": "acid-prepared",
          "team": "acid",
        },
        "name": "foo-bar-reader-user.acid-prepared.credentials.postgresql.acid.zalan.do",
        "namespace": "default",
      },
      "type": "Opaque",
    },
    Object {
      "apiVersion": "v1",
      "data": Object {
        "host": "YWNpZC1wcmVwYXJlZC5kZWZhdWx0LnN2Yy5jbHVzdGVyLmxvY2Fs",
        "jdbc-uri": "amRiYzpwb3N0Z3Jlc3FsOi8vYWNpZC1wcmVwYXJlZC5kZWZhdWx0LnN2Yy5jbHVzdGVyLmxvY2FsOjU0MzIvP3VzZXI9Zm9vX2Jhcl93cml0ZXJfdXNlciZwYXNzd29yZD10emVEWDZXM0Q2RXFBZ05CRG1pM0ZEUGg2NVN0MlhjcDZmYlFwVzZmZHZsYjhRYTMyOUhBalJkRVFaTU9tRVFQ",
        "password": "dHplRFg2VzNENkVxQWdOQkRtaTNGRFBoNjVTdDJYY3A2ZmJRcFc2ZmR2bGI4UWEzMjlIQWpSZEVRWk1PbUVRUA==",
        "port": "NTQzMg==",
        "uri": "cG9zdGdyZXNxbDovL2Zvb19iYXJfd3JpdGVyX3VzZXI6dHplRFg2VzNENkVxQWdOQkRtaTNGRFBoNjVTdDJYY3A2ZmJRcFc2ZmR2bGI4UWEzMjlIQWpSZEVRWk1PbUVRUEBhY2lkLXByZXBhcmVkLmRlZmF1bHQuc3ZjLmNsdXN0ZXIubG9jYWw6NTQzMg==",
        "username": "Zm9vX2Jhcl93cml0ZXJfdXNlcg==",
      },
      "kind": "Secret",
      "metadata": Object {
        "labels": Object {
          "application": "spilo",
          "cluster-name": "acid-prepared",
          "team": "acid",
        },
        "name": "foo-bar-writer-user.acid-prepared.credentials.postgresql.acid.zalan.do",
        "namespace": "default",
      },
      "type": "Opaque",
    },
    Object {
      "apiVersion": "v1",
      "data": Object {
        "state.json": String(
          {
            "cluster": "acid-prepared",
            "passwordEncryption": "scram-sha-256",
            "roles": [
              {
                "name": "foo_owner",
                "flags": [
                  "NOLOGIN"
                ],
                "memberOf": [],
                "adminRole": "admin",
                "parameters": {
                  "search_path": "\\\\"$user\\\\", \\\\"bar\\\\", \\\\"history\\\\""
                }
              },
              {
                "name": "foo_reader",
                "flags": [
                  "NOLOGIN"
                ],
                "memberOf": [],
                "adminRole": "foo_owner",
                "parameters": {
                  "search_path": "\\\\"$user\\\\", \\\\"bar\\\\", \\\\"history\\\\""
                }
              },
              {
                "name": "foo_writer",
                "flags": [
                  "NOLOGIN"
                ],
                "memberOf": [
                  "foo_reader"
                ],
                "adminRole": "foo_owner",
                "parameters": {
                  "search_path": "\\\\"$user\\\\", \\\\"bar\\\\", \\\\"history\\\\""
                }
              },
              {
                "name": "foo_owner_user",
                "flags": [
                  "LOGIN"
                ],
                "memberOf": [
                  "foo_owner"
                ],
                "adminRole": "admin",
                "parameters": {
                  "search_path": "\\\\"$user\\\\", \\\\"bar\\\\", \\\\"history\\\\""
                },
                "passwordEnv": "PGMC_PASSWORD_0"
              },
              {
                "name": "foo_reader_user",
                "flags": [
                  "LOGIN"
                ],
                "memberOf": [
                  "foo_reader"
                ],
                "adminRole": "foo_owner",
                "parameters": {
                  "search_path": "\\\\"$user\\\\", \\\\"bar\\\\", \\\\"history\\\\""
                },
                "passwordEnv": "PGMC_PASSWORD_1"
              },
              {
                "name": "foo_writer_user",
                "flags": [
                  "LOGIN"
                ],
                "memberOf": [
                  "foo_writer"
                ],
                "adminRole": "foo_owner",
                "parameters": {
                  "search_path": "\\\\"$user\\\\", \\\\"bar\\\\", \\\\"history\\\\""
                },
                "passwordEnv": "PGMC_PASSWORD_2"
              },
              {
                "name": "foo_bar_owner",
                "flags": [
                  "NOLOGIN"
                ],
                "memberOf": [],
                "adminRole": "foo_owner",
                "parameters": {
                  "search_path": "\\\\"$user\\\\", \\\\"bar\\\\""
                }
              },
              {
                "name": "foo_bar_reader",
                "flags": [
                  "NOLOGIN"
                ],
                "memberOf": [],
                "adminRole": "foo_bar_owner",
                "parameters": {
                  "search_path": "\\\\"$user\\\\", \\\\"bar\\\\""
                }
              },
              {
                "name": "foo_bar_writer",
                "flags": [
                  "NOLOGIN"
                ],
                "memberOf": [
                  "foo_bar_reader"
                ],
                "adminRole": "foo_bar_owner",
                "parameters": {
                  "search_path": "\\\\"$user\\\\", \\\\"bar\\\\""
                }
              },
              {
                "name": "foo_bar_owner_user",
                "flags": [
                  "LOGIN"
                ],
                "memberOf": [
                  "foo_bar_owner"
                ],
                "adminRole": "foo_owner",
                "parameters": {
                  "search_path": "\\\\"$user\\\\", \\\\"bar\\\\""
                },
                "passwordEnv": "PGMC_PASSWORD_3"
              },
              {
                "name": "foo_bar_reader_user",
                "flags": [
                  "LOGIN"
                ],
                "memberOf": [
                  "foo_bar_reader"
                ],
                "adminRole": "foo_bar_owner",
                "parameters": {
                  "search_path": "\\\\"$user\\\\", \\\\"bar\\\\""
                },
                "passwordEnv": "PGMC_PASSWORD_4"
              },
              {
                "name": "foo_bar_writer_user",
                "flags": [
                  "LOGIN"
                ],
                "memberOf": [
                  "foo_bar_writer"
                ],
                "adminRole": "foo_bar_owner",
                "parameters": {
                  "search_path": "\\\\"$user\\\\", \\\\"bar\\\\""
                },
                "passwordEnv": "PGMC_PASSWORD_5"
              }
            ],
            "databases": [
              {
                "name": "foo",
                "owner": "foo_owner"
              }
            ],
            "preparedDatabases": [
              {
                "name": "foo",
                "owners": [
                  "foo_owner",
                  "foo_owner_user"
                ],
                "schemas": [
                  {
                    "name": "bar",
                    "owner": "foo_bar_owner",
                    "privileges": [
                      {
                        "prefix": "foo",
                        "owners": [
                          "foo_bar_owner",
                          "foo_bar_owner_user"
                        ]
                      },
                      {
                        "prefix": "foo_bar",
                        "owners": [
                          "foo_owner",
                          "foo_owner_user",
                          "foo_bar_owner",
                          "foo_bar_owner_user"
                        ]
                      }
                    ]
                  },
                  {
                    "name": "history",
                    "owner": "foo_owner",
                    "privileges": [
                      {
                        "prefix": "foo",
                        "owners": [
                          "foo_owner",
                          "foo_owner_user"
                        ]
                      }
                    ]
                  }
                ],
                "extensions": {
                  "pgcrypto": "bar"
                }
              }
            ]
          }
          
        ),
      },
      "immutable": true,
      "kind": "ConfigMap",
      "metadata": Object {
        "labels": Object {
          "application": "db-setup",
          "cluster-name": "acid-prepared",
          "team": "acid",
        },
        "name": "acid-prepared-setup-e2d4992ed5",
        "namespace": "default",
      },
    },
  ],
  "resyncAfterSeconds": 1800,
  "status": Object {
    "conditions": Array [
      Object {
        "lastTransitionTime": "2026-11-20T12:00:00Z",
        "message": "the spec is valid",
        "reason": "SpecValid",
        "status": "True",
        "type": "Valid",
      },
      Object {
        "lastTransitionTime": "2026-11-20T12:00:00Z",
        "message": "no configuration warnings",
        "reason": "NoWarnings",
        "status": "False",
        "type": "Warnings",
      },
      Object {
        "lastTransitionTime": "2026-11-20T12:00:00Z",
        "message": "0 of 1 instances ready",
        "reason": "StatefulSetMissing",
        "status": "False",
        "type": "Ready",
      },
      Object {
        "lastTransitionTime": "2026-11-20T12:00:00Z",
        "message": "the cluster is not hibernated",
        "reason": "Awake",
        "status": "False",
        "type": "Hibernated",
      },
      Object {
        "lastTransitionTime": "2026-11-20T12:00:00Z",
        "message": "every requested change is declared",
        "reason": "Applied",
        "status": "True",
        "type": "SpecApplied",
      },
      Object {
        "lastTransitionTime": "2026-11-20T12:00:00Z",
        "message": "the setup Job starts once a database pod is ready",
        "reason": "WaitingForPrimary",
        "status": "False",
        "type": "DatabaseSetup",
      },
      Object {
        "lastTransitionTime": "2026-11-20T12:00:00Z",
        "message": "waiting for a ready database pod",
        "reason": "Waiting",
        "status": "False",
        "type": "PatroniConfigured",
      },
      Object {
        "lastTransitionTime": "2026-11-20T12:00:00Z",
        "message": "every database pod runs the current pod template",
        "reason": "Succeeded",
        "status": "True",
        "type": "RollingUpdate",
      },
      Object {
        "lastTransitionTime": "2026-11-20T12:00:00Z",
        "message": "no data volume claim exists yet; new ones request 1Gi",
        "reason": "Succeeded",
        "status": "True",
        "type": "VolumesResized",
      },
      Object {
        "lastTransitionTime": "2026-11-20T12:00:00Z",
        "message": "PostgreSQL 18 runs, as the manifest asks",
        "reason": "Succeeded",
        "status": "True",
        "type": "MajorVersionUpgrade",
      },
    ],
    "majorVersion": Object {
      "current": "18",
    },
    "observedGeneration": 1,
    "PostgresClusterStatus": "Creating",
    "readyInstances": 0,
  },
}
`

exports[`test/fixtures.test.ts > TAP > standby > sync response 1`] = `
Object {
  "children": Array [
    Object {
      "apiVersion": "apps/v1",
      "kind": "StatefulSet",
      "metadata": Object {
        "labels": Object {
          "application": "spilo",
          "cluster-name": "acid-standby-cluster",
          "team": "acid",
        },
        "name": "acid-standby-cluster",
        "namespace": "default",
      },
      "spec": Object {
        "persistentVolumeClaimRetentionPolicy": Object {
          "whenDeleted": "Retain",
          "whenScaled": "Retain",
        },
        "podManagementPolicy": "OrderedReady",
        "replicas": 1,
        "selector": Object {
          "matchLabels": Object {
            "application": "spilo",
            "cluster-name": "acid-standby-cluster",
          },
        },
        "serviceName": "acid-standby-cluster",
        "template": Object {
          "metadata": Object {
            "annotations": Object {
              "postgres-metacontroller.io/pod-template-hash": "4fa63c5eff4f789b",
            },
            "labels": Object {
              "application": "spilo",
              "cluster-name": "acid-standby-cluster",
              "team": "acid",
            },
          },
          "spec": Object {
            "containers": Array [
              Object {
                "env": Array [
                  Object {
                    "name": "SCOPE",
                    "value": "acid-standby-cluster",
                  },
                  Object {
                    "name": "PGROOT",
                    "value": "/home/postgres/pgdata/pgroot",
                  },
                  Object {
                    "name": "POD_IP",
                    "valueFrom": Object {
                      "fieldRef": Object {
                        "apiVersion": "v1",
                        "fieldPath": "status.podIP",
                      },
                    },
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
                    "name": "PGUSER_SUPERUSER",
                    "value": "postgres",
                  },
                  Object {
                    "name": "KUBERNETES_SCOPE_LABEL",
                    "value": "cluster-name",
                  },
                  Object {
                    "name": "KUBERNETES_ROLE_LABEL",
                    "value": "spilo-role",
                  },
                  Object {
                    "name": "PGPASSWORD_SUPERUSER",
                    "valueFrom": Object {
                      "secretKeyRef": Object {
                        "key": "password",
                        "name": "postgres.acid-standby-cluster.credentials.postgresql.acid.zalan.do",
                      },
                    },
                  },
                  Object {
                    "name": "PGUSER_STANDBY",
                    "value": "standby",
                  },
                  Object {
                    "name": "PGPASSWORD_STANDBY",
                    "valueFrom": Object {
                      "secretKeyRef": Object {
                        "key": "password",
                        "name": "standby.acid-standby-cluster.credentials.postgresql.acid.zalan.do",
                      },
                    },
                  },
                  Object {
                    "name": "PAM_OAUTH2",
                    "value": "https://info.example.com/oauth2/tokeninfo?access_token= uid realm=/employees",
                  },
                  Object {
                    "name": "HUMAN_ROLE",
                    "value": "zalandos",
                  },
                  Object {
                    "name": "PGVERSION",
                    "value": "18",
                  },
                  Object {
                    "name": "KUBERNETES_LABELS",
                    "value": "{\\"application\\":\\"spilo\\"}",
                  },
                  Object {
                    "name": "SPILO_CONFIGURATION",
                    "value": "{\\"postgresql\\":{},\\"bootstrap\\":{\\"initdb\\":[{\\"auth-host\\":\\"scram-sha-256\\"},{\\"auth-local\\":\\"trust\\"}],\\"dcs\\":{\\"failsafe_mode\\":false}}}",
                  },
                  Object {
                    "name": "DCS_ENABLE_KUBERNETES_API",
                    "value": "true",
                  },
                  Object {
                    "name": "KUBERNETES_BOOTSTRAP_LABELS",
                    "value": "{\\"critical-operation\\":\\"true\\"}",
                  },
                  Object {
                    "name": "KUBERNETES_USE_CONFIGMAPS",
                    "value": "true",
                  },
                  Object {
                    "name": "STANDBY_WALE_S3_PREFIX",
                    "value": "s3://mybucket/spilo/acid-minimal-cluster/abcd1234-2a4b-4b2a-8c9c-c1234defg567/wal/14/",
                  },
                  Object {
                    "name": "STANDBY_METHOD",
                    "value": "STANDBY_WITH_WALE",
                  },
                  Object {
                    "name": "STANDBY_WAL_BUCKET_SCOPE_PREFIX",
                  },
                ],
                "image": "ghcr.io/zalando/spilo-18:4.1-p2",
                "imagePullPolicy": "IfNotPresent",
                "name": "postgres",
                "ports": Array [
                  Object {
                    "containerPort": 8008,
                    "protocol": "TCP",
                  },
                  Object {
                    "containerPort": 5432,
                    "protocol": "TCP",
                  },
                  Object {
                    "containerPort": 8080,
                    "protocol": "TCP",
                  },
                ],
                "resources": Object {
                  "limits": Object {
                    "cpu": "1",
                    "memory": "500Mi",
                  },
                  "requests": Object {
                    "cpu": "100m",
                    "memory": "100Mi",
                  },
                },
                "securityContext": Object {
                  "allowPrivilegeEscalation": true,
                  "privileged": false,
                  "readOnlyRootFilesystem": false,
                },
                "volumeMounts": Array [
                  Object {
                    "mountPath": "/home/postgres/pgdata",
                    "name": "pgdata",
                  },
                  Object {
                    "mountPath": "/dev/shm",
                    "name": "dshm",
                  },
                ],
              },
            ],
            "serviceAccountName": "postgres-pod",
            "terminationGracePeriodSeconds": 300,
            "volumes": Array [
              Object {
                "emptyDir": Object {
                  "medium": "Memory",
                },
                "name": "dshm",
              },
            ],
          },
        },
        "updateStrategy": Object {
          "type": "OnDelete",
        },
        "volumeClaimTemplates": Array [
          Object {
            "apiVersion": "v1",
            "kind": "PersistentVolumeClaim",
            "metadata": Object {
              "labels": Object {
                "application": "spilo",
                "cluster-name": "acid-standby-cluster",
                "team": "acid",
              },
              "name": "pgdata",
            },
            "spec": Object {
              "accessModes": Array [
                "ReadWriteOnce",
              ],
              "resources": Object {
                "requests": Object {
                  "storage": "1Gi",
                },
              },
              "volumeMode": "Filesystem",
            },
          },
        ],
      },
    },
    Object {
      "apiVersion": "v1",
      "kind": "Service",
      "metadata": Object {
        "labels": Object {
          "application": "spilo",
          "cluster-name": "acid-standby-cluster",
          "spilo-role": "master",
          "team": "acid",
        },
        "name": "acid-standby-cluster",
        "namespace": "default",
      },
      "spec": Object {
        "ports": Array [
          Object {
            "name": "postgresql",
            "port": 5432,
            "targetPort": 5432,
          },
        ],
        "selector": Object {
          "application": "spilo",
          "cluster-name": "acid-standby-cluster",
          "spilo-role": "master",
        },
        "type": "ClusterIP",
      },
    },
    Object {
      "apiVersion": "v1",
      "kind": "Service",
      "metadata": Object {
        "labels": Object {
          "application": "spilo",
          "cluster-name": "acid-standby-cluster",
          "spilo-role": "replica",
          "team": "acid",
        },
        "name": "acid-standby-cluster-repl",
        "namespace": "default",
      },
      "spec": Object {
        "ports": Array [
          Object {
            "name": "postgresql",
            "port": 5432,
            "targetPort": 5432,
          },
        ],
        "selector": Object {
          "application": "spilo",
          "cluster-name": "acid-standby-cluster",
          "spilo-role": "replica",
        },
        "type": "ClusterIP",
      },
    },
    Object {
      "apiVersion": "policy/v1",
      "kind": "PodDisruptionBudget",
      "metadata": Object {
        "labels": Object {
          "application": "spilo",
          "cluster-name": "acid-standby-cluster",
          "team": "acid",
        },
        "name": "postgres-acid-standby-cluster-pdb",
        "namespace": "default",
      },
      "spec": Object {
        "minAvailable": 1,
        "selector": Object {
          "matchLabels": Object {
            "application": "spilo",
            "cluster-name": "acid-standby-cluster",
            "spilo-role": "master",
          },
        },
      },
    },
    Object {
      "apiVersion": "policy/v1",
      "kind": "PodDisruptionBudget",
      "metadata": Object {
        "labels": Object {
          "application": "spilo",
          "cluster-name": "acid-standby-cluster",
          "team": "acid",
        },
        "name": "postgres-acid-standby-cluster-critical-op-pdb",
        "namespace": "default",
      },
      "spec": Object {
        "maxUnavailable": 0,
        "selector": Object {
          "matchLabels": Object {
            "application": "spilo",
            "cluster-name": "acid-standby-cluster",
            "critical-operation": "true",
          },
        },
      },
    },
    Object {
      "apiVersion": "v1",
      "data": Object {
        "host": "YWNpZC1zdGFuZGJ5LWNsdXN0ZXIuZGVmYXVsdC5zdmMuY2x1c3Rlci5sb2NhbA==",
        "jdbc-uri": "amRiYzpwb3N0Z3Jlc3FsOi8vYWNpZC1zdGFuZGJ5LWNsdXN0ZXIuZGVmYXVsdC5zdmMuY2x1c3Rlci5sb2NhbDo1NDMyLz91c2VyPXBvc3RncmVzJnBhc3N3b3JkPVltTk5EOUtVZ0FJenY2QUxiUlpTYlA1R1I4SjJ2OWVLQ09VUzVBNUVHNmdiTFRSZFo5ZDJYaUlQbUFWNkE0R00=",
        "password": "WW1OTkQ5S1VnQUl6djZBTGJSWlNiUDVHUjhKMnY5ZUtDT1VTNUE1RUc2Z2JMVFJkWjlkMlhpSVBtQVY2QTRHTQ==",
        "port": "NTQzMg==",
        "uri": "cG9zdGdyZXNxbDovL3Bvc3RncmVzOlltTk5EOUtVZ0FJenY2QUxiUlpTYlA1R1I4SjJ2OWVLQ09VUzVBNUVHNmdiTFRSZFo5ZDJYaUlQbUFWNkE0R01AYWNpZC1zdGFuZGJ5LWNsdXN0ZXIuZGVmYXVsdC5zdmMuY2x1c3Rlci5sb2NhbDo1NDMy",
        "username": "cG9zdGdyZXM=",
      },
      "kind": "Secret",
      "metadata": Object {
        "labels": Object {
          "application": "spilo",
          "cluster-name": "acid-standby-cluster",
          "team": "acid",
        },
        "name": "postgres.acid-standby-cluster.credentials.postgresql.acid.zalan.do",
        "namespace": "default",
      },
      "type": "Opaque",
    },
    Object {
      "apiVersion": "v1",
      "data": Object {
        "host": "YWNpZC1zdGFuZGJ5LWNsdXN0ZXIuZGVmYXVsdC5zdmMuY2x1c3Rlci5sb2NhbA==",
        "jdbc-uri": "amRiYzpwb3N0Z3Jlc3FsOi8vYWNpZC1zdGFuZGJ5LWNsdXN0ZXIuZGVmYXVsdC5zdmMuY2x1c3Rlci5sb2NhbDo1NDMyLz91c2VyPXN0YW5kYnkmcGFzc3dvcmQ9SHBkOTJ3UGJsVlcwRFRFT2loRkRyYU1sQnFDU3lwVWFiZER0cllwUkNQS0ZQZnQyTGJmVWZ5Z2E3YTJBcndQOQ==",
        "password": "SHBkOTJ3UGJsVlcwRFRFT2loRkRyYU1sQnFDU3lwVWFiZER0cllwUkNQS0ZQZnQyTGJmVWZ5Z2E3YTJBcndQOQ==",
        "port": "NTQzMg==",
        "uri": "cG9zdGdyZXNxbDovL3N0YW5kYnk6SHBkOTJ3UGJsVlcwRFRFT2loRkRyYU1sQnFDU3lwVWFiZER0cllwUkNQS0ZQZnQyTGJmVWZ5Z2E3YTJBcndQOUBhY2lkLXN0YW5kYnktY2x1c3Rlci5kZWZhdWx0LnN2Yy5jbHVzdGVyLmxvY2FsOjU0MzI=",
        "username": "c3RhbmRieQ==",
      },
      "kind": "Secret",
      "metadata": Object {
        "labels": Object {
          "application": "spilo",
          "cluster-name": "acid-standby-cluster",
          "team": "acid",
        },
        "name": "standby.acid-standby-cluster.credentials.postgresql.acid.zalan.do",
        "namespace": "default",
      },
      "type": "Opaque",
    },
  ],
  "resyncAfterSeconds": 1800,
  "status": Object {
    "conditions": Array [
      Object {
        "lastTransitionTime": "2026-11-20T12:00:00Z",
        "message": "the spec is valid",
        "reason": "SpecValid",
        "status": "True",
        "type": "Valid",
      },
      Object {
        "lastTransitionTime": "2026-11-20T12:00:00Z",
        "message": "no configuration warnings",
        "reason": "NoWarnings",
        "status": "False",
        "type": "Warnings",
      },
      Object {
        "lastTransitionTime": "2026-11-20T12:00:00Z",
        "message": "0 of 1 instances ready",
        "reason": "StatefulSetMissing",
        "status": "False",
        "type": "Ready",
      },
      Object {
        "lastTransitionTime": "2026-11-20T12:00:00Z",
        "message": "the cluster is not hibernated",
        "reason": "Awake",
        "status": "False",
        "type": "Hibernated",
      },
      Object {
        "lastTransitionTime": "2026-11-20T12:00:00Z",
        "message": "every requested change is declared",
        "reason": "Applied",
        "status": "True",
        "type": "SpecApplied",
      },
      Object {
        "lastTransitionTime": "2026-11-20T12:00:00Z",
        "message": "no setup Job: a standby cluster is read-only",
        "reason": "Skipped",
        "status": "True",
        "type": "DatabaseSetup",
      },
      Object {
        "lastTransitionTime": "2026-11-20T12:00:00Z",
        "message": "waiting for a ready database pod",
        "reason": "Waiting",
        "status": "False",
        "type": "PatroniConfigured",
      },
      Object {
        "lastTransitionTime": "2026-11-20T12:00:00Z",
        "message": "every database pod runs the current pod template",
        "reason": "Succeeded",
        "status": "True",
        "type": "RollingUpdate",
      },
      Object {
        "lastTransitionTime": "2026-11-20T12:00:00Z",
        "message": "no data volume claim exists yet; new ones request 1Gi",
        "reason": "Succeeded",
        "status": "True",
        "type": "VolumesResized",
      },
      Object {
        "lastTransitionTime": "2026-11-20T12:00:00Z",
        "message": "PostgreSQL 18 runs, as the manifest asks",
        "reason": "Succeeded",
        "status": "True",
        "type": "MajorVersionUpgrade",
      },
    ],
    "majorVersion": Object {
      "current": "18",
    },
    "observedGeneration": 1,
    "PostgresClusterStatus": "Creating",
    "readyInstances": 0,
  },
}
`

exports[`test/fixtures.test.ts > TAP > standby-host > sync response 1`] = `
Object {
  "children": Array [
    Object {
      "apiVersion": "apps/v1",
      "kind": "StatefulSet",
      "metadata": Object {
        "labels": Object {
          "application": "spilo",
          "cluster-name": "acid-standby-streaming",
          "team": "acid",
        },
        "name": "acid-standby-streaming",
        "namespace": "default",
      },
      "spec": Object {
        "persistentVolumeClaimRetentionPolicy": Object {
          "whenDeleted": "Retain",
          "whenScaled": "Retain",
        },
        "podManagementPolicy": "OrderedReady",
        "replicas": 1,
        "selector": Object {
          "matchLabels": Object {
            "application": "spilo",
            "cluster-name": "acid-standby-streaming",
          },
        },
        "serviceName": "acid-standby-streaming",
        "template": Object {
          "metadata": Object {
            "annotations": Object {
              "postgres-metacontroller.io/pod-template-hash": "096b271dbef62e48",
            },
            "labels": Object {
              "application": "spilo",
              "cluster-name": "acid-standby-streaming",
              "team": "acid",
            },
          },
          "spec": Object {
            "containers": Array [
              Object {
                "env": Array [
                  Object {
                    "name": "SCOPE",
                    "value": "acid-standby-streaming",
                  },
                  Object {
                    "name": "PGROOT",
                    "value": "/home/postgres/pgdata/pgroot",
                  },
                  Object {
                    "name": "POD_IP",
                    "valueFrom": Object {
                      "fieldRef": Object {
                        "apiVersion": "v1",
                        "fieldPath": "status.podIP",
                      },
                    },
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
                    "name": "PGUSER_SUPERUSER",
                    "value": "postgres",
                  },
                  Object {
                    "name": "KUBERNETES_SCOPE_LABEL",
                    "value": "cluster-name",
                  },
                  Object {
                    "name": "KUBERNETES_ROLE_LABEL",
                    "value": "spilo-role",
                  },
                  Object {
                    "name": "PGPASSWORD_SUPERUSER",
                    "valueFrom": Object {
                      "secretKeyRef": Object {
                        "key": "password",
                        "name": "postgres.acid-standby-streaming.credentials.postgresql.acid.zalan.do",
                      },
                    },
                  },
                  Object {
                    "name": "PGUSER_STANDBY",
                    "value": "standby",
                  },
                  Object {
                    "name": "PGPASSWORD_STANDBY",
                    "valueFrom": Object {
                      "secretKeyRef": Object {
                        "key": "password",
                        "name": "standby.acid-standby-streaming.credentials.postgresql.acid.zalan.do",
                      },
                    },
                  },
                  Object {
                    "name": "PAM_OAUTH2",
                    "value": "https://info.example.com/oauth2/tokeninfo?access_token= uid realm=/employees",
                  },
                  Object {
                    "name": "HUMAN_ROLE",
                    "value": "zalandos",
                  },
                  Object {
                    "name": "PGVERSION",
                    "value": "17",
                  },
                  Object {
                    "name": "KUBERNETES_LABELS",
                    "value": "{\\"application\\":\\"spilo\\"}",
                  },
                  Object {
                    "name": "SPILO_CONFIGURATION",
                    "value": "{\\"postgresql\\":{},\\"bootstrap\\":{\\"initdb\\":[{\\"auth-host\\":\\"scram-sha-256\\"},{\\"auth-local\\":\\"trust\\"}],\\"dcs\\":{\\"failsafe_mode\\":false}}}",
                  },
                  Object {
                    "name": "DCS_ENABLE_KUBERNETES_API",
                    "value": "true",
                  },
                  Object {
                    "name": "KUBERNETES_BOOTSTRAP_LABELS",
                    "value": "{\\"critical-operation\\":\\"true\\"}",
                  },
                  Object {
                    "name": "KUBERNETES_USE_CONFIGMAPS",
                    "value": "true",
                  },
                  Object {
                    "name": "STANDBY_HOST",
                    "value": "acid-minimal-cluster.default",
                  },
                  Object {
                    "name": "STANDBY_PORT",
                    "value": "5433",
                  },
                  Object {
                    "name": "STANDBY_PRIMARY_SLOT_NAME",
                    "value": "standby_slot",
                  },
                  Object {
                    "name": "STANDBY_WALE_GS_PREFIX",
                    "value": "gs://mybucket/spilo/acid-minimal-cluster/wal/17/",
                  },
                  Object {
                    "name": "STANDBY_METHOD",
                    "value": "STANDBY_WITH_WALE",
                  },
                  Object {
                    "name": "STANDBY_WAL_BUCKET_SCOPE_PREFIX",
                  },
                ],
                "image": "ghcr.io/zalando/spilo-18:4.1-p2",
                "imagePullPolicy": "IfNotPresent",
                "name": "postgres",
                "ports": Array [
                  Object {
                    "containerPort": 8008,
                    "protocol": "TCP",
                  },
                  Object {
                    "containerPort": 5432,
                    "protocol": "TCP",
                  },
                  Object {
                    "containerPort": 8080,
                    "protocol": "TCP",
                  },
                ],
                "resources": Object {
                  "limits": Object {
                    "cpu": "1",
                    "memory": "500Mi",
                  },
                  "requests": Object {
                    "cpu": "100m",
                    "memory": "100Mi",
                  },
                },
                "securityContext": Object {
                  "allowPrivilegeEscalation": true,
                  "privileged": false,
                  "readOnlyRootFilesystem": false,
                },
                "volumeMounts": Array [
                  Object {
                    "mountPath": "/home/postgres/pgdata",
                    "name": "pgdata",
                  },
                  Object {
                    "mountPath": "/dev/shm",
                    "name": "dshm",
                  },
                ],
              },
            ],
            "serviceAccountName": "postgres-pod",
            "terminationGracePeriodSeconds": 300,
            "volumes": Array [
              Object {
                "emptyDir": Object {
                  "medium": "Memory",
                },
                "name": "dshm",
              },
            ],
          },
        },
        "updateStrategy": Object {
          "type": "OnDelete",
        },
        "volumeClaimTemplates": Array [
          Object {
            "apiVersion": "v1",
            "kind": "PersistentVolumeClaim",
            "metadata": Object {
              "labels": Object {
                "application": "spilo",
                "cluster-name": "acid-standby-streaming",
                "team": "acid",
              },
              "name": "pgdata",
            },
            "spec": Object {
              "accessModes": Array [
                "ReadWriteOnce",
              ],
              "resources": Object {
                "requests": Object {
                  "storage": "1Gi",
                },
              },
              "volumeMode": "Filesystem",
            },
          },
        ],
      },
    },
    Object {
      "apiVersion": "v1",
      "kind": "Service",
      "metadata": Object {
        "labels": Object {
          "application": "spilo",
          "cluster-name": "acid-standby-streaming",
          "spilo-role": "master",
          "team": "acid",
        },
        "name": "acid-standby-streaming",
        "namespace": "default",
      },
      "spec": Object {
        "ports": Array [
          Object {
            "name": "postgresql",
            "port": 5432,
            "targetPort": 5432,
          },
        ],
        "selector": Object {
          "application": "spilo",
          "cluster-name": "acid-standby-streaming",
          "spilo-role": "master",
        },
        "type": "ClusterIP",
      },
    },
    Object {
      "apiVersion": "v1",
      "kind": "Service",
      "metadata": Object {
        "labels": Object {
          "application": "spilo",
          "cluster-name": "acid-standby-streaming",
          "spilo-role": "replica",
          "team": "acid",
        },
        "name": "acid-standby-streaming-repl",
        "namespace": "default",
      },
      "spec": Object {
        "ports": Array [
          Object {
            "name": "postgresql",
            "port": 5432,
            "targetPort": 5432,
          },
        ],
        "selector": Object {
          "application": "spilo",
          "cluster-name": "acid-standby-streaming",
          "spilo-role": "replica",
        },
        "type": "ClusterIP",
      },
    },
    Object {
      "apiVersion": "policy/v1",
      "kind": "PodDisruptionBudget",
      "metadata": Object {
        "labels": Object {
          "application": "spilo",
          "cluster-name": "acid-standby-streaming",
          "team": "acid",
        },
        "name": "postgres-acid-standby-streaming-pdb",
        "namespace": "default",
      },
      "spec": Object {
        "minAvailable": 1,
        "selector": Object {
          "matchLabels": Object {
            "application": "spilo",
            "cluster-name": "acid-standby-streaming",
            "spilo-role": "master",
          },
        },
      },
    },
    Object {
      "apiVersion": "policy/v1",
      "kind": "PodDisruptionBudget",
      "metadata": Object {
        "labels": Object {
          "application": "spilo",
          "cluster-name": "acid-standby-streaming",
          "team": "acid",
        },
        "name": "postgres-acid-standby-streaming-critical-op-pdb",
        "namespace": "default",
      },
      "spec": Object {
        "maxUnavailable": 0,
        "selector": Object {
          "matchLabels": Object {
            "application": "spilo",
            "cluster-name": "acid-standby-streaming",
            "critical-operation": "true",
          },
        },
      },
    },
    Object {
      "apiVersion": "v1",
      "data": Object {
        "host": "YWNpZC1zdGFuZGJ5LXN0cmVhbWluZy5kZWZhdWx0LnN2Yy5jbHVzdGVyLmxvY2Fs",
        "jdbc-uri": "amRiYzpwb3N0Z3Jlc3FsOi8vYWNpZC1zdGFuZGJ5LXN0cmVhbWluZy5kZWZhdWx0LnN2Yy5jbHVzdGVyLmxvY2FsOjU0MzIvP3VzZXI9cG9zdGdyZXMmcGFzc3dvcmQ9WW1OTkQ5S1VnQUl6djZBTGJSWlNiUDVHUjhKMnY5ZUtDT1VTNUE1RUc2Z2JMVFJkWjlkMlhpSVBtQVY2QTRHTQ==",
        "password": "WW1OTkQ5S1VnQUl6djZBTGJSWlNiUDVHUjhKMnY5ZUtDT1VTNUE1RUc2Z2JMVFJkWjlkMlhpSVBtQVY2QTRHTQ==",
        "port": "NTQzMg==",
        "uri": "cG9zdGdyZXNxbDovL3Bvc3RncmVzOlltTk5EOUtVZ0FJenY2QUxiUlpTYlA1R1I4SjJ2OWVLQ09VUzVBNUVHNmdiTFRSZFo5ZDJYaUlQbUFWNkE0R01AYWNpZC1zdGFuZGJ5LXN0cmVhbWluZy5kZWZhdWx0LnN2Yy5jbHVzdGVyLmxvY2FsOjU0MzI=",
        "username": "cG9zdGdyZXM=",
      },
      "kind": "Secret",
      "metadata": Object {
        "labels": Object {
          "application": "spilo",
          "cluster-name": "acid-standby-streaming",
          "team": "acid",
        },
        "name": "postgres.acid-standby-streaming.credentials.postgresql.acid.zalan.do",
        "namespace": "default",
      },
      "type": "Opaque",
    },
    Object {
      "apiVersion": "v1",
      "data": Object {
        "host": "YWNpZC1zdGFuZGJ5LXN0cmVhbWluZy5kZWZhdWx0LnN2Yy5jbHVzdGVyLmxvY2Fs",
        "jdbc-uri": "amRiYzpwb3N0Z3Jlc3FsOi8vYWNpZC1zdGFuZGJ5LXN0cmVhbWluZy5kZWZhdWx0LnN2Yy5jbHVzdGVyLmxvY2FsOjU0MzIvP3VzZXI9c3RhbmRieSZwYXNzd29yZD1IcGQ5MndQYmxWVzBEVEVPaWhGRHJhTWxCcUNTeXBVYWJkRHRyWXBSQ1BLRlBmdDJMYmZVZnlnYTdhMkFyd1A5",
        "password": "SHBkOTJ3UGJsVlcwRFRFT2loRkRyYU1sQnFDU3lwVWFiZER0cllwUkNQS0ZQZnQyTGJmVWZ5Z2E3YTJBcndQOQ==",
        "port": "NTQzMg==",
        "uri": "cG9zdGdyZXNxbDovL3N0YW5kYnk6SHBkOTJ3UGJsVlcwRFRFT2loRkRyYU1sQnFDU3lwVWFiZER0cllwUkNQS0ZQZnQyTGJmVWZ5Z2E3YTJBcndQOUBhY2lkLXN0YW5kYnktc3RyZWFtaW5nLmRlZmF1bHQuc3ZjLmNsdXN0ZXIubG9jYWw6NTQzMg==",
        "username": "c3RhbmRieQ==",
      },
      "kind": "Secret",
      "metadata": Object {
        "labels": Object {
          "application": "spilo",
          "cluster-name": "acid-standby-streaming",
          "team": "acid",
        },
        "name": "standby.acid-standby-streaming.credentials.postgresql.acid.zalan.do",
        "namespace": "default",
      },
      "type": "Opaque",
    },
  ],
  "resyncAfterSeconds": 1800,
  "status": Object {
    "conditions": Array [
      Object {
        "lastTransitionTime": "2026-11-20T12:00:00Z",
        "message": "the spec is valid",
        "reason": "SpecValid",
        "status": "True",
        "type": "Valid",
      },
      Object {
        "lastTransitionTime": "2026-11-20T12:00:00Z",
        "message": "no configuration warnings",
        "reason": "NoWarnings",
        "status": "False",
        "type": "Warnings",
      },
      Object {
        "lastTransitionTime": "2026-11-20T12:00:00Z",
        "message": "0 of 1 instances ready",
        "reason": "StatefulSetMissing",
        "status": "False",
        "type": "Ready",
      },
      Object {
        "lastTransitionTime": "2026-11-20T12:00:00Z",
        "message": "the cluster is not hibernated",
        "reason": "Awake",
        "status": "False",
        "type": "Hibernated",
      },
      Object {
        "lastTransitionTime": "2026-11-20T12:00:00Z",
        "message": "every requested change is declared",
        "reason": "Applied",
        "status": "True",
        "type": "SpecApplied",
      },
      Object {
        "lastTransitionTime": "2026-11-20T12:00:00Z",
        "message": "no setup Job: a standby cluster is read-only",
        "reason": "Skipped",
        "status": "True",
        "type": "DatabaseSetup",
      },
      Object {
        "lastTransitionTime": "2026-11-20T12:00:00Z",
        "message": "waiting for a ready database pod",
        "reason": "Waiting",
        "status": "False",
        "type": "PatroniConfigured",
      },
      Object {
        "lastTransitionTime": "2026-11-20T12:00:00Z",
        "message": "every database pod runs the current pod template",
        "reason": "Succeeded",
        "status": "True",
        "type": "RollingUpdate",
      },
      Object {
        "lastTransitionTime": "2026-11-20T12:00:00Z",
        "message": "no data volume claim exists yet; new ones request 1Gi",
        "reason": "Succeeded",
        "status": "True",
        "type": "VolumesResized",
      },
      Object {
        "lastTransitionTime": "2026-11-20T12:00:00Z",
        "message": "PostgreSQL 17 runs, as the manifest asks",
        "reason": "Succeeded",
        "status": "True",
        "type": "MajorVersionUpgrade",
      },
    ],
    "majorVersion": Object {
      "current": "17",
    },
    "observedGeneration": 1,
    "PostgresClusterStatus": "Creating",
    "readyInstances": 0,
  },
}
`
