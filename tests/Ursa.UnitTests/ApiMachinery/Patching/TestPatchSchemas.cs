using Ursa.ApiMachinery.Patching;

namespace Ursa.UnitTests.ApiMachinery.Patching;

/// <summary>A slice of the Pod/Deployment patch metadata (as in the Kubernetes Go struct tags).</summary>
internal static class TestPatchSchemas
{
    public static readonly PatchSchema Container = new()
    {
        Fields =
        {
            ["env"] = PatchSchema.MergeList("name"),
            ["ports"] = PatchSchema.MergeList("containerPort"),
            ["volumeMounts"] = PatchSchema.MergeList("mountPath"),
            ["resources"] = new PatchSchema(),
        },
    };

    public static readonly PatchSchema PodSpec = new()
    {
        Fields =
        {
            ["containers"] = PatchSchema.MergeList("name", Container),
            ["initContainers"] = PatchSchema.MergeList("name", Container),
            ["volumes"] = new PatchSchema { PatchMergeKey = "name", PatchStrategy = "merge,retainKeys", Items = new PatchSchema() },
            ["tolerations"] = new PatchSchema(),
            ["nodeSelector"] = new PatchSchema { PatchStrategy = "replace" },
        },
    };

    public static readonly PatchSchema Metadata = new()
    {
        Fields = { ["finalizers"] = PatchSchema.MergeSet(), ["labels"] = new PatchSchema() },
    };

    public static readonly PatchSchema Pod = new()
    {
        Fields = { ["metadata"] = Metadata, ["spec"] = PodSpec },
    };

    public static readonly PatchSchema Deployment = new()
    {
        Fields =
        {
            ["metadata"] = Metadata,
            ["spec"] = new PatchSchema
            {
                Fields =
                {
                    ["strategy"] = new PatchSchema { PatchStrategy = "retainKeys" },
                    ["template"] = new PatchSchema { Fields = { ["metadata"] = Metadata, ["spec"] = PodSpec } },
                },
            },
        },
    };
}
