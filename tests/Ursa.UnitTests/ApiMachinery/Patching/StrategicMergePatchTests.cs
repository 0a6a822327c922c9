using System.Text.Json.Nodes;
using Ursa.ApiMachinery.Patching;

using Ursa.UnitTests.Testing;

namespace Ursa.UnitTests.ApiMachinery.Patching;

public sealed class StrategicMergePatchTests
{
    // Each case: live object, patch, expected result, all against the Pod schema.
    public static TheoryData<string, string, string, string> PodCases => new()
    {
        {
            "maps merge and null deletes",
            """{"metadata":{"name":"p","labels":{"a":"1","b":"2"}}}""",
            """{"metadata":{"labels":{"b":null,"c":"3"}}}""",
            """{"metadata":{"name":"p","labels":{"a":"1","c":"3"}}}"""
        },
        {
            "null for a missing key is ignored",
            """{"metadata":{"name":"p"}}""",
            """{"metadata":{"labels":null}}""",
            """{"metadata":{"name":"p"}}"""
        },
        {
            "container env merges by name",
            """{"spec":{"containers":[{"name":"app","image":"v1","env":[{"name":"A","value":"1"},{"name":"B","value":"2"}]}]}}""",
            """{"spec":{"containers":[{"name":"app","env":[{"name":"B","value":"3"},{"name":"C","value":"4"}]}]}}""",
            """{"spec":{"containers":[{"name":"app","image":"v1","env":[{"name":"A","value":"1"},{"name":"B","value":"3"},{"name":"C","value":"4"}]}]}}"""
        },
        {
            "element field set to null is removed",
            """{"spec":{"containers":[{"name":"app","image":"v1","command":["sh"]}]}}""",
            """{"spec":{"containers":[{"name":"app","command":null}]}}""",
            """{"spec":{"containers":[{"name":"app","image":"v1"}]}}"""
        },
        {
            "ports merge by numeric key",
            """{"spec":{"containers":[{"name":"app","ports":[{"containerPort":80,"name":"http"},{"containerPort":443}]}]}}""",
            """{"spec":{"containers":[{"name":"app","ports":[{"containerPort":443,"name":"https"}]}]}}""",
            """{"spec":{"containers":[{"name":"app","ports":[{"containerPort":80,"name":"http"},{"containerPort":443,"name":"https"}]}]}}"""
        },
        {
            "setElementOrder appends a new container after existing ones",
            """{"spec":{"containers":[{"name":"a","image":"x"}]}}""",
            """{"spec":{"$setElementOrder/containers":[{"name":"a"},{"name":"b"}],"containers":[{"name":"b","image":"y"}]}}""",
            """{"spec":{"containers":[{"name":"a","image":"x"},{"name":"b","image":"y"}]}}"""
        },
        {
            "setElementOrder alone reorders",
            """{"spec":{"containers":[{"name":"a"},{"name":"b"},{"name":"c"}]}}""",
            """{"spec":{"$setElementOrder/containers":[{"name":"c"},{"name":"a"},{"name":"b"}]}}""",
            """{"spec":{"containers":[{"name":"c"},{"name":"a"},{"name":"b"}]}}"""
        },
        {
            "setElementOrder keeps server-only element in place",
            """{"spec":{"containers":[{"name":"sidecar"},{"name":"a"}]}}""",
            """{"spec":{"$setElementOrder/containers":[{"name":"a"},{"name":"b"}],"containers":[{"name":"b"}]}}""",
            """{"spec":{"containers":[{"name":"sidecar"},{"name":"a"},{"name":"b"}]}}"""
        },
        {
            "setElementOrder with server-only element between",
            """{"spec":{"containers":[{"name":"a"},{"name":"x"},{"name":"b"}]}}""",
            """{"spec":{"$setElementOrder/containers":[{"name":"b"},{"name":"a"}]}}""",
            """{"spec":{"containers":[{"name":"x"},{"name":"b"},{"name":"a"}]}}"""
        },
        {
            "patch delete directive removes element",
            """{"spec":{"containers":[{"name":"a"},{"name":"b"},{"name":"c"}]}}""",
            """{"spec":{"containers":[{"$patch":"delete","name":"b"}]}}""",
            """{"spec":{"containers":[{"name":"a"},{"name":"c"}]}}"""
        },
        {
            "patch replace directive in list replaces list",
            """{"spec":{"containers":[{"name":"a"},{"name":"b"}]}}""",
            """{"spec":{"containers":[{"$patch":"replace"},{"name":"z","image":"i"}]}}""",
            """{"spec":{"containers":[{"name":"z","image":"i"}]}}"""
        },
        {
            "patch replace directive on map replaces map",
            """{"metadata":{"labels":{"a":"1"}}}""",
            """{"metadata":{"labels":{"$patch":"replace","b":"2"}}}""",
            """{"metadata":{"labels":{"b":"2"}}}"""
        },
        {
            "patch delete directive on map empties it",
            """{"metadata":{"name":"p","labels":{"a":"1"}}}""",
            """{"metadata":{"labels":{"$patch":"delete"}}}""",
            """{"metadata":{"name":"p","labels":{}}}"""
        },
        {
            "patch delete directive on missing map adds nothing",
            """{"metadata":{"name":"p"}}""",
            """{"metadata":{"labels":{"$patch":"delete"}}}""",
            """{"metadata":{"name":"p"}}"""
        },
        {
            "patch merge directive is the default",
            """{"metadata":{"labels":{"a":"1"}}}""",
            """{"metadata":{"labels":{"$patch":"merge","b":"2"}}}""",
            """{"metadata":{"labels":{"a":"1","b":"2"}}}"""
        },
        {
            "primitive merge list is unioned",
            """{"metadata":{"finalizers":["a","b"]}}""",
            """{"metadata":{"finalizers":["b","c"]}}""",
            """{"metadata":{"finalizers":["a","b","c"]}}"""
        },
        {
            "primitive merge list deduplicates",
            """{"metadata":{"finalizers":["a","a"]}}""",
            """{"metadata":{"finalizers":["a"]}}""",
            """{"metadata":{"finalizers":["a"]}}"""
        },
        {
            "deleteFromPrimitiveList removes values",
            """{"metadata":{"finalizers":["a","b","c"]}}""",
            """{"metadata":{"$deleteFromPrimitiveList/finalizers":["b","zz"]}}""",
            """{"metadata":{"finalizers":["a","c"]}}"""
        },
        {
            "deleteFromPrimitiveList on a missing list does nothing",
            """{"metadata":{"name":"p"}}""",
            """{"metadata":{"$deleteFromPrimitiveList/finalizers":["b"]}}""",
            """{"metadata":{"name":"p"}}"""
        },
        {
            "primitive list order from setElementOrder with deletion",
            """{"metadata":{"finalizers":["a","b"]}}""",
            """{"metadata":{"$setElementOrder/finalizers":["c","a"],"$deleteFromPrimitiveList/finalizers":["b"],"finalizers":["c"]}}""",
            """{"metadata":{"finalizers":["c","a"]}}"""
        },
        {
            "list without merge strategy is replaced",
            """{"spec":{"containers":[{"name":"a","args":["1","2"]}]}}""",
            """{"spec":{"containers":[{"name":"a","args":["3"]}]}}""",
            """{"spec":{"containers":[{"name":"a","args":["3"]}]}}"""
        },
        {
            "list of objects without merge strategy is replaced",
            """{"spec":{"tolerations":[{"key":"a"},{"key":"b"}]}}""",
            """{"spec":{"tolerations":[{"key":"c"}]}}""",
            """{"spec":{"tolerations":[{"key":"c"}]}}"""
        },
        {
            "map with replace strategy is replaced",
            """{"spec":{"nodeSelector":{"a":"1","b":"2"}}}""",
            """{"spec":{"nodeSelector":{"c":"3"}}}""",
            """{"spec":{"nodeSelector":{"c":"3"}}}"""
        },
        {
            "unknown fields behave as plain JSON",
            """{"spec":{"extra":{"a":1,"list":[1,2]}}}""",
            """{"spec":{"extra":{"b":2,"list":[3]}}}""",
            """{"spec":{"extra":{"a":1,"b":2,"list":[3]}}}"""
        },
        {
            "type change takes patch value",
            """{"spec":{"x":"str"}}""",
            """{"spec":{"x":{"a":1,"b":null}}}""",
            """{"spec":{"x":{"a":1}}}"""
        },
        {
            "new nested map drops nulls and directives",
            """{"spec":{}}""",
            """{"spec":{"containers":[{"name":"a","env":[{"name":"X","value":null}]},{"$patch":"delete","name":"gone"}]}}""",
            """{"spec":{"containers":[{"name":"a","env":[{"name":"X"}]}]}}"""
        },
        {
            "retainKeys clears fields not listed",
            """{"spec":{"volumes":[{"name":"v","emptyDir":{},"x":1}]}}""",
            """{"spec":{"volumes":[{"name":"v","$retainKeys":["name","hostPath"],"hostPath":{"path":"/d"}}]}}""",
            """{"spec":{"volumes":[{"name":"v","hostPath":{"path":"/d"}}]}}"""
        },
        {
            "new element without setElementOrder goes first like Kubernetes",
            """{"spec":{"containers":[{"name":"a"},{"name":"b"}]}}""",
            """{"spec":{"containers":[{"name":"new"}]}}""",
            """{"spec":{"containers":[{"name":"new"},{"name":"a"},{"name":"b"}]}}"""
        },
        {
            "new element follows the patch element before it",
            """{"spec":{"containers":[{"name":"a"},{"name":"b"},{"name":"c"}]}}""",
            """{"spec":{"containers":[{"name":"b","image":"i"},{"name":"new"}]}}""",
            """{"spec":{"containers":[{"name":"a"},{"name":"b","image":"i"},{"name":"new"},{"name":"c"}]}}"""
        },
        {
            "patch order wins, server-only element placed by live position",
            """{"spec":{"containers":[{"name":"a"},{"name":"b"},{"name":"c"}]}}""",
            """{"spec":{"containers":[{"name":"c","image":"1"},{"name":"a","image":"2"}]}}""",
            """{"spec":{"containers":[{"name":"b"},{"name":"c","image":"1"},{"name":"a","image":"2"}]}}"""
        },
        {
            "changed elements keep live order",
            """{"spec":{"containers":[{"name":"a"},{"name":"b"},{"name":"c"}]}}""",
            """{"spec":{"containers":[{"name":"a","image":"1"},{"name":"c","image":"2"}]}}""",
            """{"spec":{"containers":[{"name":"a","image":"1"},{"name":"b"},{"name":"c","image":"2"}]}}"""
        },
        {
            "design doc example: server-only first, then patch order",
            """{"spec":{"containers":[{"name":"B"},{"name":"C"},{"name":"A"}]}}""",
            """{"spec":{"containers":[{"name":"A","v":"1"},{"name":"B","v":"1"},{"name":"D"}]}}""",
            """{"spec":{"containers":[{"name":"C"},{"name":"A","v":"1"},{"name":"B","v":"1"},{"name":"D"}]}}"""
        },
        {
            "empty patch is a no-op",
            """{"metadata":{"name":"p"},"spec":{"containers":[{"name":"a"}]}}""",
            """{}""",
            """{"metadata":{"name":"p"},"spec":{"containers":[{"name":"a"}]}}"""
        },
    };

