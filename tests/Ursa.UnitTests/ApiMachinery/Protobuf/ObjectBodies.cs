namespace Ursa.UnitTests.ApiMachinery.Protobuf;

/// <summary>Hand-built protobuf bodies for the decoding table, each beside the JSON it must decode to.</summary>
internal static class ObjectBodies
{
    /// <summary>2026-11-21T06:00:00Z.</summary>
    public const long Seconds = 1_795_240_800;

    public static byte[] Pod() =>
        ProtobufWriter.Body("v1", "Pod", pod => pod
            .Message(1, meta => meta
                .String(1, "web-0").String(3, "default").Varint(7, 0)
                .Message(8, time => time.Varint(1, Seconds).Varint(2, 0))
                .Entry(11, "app", "web").Entry(11, "tier", string.Empty)
                .Message(13, owner => owner
                    .String(1, "ReplicaSet").String(3, "web-abc").String(4, "uid-1").String(5, "apps/v1")
                    .Bool(6, true).Bool(7, true)))
            .Message(2, spec => spec
                .Message(1, volume => volume.String(1, "data")
                    .Message(2, source => source.Message(2, emptyDir => emptyDir
                        .String(1, "Memory").Message(2, quantity => quantity.String(1, "64Mi")))))
                .Message(1, volume => volume.String(1, "cfg")
                    .Message(2, source => source.Message(19, configMap => configMap
                        .Message(1, reference => reference.String(1, "app-config")).Varint(3, 420))))
                .Message(2, Container)
                .String(3, "Always")
                .Varint(4, 30) // terminationGracePeriodSeconds
                .Entry(7, "kubernetes.io/os", "linux")
                .Bool(11, false) // hostNetwork: gogo writes false; JSON leaves it out
                .Message(14, security => security.Varint(2, 0).Bool(3, true).Varint(4, 1000).Varint(4, 2000))
                .Message(22, toleration => toleration
                    .String(1, "node.kubernetes.io/not-ready").String(2, "Exists").Empty(3).String(4, "NoExecute")
                    .Varint(5, 300))
                .Message(22, toleration => toleration
                    .String(1, "dedicated").String(2, "Equal").String(3, "gpu").String(4, "NoSchedule"))
                .Varint(25, -5)) // priority: a negative int32 is a sign-extended 10-byte varint
            .Message(3, status => status.Empty(1).Empty(3)));

    public const string PodJson =
        """
        {"apiVersion":"v1","kind":"Pod",
         "metadata":{"name":"web-0","namespace":"default","creationTimestamp":"2026-11-21T06:00:00Z",
                     "labels":{"app":"web","tier":""},
                     "ownerReferences":[{"kind":"ReplicaSet","name":"web-abc","uid":"uid-1","apiVersion":"apps/v1",
                                         "controller":true,"blockOwnerDeletion":true}]},
         "spec":{"volumes":[{"name":"data","emptyDir":{"medium":"Memory","sizeLimit":"64Mi"}},
                            {"name":"cfg","configMap":{"name":"app-config","defaultMode":420}}],
                 "containers":[
                   {"name":"app","image":"nginx:1.27",
                    "ports":[{"name":"http","containerPort":8080,"protocol":"TCP"}],
                    "env":[{"name":"MODE","value":"prod"},
                           {"name":"POD_NAME","valueFrom":{"fieldRef":{"apiVersion":"v1","fieldPath":"metadata.name"}}},
                           {"name":"PASSWORD","valueFrom":{"secretKeyRef":{"name":"db","key":"password"}}}],
                    "resources":{"limits":{"cpu":"500m","memory":"128Mi"},"requests":{"cpu":"250m"}},
                    "volumeMounts":[{"name":"data","readOnly":true,"mountPath":"/data"}],
                    "livenessProbe":{"tcpSocket":{"port":8080}},
                    "readinessProbe":{"httpGet":{"path":"/healthz","port":"http"},"initialDelaySeconds":5,
                                      "timeoutSeconds":1,"periodSeconds":10,"successThreshold":1,"failureThreshold":3},
                    "imagePullPolicy":"IfNotPresent"}],
                 "restartPolicy":"Always","terminationGracePeriodSeconds":30,
                 "nodeSelector":{"kubernetes.io/os":"linux"},
                 "securityContext":{"runAsUser":0,"runAsNonRoot":true,"supplementalGroups":[1000,2000]},
                 "tolerations":[{"key":"node.kubernetes.io/not-ready","operator":"Exists","effect":"NoExecute",
                                 "tolerationSeconds":300},
                                {"key":"dedicated","operator":"Equal","value":"gpu","effect":"NoSchedule"}],
                 "priority":-5},
         "status":{}}
        """;

