namespace Ursa.UnitTests.ApiMachinery.Protobuf;

/// <summary>
/// Request bodies of kubectl's generator commands: captured from a real kubectl v1.33 against a recording HTTPS
/// listener, and the same objects rebuilt with <see cref="ProtobufWriter"/>.
/// </summary>
internal static class KubectlBodies
{
    /// <summary><c>kubectl create namespace team-a</c>, as captured.</summary>
    public const string CreateNamespaceCaptured =
        "azhzAAoPCgJ2MRIJTmFtZXNwYWNlEh4KFgoGdGVhbS1hEgAaACIAKgAyADgAQgASABoCCgAaACIA";

    /// <summary><c>kubectl create deployment web --image=busybox --replicas=3</c>, as captured.</summary>
    public const string CreateDeploymentCaptured =
        "azhzAAoVCgdhcHBzL3YxEgpEZXBsb3ltZW50Eq8BCh8KA3dlYhIAGgAiACoAMgA4AEIAWgoKA2FwcBIDd2ViEn4IAxIMCgoKA2FwcBIDd2ViGmQ"
        + "KHAoAEgAaACIAKgAyADgAQgBaCgoDYXBwEgN3ZWISRBImCgdidXN5Ym94EgdidXN5Ym94KgBCAGoAcgCAAQCIAQCQAQCiAQAaADIAQgBKAFIAWAB"
        + "gAGgAggEAigEAmgEAwgEAIgIKACgAOAAaDAgAEAAYACAAKAA4ABoAIgA=";

    /// <summary><c>kubectl create job j --image=busybox</c>, as captured.</summary>
    public const string CreateJobCaptured =
        "azhzAAoPCghiYXRjaC92MRIDSm9iEngKEQoBahIAGgAiACoAMgA4AEIAElkyVwoQCgASABoAIgAqADIAOABCABJDEiAKAWoSB2J1c3lib3gqAE"
        + "IAagByAIABAIgBAJABAKIBABoFTmV2ZXIyAEIASgBSAFgAYABoAIIBAIoBAJoBAMIBABoIIAAoADAAOgAaACIA";

    /// <summary><c>kubectl create configmap cfg --from-literal=a=1 --from-literal=empty=</c>, as captured.</summary>
    public const string CreateConfigMapCaptured =
        "azhzAAoPCgJ2MRIJQ29uZmlnTWFwEigKEwoDY2ZnEgAaACIAKgAyADgAQgASBgoBYRIBMRIJCgVlbXB0eRIAGgAiAA==";

    /// <summary><c>kubectl create secret generic s --from-literal=pw=hunter2</c>, as captured.</summary>
    public const string CreateSecretCaptured =
        "azhzAAoMCgJ2MRIGU2VjcmV0EiQKEQoBcxIAGgAiACoAMgA4AEIAEg0KAnB3EgdodW50ZXIyGgAaACIA";

    /// <summary><c>kubectl create serviceaccount sa</c>, as captured.</summary>
    public const string CreateServiceAccountCaptured =
        "azhzAAoUCgJ2MRIOU2VydmljZUFjY291bnQSFAoSCgJzYRIAGgAiACoAMgA4AEIAGgAiAA==";

    /// <summary><c>kubectl create service clusterip svc --tcp=80:8080</c>, as captured.</summary>
    public const string CreateServiceCaptured =
        "azhzAAoNCgJ2MRIHU2VydmljZRJpCh8KA3N2YxIAGgAiACoAMgA4AEIAWgoKA2FwcBIDc3ZjEkIKGwoHODAtODA4MBIDVENQGFAiBwgAEJA/GgAo"
        + "ABIKCgNhcHASA3N2YxoAIglDbHVzdGVySVA6AEIAUgBaAGAAaAAaAgoAGgAiAA==";

    /// <summary><c>kubectl create cronjob cj --image=busybox --schedule='*/5 * * * *'</c>, as captured.</summary>
    public const string CreateCronJobCaptured =
        "azhzAAoTCghiYXRjaC92MRIHQ3JvbkpvYhKeAQoSCgJjahIAGgAiACoAMgA4AEIAEoUBCgsqLzUgKiAqICogKhoAKnQKEgoCY2oSABoAIgAqADIA"
        + "OABCABJeMlwKEAoAEgAaACIAKgAyADgAQgASSBIhCgJjahIHYnVzeWJveCoAQgBqAHIAgAEAiAEAkAEAogEAGglPbkZhaWx1cmUyAEIASgBSAFgA"
        + "YABoAIIBAIoBAJoBAMIBABoAGgAiAA==";

