using Ursa.IntegrationTests.Kubectl;

namespace Ursa.IntegrationTests.Storage.Etcd;

/// <summary>Every test of <see cref="KubectlReadTests"/>, against a control plane whose state is in etcd.</summary>
[Collection(EtcdControlPlaneCollection.Name)]
public sealed class KubectlReadOnEtcdTests(EtcdControlPlaneFixture cluster) : KubectlReadTests(cluster);
