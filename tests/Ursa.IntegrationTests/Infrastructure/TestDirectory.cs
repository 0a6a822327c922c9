namespace Ursa.IntegrationTests.Infrastructure;

/// <summary>A temporary directory removed when disposed.</summary>
public sealed class TestDirectory : IDisposable
{
    public TestDirectory(string purpose)
    {
        Path = Directory.CreateTempSubdirectory($"ursa-{purpose}-").FullName;
    }

    public string Path { get; }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