    [Theory]
    [MemberData(nameof(PodCases))]
    public void Apply_PodPatch_MatchesKubernetes(string description, string live, string patch, string expected)
    {
        Assert.NotEmpty(description);
        JsonAssert.Equal(expected, StrategicMergePatch.Apply(JsonNode.Parse(live), JsonNode.Parse(patch), TestPatchSchemas.Pod));
    }

    [Fact]
    public void Apply_KubectlApplyImageChangeAndEnvRemoval_Applies()
    {
        // What kubectl 1.2x computes client-side for apply after changing the image and dropping env B.
        const string live = """
            {"metadata":{"name":"web","annotations":{"kubectl.kubernetes.io/last-applied-configuration":"old"}},
             "spec":{"replicas":1,"template":{"metadata":{"labels":{"app":"web"}},
             "spec":{"containers":[{"name":"nginx","image":"nginx:1.25","env":[{"name":"A","value":"1"},{"name":"B","value":"2"}],
                                    "terminationMessagePath":"/dev/termination-log"}],"dnsPolicy":"ClusterFirst"}}}}
            """;
        const string patch = """
            {"metadata":{"annotations":{"kubectl.kubernetes.io/last-applied-configuration":"new"}},
             "spec":{"template":{"spec":{"$setElementOrder/containers":[{"name":"nginx"}],
             "containers":[{"$setElementOrder/env":[{"name":"A"}],"env":[{"$patch":"delete","name":"B"}],"image":"nginx:1.26","name":"nginx"}]}}}}
            """;

        JsonObject result = StrategicMergePatch.Apply(JsonNode.Parse(live), JsonNode.Parse(patch), TestPatchSchemas.Deployment);

        JsonAssert.Equal("""
            {"metadata":{"name":"web","annotations":{"kubectl.kubernetes.io/last-applied-configuration":"new"}},
             "spec":{"replicas":1,"template":{"metadata":{"labels":{"app":"web"}},
             "spec":{"containers":[{"name":"nginx","image":"nginx:1.26","env":[{"name":"A","value":"1"}],
                                    "terminationMessagePath":"/dev/termination-log"}],"dnsPolicy":"ClusterFirst"}}}}
            """, result);
    }

