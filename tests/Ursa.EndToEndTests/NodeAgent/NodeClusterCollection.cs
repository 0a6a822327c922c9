namespace Ursa.EndToEndTests.NodeAgent;

/// <summary>Node agent tests share one cluster (containerd start-up and image build cost seconds).</summary>
[CollectionDefinition(Name)]
public sealed class NodeClusterCollection : ICollectionFixture<NodeClusterFixture>
{
    public const string Name = "node cluster";
}
