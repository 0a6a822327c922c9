namespace Ursa.IntegrationTests.Infrastructure;

/// <summary>Tests in this collection share one control plane (starting one costs ~1 s).</summary>
[CollectionDefinition(Name)]
public sealed class ControlPlaneCollection : ICollectionFixture<ControlPlaneFixture>
{
    public const string Name = "control plane";
}
