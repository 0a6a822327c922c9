namespace Ursa.UnitTests.ApiMachinery.Protobuf;

/// <summary>
/// The messages kubectl's generators build, written field for field as gogo-protobuf writes them: every non-pointer
/// scalar present (empty strings, zeros, <c>false</c>), a zero <c>Time</c> as an empty message.
/// </summary>
internal static class GogoObjects
{
    /// <summary>ObjectMeta {name, generateName, namespace, selfLink, uid, resourceVersion, generation, creationTimestamp, labels}.</summary>
    public static void ObjectMeta(ProtobufWriter w, string name = "", params (string Key, string Value)[] labels)
    {
        w.String(1, name).Empty(2).Empty(3).Empty(4).Empty(5).Empty(6).Varint(7, 0).Empty(8);
        foreach ((string key, string value) in labels)
        {
            w.Entry(11, key, value);
        }
    }

    /// <summary>A container as <c>kubectl create deployment|job --image</c> builds it: name, image, resources {}.</summary>
    public static void Container(ProtobufWriter w, string name, string image) =>
        w.String(1, name).String(2, image)
            .Empty(5) // workingDir
            .Empty(8) // resources {}
            .Empty(13) // terminationMessagePath
            .Empty(14) // imagePullPolicy
            .Bool(16, false).Bool(17, false).Bool(18, false) // stdin, stdinOnce, tty
            .Empty(20); // terminationMessagePolicy

    /// <summary>A PodSpec with its non-pointer scalars, as gogo writes a Go zero PodSpec plus containers.</summary>
    public static void PodSpec(ProtobufWriter w, string restartPolicy, params Action<ProtobufWriter>[] containers)
    {
        foreach (Action<ProtobufWriter> container in containers)
        {
            w.Message(2, container);
        }

        w.String(3, restartPolicy)
            .Empty(6) // dnsPolicy
            .Empty(8).Empty(9).Empty(10) // serviceAccountName, serviceAccount, nodeName
            .Bool(11, false).Bool(12, false).Bool(13, false) // hostNetwork, hostPID, hostIPC
            .Empty(16).Empty(17).Empty(19).Empty(24); // hostname, subdomain, schedulerName, priorityClassName
    }
}