    public const string CreateConfigMapJson =
        """{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"cfg"},"data":{"a":"1","empty":""}}""";

    public const string CreateSecretJson =
        """{"apiVersion":"v1","kind":"Secret","metadata":{"name":"s"},"data":{"pw":"aHVudGVyMg=="}}""";

    public const string CreateServiceAccountJson =
        """{"apiVersion":"v1","kind":"ServiceAccount","metadata":{"name":"sa"}}""";

    public const string CreateServiceJson =
        """
        {"apiVersion":"v1","kind":"Service",
         "metadata":{"name":"svc","labels":{"app":"svc"}},
         "spec":{"ports":[{"name":"80-8080","protocol":"TCP","port":80,"targetPort":8080}],
                 "selector":{"app":"svc"},"type":"ClusterIP"},
         "status":{"loadBalancer":{}}}
        """;

    public const string CreateCronJobJson =
        """
        {"apiVersion":"batch/v1","kind":"CronJob",
         "metadata":{"name":"cj"},
         "spec":{"schedule":"*/5 * * * *",
                 "jobTemplate":{"metadata":{"name":"cj"},
                                "spec":{"template":{"metadata":{},
                                                    "spec":{"containers":[{"name":"cj","image":"busybox","resources":{}}],
                                                            "restartPolicy":"OnFailure"}}}}},
         "status":{}}
        """;

    public const string CreateNamespaceJson =
        """{"apiVersion":"v1","kind":"Namespace","metadata":{"name":"team-a"},"spec":{},"status":{}}""";

    public const string CreateDeploymentJson =
        """
        {"apiVersion":"apps/v1","kind":"Deployment",
         "metadata":{"name":"web","labels":{"app":"web"}},
         "spec":{"replicas":3,"selector":{"matchLabels":{"app":"web"}},
                 "template":{"metadata":{"labels":{"app":"web"}},
                             "spec":{"containers":[{"name":"busybox","image":"busybox","resources":{}}]}},
                 "strategy":{}},
         "status":{}}
        """;

    public const string CreateJobJson =
        """
        {"apiVersion":"batch/v1","kind":"Job",
         "metadata":{"name":"j"},
         "spec":{"template":{"metadata":{},
                             "spec":{"containers":[{"name":"j","image":"busybox","resources":{}}],"restartPolicy":"Never"}}},
         "status":{}}
        """;

    public static byte[] CreateNamespace() =>
        ProtobufWriter.Body("v1", "Namespace", ns => ns
            .Message(1, meta => GogoObjects.ObjectMeta(meta, "team-a"))
            .Empty(2) // spec {}
            .Message(3, status => status.Empty(1))); // status {phase: ""}

    public static byte[] CreateDeployment() =>
        ProtobufWriter.Body("apps/v1", "Deployment", deployment => deployment
            .Message(1, meta => GogoObjects.ObjectMeta(meta, "web", ("app", "web")))
            .Message(2, spec => spec
                .Varint(1, 3) // replicas
                .Message(2, selector => selector.Entry(1, "app", "web"))
                .Message(3, template => template
                    .Message(1, meta => GogoObjects.ObjectMeta(meta, labels: ("app", "web")))
                    .Message(2, pod => GogoObjects.PodSpec(pod, string.Empty, c => GogoObjects.Container(c, "busybox", "busybox"))))
                .Message(4, strategy => strategy.Empty(1))
                .Varint(5, 0) // minReadySeconds
                .Bool(7, false)) // paused
            .Message(3, status => status.Varint(1, 0).Varint(2, 0).Varint(3, 0).Varint(4, 0).Varint(5, 0).Varint(7, 0)));

    public static byte[] CreateJob() =>
        ProtobufWriter.Body("batch/v1", "Job", job => job
            .Message(1, meta => GogoObjects.ObjectMeta(meta, "j"))
            .Message(2, spec => spec
                .Message(6, template => template
                    .Message(1, meta => GogoObjects.ObjectMeta(meta))
                    .Message(2, pod => GogoObjects.PodSpec(pod, "Never", c => GogoObjects.Container(c, "j", "busybox")))))
            .Message(3, status => status.Varint(4, 0).Varint(5, 0).Varint(6, 0).Empty(7)));
}