    [Fact]
    public void Apply_KubectlApplyAddsContainerAndReorders_Applies()
    {
        const string live = """{"spec":{"template":{"spec":{"containers":[{"name":"a","image":"1"},{"name":"b","image":"1"}]}}}}""";
        const string patch = """
            {"spec":{"template":{"spec":{"$setElementOrder/containers":[{"name":"c"},{"name":"b"},{"name":"a"}],
             "containers":[{"name":"c","image":"2"},{"name":"b","image":"2"}]}}}}
            """;

        JsonAssert.Equal(
            """{"spec":{"template":{"spec":{"containers":[{"name":"c","image":"2"},{"name":"b","image":"2"},{"name":"a","image":"1"}]}}}}""",
            StrategicMergePatch.Apply(JsonNode.Parse(live), JsonNode.Parse(patch), TestPatchSchemas.Deployment));
    }

    [Fact]
    public void Apply_DeploymentStrategyRetainKeys_ClearsRollingUpdate()
    {
        const string live = """{"spec":{"strategy":{"type":"RollingUpdate","rollingUpdate":{"maxSurge":"25%"}}}}""";
        const string patch = """{"spec":{"strategy":{"$retainKeys":["type"],"rollingUpdate":null,"type":"Recreate"}}}""";

        JsonAssert.Equal(
            """{"spec":{"strategy":{"type":"Recreate"}}}""",
            StrategicMergePatch.Apply(JsonNode.Parse(live), JsonNode.Parse(patch), TestPatchSchemas.Deployment));
    }

