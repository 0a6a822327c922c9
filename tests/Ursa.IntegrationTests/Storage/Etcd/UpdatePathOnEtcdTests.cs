using Ursa.IntegrationTests.ApiServer;

namespace Ursa.IntegrationTests.Storage.Etcd;

/// <summary>Every test of <see cref="UpdatePathTests"/>, against a control plane whose state is in etcd.</summary>
[Collection(EtcdControlPlaneCollection.Name)]
public sealed class UpdatePathOnEtcdTests(EtcdControlPlaneFixture cluster) : UpdatePathTests(cluster);
