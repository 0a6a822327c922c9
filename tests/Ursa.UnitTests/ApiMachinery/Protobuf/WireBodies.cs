namespace Ursa.UnitTests.ApiMachinery.Protobuf;

/// <summary>Bodies that exercise the wire format itself: packing, unknown fields, map and well-known-type edges.</summary>
internal static class WireBodies
{
    /// <summary>supplementalGroups as one packed field (proto3 style) instead of one field per element.</summary>
    public static byte[] PackedRepeatedScalars() =>
        ProtobufWriter.Body("v1", "Pod", pod => pod
            .Message(2, spec => spec
                .Message(14, security => security.Bytes(4, [0xE8, 0x07, 0xD0, 0x0F]))));

    public const string PackedRepeatedScalarsJson =
        """{"apiVersion":"v1","kind":"Pod","spec":{"securityContext":{"supplementalGroups":[1000,2000]}}}""";

    /// <summary>Fields this schema does not know, of every wire type, at the top level and nested.</summary>
    public static byte[] UnknownFields() =>
        ProtobufWriter.Body("v1", "Namespace", ns => ns
            .Message(1, meta => meta
                .String(1, "team-a")
                .Varint(99, 7).Fixed32(98, 0xDEADBEEF).Fixed64(97, ulong.MaxValue).String(96, "later field"))
            .Message(50, future => future.String(1, "x")));

    public const string UnknownFieldsJson =
        """{"apiVersion":"v1","kind":"Namespace","metadata":{"name":"team-a"}}""";

    public static byte[] ManagedFields() =>
        ProtobufWriter.Body("v1", "ConfigMap", cm => cm
            .Message(1, meta => meta
                .String(1, "cfg")
                .Message(17, entry => entry
                    .String(1, "kubectl").String(2, "Update").String(3, "v1")
                    .Message(4, time => time.Varint(1, ObjectBodies.Seconds))
                    .String(6, "FieldsV1")
                    .Message(7, fields => fields.String(1, """{"f:data":{"f:a":{}}}"""))
                    .Empty(8)))
            .Message(3, entry => entry.String(1, "blob").Bytes(2, [0, 1, 2, 255])));

    public const string ManagedFieldsJson =
        """
        {"apiVersion":"v1","kind":"ConfigMap",
         "metadata":{"name":"cfg",
                     "managedFields":[{"manager":"kubectl","operation":"Update","apiVersion":"v1",
                                       "time":"2026-11-21T06:00:00Z","fieldsType":"FieldsV1",
                                       "fieldsV1":{"f:data":{"f:a":{}}}}]},
         "binaryData":{"blob":"AAEC/w=="}}
        """;

    public static byte[] DeleteOptions() =>
        ProtobufWriter.Body("meta.k8s.io/v1", "DeleteOptions", options => options
            .Varint(1, 0)
            .Message(2, preconditions => preconditions.String(1, "uid-1"))
            .String(4, "Background")
            .String(5, "All"));

    public const string DeleteOptionsJson =
        """
        {"apiVersion":"meta.k8s.io/v1","kind":"DeleteOptions","gracePeriodSeconds":0,
         "preconditions":{"uid":"uid-1"},"propagationPolicy":"Background","dryRun":["All"]}
        """;

    public static byte[] Node() =>
        ProtobufWriter.Body("v1", "Node", node => node
            .Message(1, meta => GogoObjects.ObjectMeta(meta, "node-1", ("kubernetes.io/hostname", "node-1")))
            .Message(2, spec => spec
                .Empty(1).Empty(3).Bool(4, true)
                .Message(5, taint => taint.String(1, "dedicated").String(2, "vm").String(3, "NoSchedule")))
            .Message(3, status => status
                .QuantityEntry(1, "cpu", "4").QuantityEntry(1, "memory", "8Gi").QuantityEntry(2, "pods", "110")
                .Message(4, condition => condition.String(1, "Ready").String(2, "True")
                    .Message(3, time => time.Varint(1, ObjectBodies.Seconds)).Empty(4).String(5, "KubeletReady").Empty(6))
                .Message(5, address => address.String(1, "InternalIP").String(2, "10.0.0.4"))
                .Message(6, endpoints => endpoints.Message(1, kubelet => kubelet.Varint(1, 10250)))
                .Message(7, info => info.String(9, "linux").String(10, "amd64"))));

    public const string NodeJson =
        """
        {"apiVersion":"v1","kind":"Node",
         "metadata":{"name":"node-1","labels":{"kubernetes.io/hostname":"node-1"}},
         "spec":{"unschedulable":true,"taints":[{"key":"dedicated","value":"vm","effect":"NoSchedule"}]},
         "status":{"capacity":{"cpu":"4","memory":"8Gi"},"allocatable":{"pods":"110"},
                   "conditions":[{"type":"Ready","status":"True","lastHeartbeatTime":"2026-11-21T06:00:00Z",
                                  "reason":"KubeletReady"}],
                   "addresses":[{"type":"InternalIP","address":"10.0.0.4"}],
                   "daemonEndpoints":{"kubeletEndpoint":{"Port":10250}},
                   "nodeInfo":{"operatingSystem":"linux","architecture":"amd64"}}}
        """;

    public static byte[] Event() =>
        ProtobufWriter.Body("v1", "Event", ev => ev
            .Message(1, meta => meta.String(1, "web-0.1").String(3, "default"))
            .Message(2, involved => involved.String(1, "Pod").String(2, "default").String(3, "web-0"))
            .String(3, "Scheduled").String(4, "assigned default/web-0 to node-1")
            .Message(5, source => source.String(1, "default-scheduler"))
            .Empty(6).Empty(7).Varint(8, 0).String(9, "Normal")
            .Message(10, time => time.Varint(1, ObjectBodies.Seconds).Varint(2, 5_000))
            .String(12, "Binding").String(14, "default-scheduler").String(15, "scheduler-1"));

    public const string EventJson =
        """
        {"apiVersion":"v1","kind":"Event","metadata":{"name":"web-0.1","namespace":"default"},
         "involvedObject":{"kind":"Pod","namespace":"default","name":"web-0"},
         "reason":"Scheduled","message":"assigned default/web-0 to node-1","source":{"component":"default-scheduler"},
         "type":"Normal","eventTime":"2026-11-21T06:00:00.000005Z","action":"Binding",
         "reportingComponent":"default-scheduler","reportingInstance":"scheduler-1"}
        """;

    public static byte[] Binding() =>
        ProtobufWriter.Body("v1", "Binding", binding => binding
            .Message(1, meta => meta.String(1, "web-0").String(3, "default"))
            .Message(2, target => target.String(1, "Node").Empty(2).String(3, "node-1")));

    public const string BindingJson =
        """
        {"apiVersion":"v1","kind":"Binding","metadata":{"name":"web-0","namespace":"default"},
         "target":{"kind":"Node","name":"node-1"}}
        """;
}
