namespace Ursa.IntegrationTests.Storage.Etcd;

/// <summary>Tests in this collection share one control plane on etcd.</summary>
[CollectionDefinition(Name)]
public sealed class EtcdControlPlaneCollection : ICollectionFixture<EtcdControlPlaneFixture>
{
    public const string Name = "control plane on etcd";
}
