namespace Ursa.EndToEndTests.Runtimes.Cri;

/// <summary>The CRI test classes share one containerd (start ~1-2 s with image builds) and run one after another.</summary>
[CollectionDefinition(Name)]
public sealed class CriCollection : ICollectionFixture<CriFixture>
{
    public const string Name = "cri";
}
