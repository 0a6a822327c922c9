using Ursa.Storage.Conformance;
using Ursa.Storage.Sqlite;

namespace Ursa.IntegrationTests.Storage;

/// <summary>The storage conformance suite against <see cref="SqliteStore"/> with default options, one temp directory per test.</summary>
public sealed class SqliteStoreConformanceTests : DurableStoreConformanceTests
{
    private readonly SqliteTestDirectory _directory = new();

    protected override async Task<IStore> CreateStoreAsync() =>
        await SqliteStore.OpenAsync(_directory.DatabasePath, new SqliteStoreOptions(), TimeProvider.System, CancellationToken.None);

    protected override async Task<IStore> ReopenStoreAsync(IStore store)
    {
        await store.DisposeAsync();
        return await CreateStoreAsync();
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        _directory.Dispose();
    }
}
