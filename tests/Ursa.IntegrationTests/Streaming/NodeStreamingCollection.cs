namespace Ursa.IntegrationTests.Streaming;

/// <summary>Streaming tests share one control plane and one node streaming server.</summary>
[CollectionDefinition(Name)]
public sealed class NodeStreamingCollection : ICollectionFixture<NodeStreamingFixture>
{
    public const string Name = "node streaming";
}