    public static byte[] DeploymentWithZeroReplicas() =>
        ProtobufWriter.Body("apps/v1", "Deployment", deployment => deployment
            .Message(1, meta => GogoObjects.ObjectMeta(meta, "web"))
            .Message(2, spec => spec
                .Varint(1, 0) // *int32 replicas = 0 is a request to scale to zero, not "unset"
                .Message(4, strategy => strategy.String(1, "RollingUpdate")
                    .Message(2, rolling => rolling
                        .Message(1, maxUnavailable => maxUnavailable.Varint(1, 1).Varint(2, 0).String(3, "25%"))
                        .Message(2, maxSurge => maxSurge.Varint(1, 0).Varint(2, 1).Empty(3))))
                .Varint(5, 0)
                .Varint(6, 10)
                .Bool(7, false)
                .Varint(9, 600)));

    public const string DeploymentWithZeroReplicasJson =
        """
        {"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"web"},
         "spec":{"replicas":0,
                 "strategy":{"type":"RollingUpdate","rollingUpdate":{"maxUnavailable":"25%","maxSurge":1}},
                 "revisionHistoryLimit":10,"progressDeadlineSeconds":600}}
        """;

    public static byte[] Lease() =>
        ProtobufWriter.Body("coordination.k8s.io/v1", "Lease", lease => lease
            .Message(1, meta => meta.String(1, "node-1").String(3, "kube-node-lease"))
            .Message(2, spec => spec
                .String(1, "node-1").Varint(2, 40)
                .Message(4, renew => renew.Varint(1, Seconds).Varint(2, 123_456_789))
                .Varint(5, 0)));

    public const string LeaseJson =
        """
        {"apiVersion":"coordination.k8s.io/v1","kind":"Lease",
         "metadata":{"name":"node-1","namespace":"kube-node-lease"},
         "spec":{"holderIdentity":"node-1","leaseDurationSeconds":40,"renewTime":"2026-11-21T06:00:00.123456Z",
                 "leaseTransitions":0}}
        """;

    private static void Container(ProtobufWriter c) =>
        c.String(1, "app").String(2, "nginx:1.27")
            .Message(6, port => port.String(1, "http").Varint(2, 0).Varint(3, 8080).String(4, "TCP").Empty(5))
            .Message(7, env => env.String(1, "MODE").String(2, "prod"))
            .Message(7, env => env.String(1, "POD_NAME").Empty(2)
                .Message(3, source => source.Message(1, field => field.String(1, "v1").String(2, "metadata.name"))))
            .Message(7, env => env.String(1, "PASSWORD").Empty(2)
                .Message(3, source => source.Message(4, secret => secret
                    .Message(1, reference => reference.String(1, "db")).String(2, "password"))))
            .Message(8, resources => resources
                .QuantityEntry(1, "cpu", "500m").QuantityEntry(1, "memory", "128Mi").QuantityEntry(2, "cpu", "250m"))
            .Message(9, mount => mount.String(1, "data").Bool(2, true).String(3, "/data").Empty(4).Empty(6))
            .Message(10, probe => probe
                .Message(1, handler => handler.Message(3, tcp => tcp
                    .Message(1, port => port.Varint(1, 0).Varint(2, 8080).Empty(3)).Empty(2)))
                .Varint(2, 0).Varint(3, 0).Varint(4, 0).Varint(5, 0).Varint(6, 0))
            .Message(11, probe => probe
                .Message(1, handler => handler.Message(2, http => http
                    .String(1, "/healthz").Message(2, port => port.Varint(1, 1).Varint(2, 0).String(3, "http"))
                    .Empty(3).Empty(4)))
                .Varint(2, 5).Varint(3, 1).Varint(4, 10).Varint(5, 1).Varint(6, 3))
            .Empty(13).String(14, "IfNotPresent").Bool(16, false).Bool(17, false).Bool(18, false).Empty(20);
}