    [Fact]
    public void Apply_NullSchema_PlainJsonSemantics()
    {
        JsonAssert.Equal(
            """{"a":{"x":1,"y":2},"l":[9]}""",
            StrategicMergePatch.Apply(
                JsonNode.Parse("""{"a":{"x":1},"l":[1,2]}"""), JsonNode.Parse("""{"a":{"y":2},"l":[9]}"""), null));
    }

    [Fact]
    public void Apply_Inputs_AreNotModified()
    {
        JsonNode live = JsonNode.Parse("""{"spec":{"containers":[{"name":"a","env":[{"name":"X","value":"1"}]}]}}""")!;
        JsonNode patch = JsonNode.Parse("""{"spec":{"$setElementOrder/containers":[{"name":"a"}],"containers":[{"name":"a","env":[{"$patch":"delete","name":"X"}]}]}}""")!;
        string liveBefore = live.ToJsonString();
        string patchBefore = patch.ToJsonString();

        JsonObject result = StrategicMergePatch.Apply(live, patch, TestPatchSchemas.Pod);
        result["spec"]!["containers"]![0]!["image"] = "mutated";

        Assert.Equal(liveBefore, live.ToJsonString());
        Assert.Equal(patchBefore, patch.ToJsonString());
    }

    public static TheoryData<string, string> ErrorCases => new()
    {
        { """{"metadata":{"$patch":"bogus"}}""", "unknown patch type: bogus" },
        { """{"spec":{"containers":[{"image":"x"}]}}""", "does not contain declared merge key: name" },
        { """{"spec":{"containers":[{"$patch":"delete"}]}}""", "does not contain declared merge key: name" },
        { """{"spec":{"containers":[{"$patch":"bogus","name":"a"}]}}""", "unknown patch type: bogus" },
        { """{"spec":{"$retainKeys":"name"}}""", "invalid patch format of retainKeys" },
        { """{"spec":{"$retainKeys":["a"],"b":1}}""", "invalid patch format of retainKeys" },
        { """{"spec":{"$setElementOrder/containers":[{"name":"b"}],"containers":[{"name":"c"}]}}""", "doesn't match $setElementOrder list" },
        { """{"spec":{"$setElementOrder/containers":[{"nom":"b"}]}}""", "does not contain declared merge key: name" },
        { """{"spec":{"$setElementOrder/containers":{}}}""", "invalid patch format of setElementOrder list" },
        { """{"spec":{"$setElementOrderX/containers":[]}}""", "invalid patch format of setElementOrder list" },
        { """{"metadata":{"$deleteFromPrimitiveListfinalizers":["a"]}}""", "invalid patch format of primitive list" },
        { """{"metadata":{"finalizers":[["a"]]}}""", "lists of lists are not supported" },
        { """{"spec":{"containers":["a"]}}""", "list element types are not identical" },
    };

    [Theory]
    [MemberData(nameof(ErrorCases))]
    public void Apply_BadPatch_ThrowsPatchException(string patch, string expected)
    {
        JsonNode live = JsonNode.Parse("""{"metadata":{"finalizers":["x"]},"spec":{"containers":[{"name":"a"}]}}""")!;

        var e = Assert.Throws<PatchException>(() => StrategicMergePatch.Apply(live, JsonNode.Parse(patch), TestPatchSchemas.Pod));
        Assert.Contains(expected, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Apply_NonObjectPatch_Throws()
    {
        Assert.Throws<PatchException>(() => StrategicMergePatch.Apply(new JsonObject(), new JsonArray(), null));
    }
}
