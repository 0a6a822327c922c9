namespace Ursa.Storage.Sqlite.Internal;

/// <summary>A queued <see cref="IStore.CompactAsync"/>; completes once the compaction point reaches <see cref="Revision"/>.</summary>
internal sealed class CompactionRequest(long revision)
{
    private readonly TaskCompletionSource _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public long Revision { get; } = revision;

    public Task Task => _completion.Task;

    public void Complete() => _completion.TrySetResult();

    public void Fail(Exception error) => _completion.TrySetException(error);
}
