namespace Ursa.Storage.Sqlite.Internal;

/// <summary>
/// One queued create/update/delete. The caller awaits <see cref="Task"/>; the writer loop completes it after the
/// batch holding it has committed (or failed).
/// </summary>
/// <remarks>
/// Cancellation is honoured only while the request waits in the queue: the writer claims a request before
/// applying it, and a claimed request always completes with its real outcome. A caller that sees
/// <see cref="OperationCanceledException"/> therefore knows the write did not happen.
/// </remarks>
internal sealed class WriteRequest
{
    private const int Queued = 0;
    private const int Claimed = 1;
    private const int Cancelled = 2;

    private readonly TaskCompletionSource<StoreEntry> _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private CancellationTokenRegistration _registration;
    private int _state;

    public WriteRequest(WriteKind kind, string key, byte[] value, long expectedModRevision)
    {
        Kind = kind;
        Key = key;
        Value = value;
        ExpectedModRevision = expectedModRevision;
    }

    public WriteKind Kind { get; }

    public string Key { get; }

    /// <summary>A private copy of the caller's bytes: the returned entry and watch events share it.</summary>
    public byte[] Value { get; }

    public long ExpectedModRevision { get; }

    public Task<StoreEntry> Task => _completion.Task;

    /// <summary>The outcome decided inside the batch, delivered after commit.</summary>
    public StoreEntry? Result { get; set; }

    /// <summary>The precondition failure decided inside the batch, delivered after commit.</summary>
    public Exception? Error { get; set; }

    /// <summary>The watch event this write produces, published after commit.</summary>
    public WatchEvent? Event { get; set; }

    public void RegisterCancellation(CancellationToken cancellationToken)
    {
        if (cancellationToken.CanBeCanceled)
        {
            _registration = cancellationToken.UnsafeRegister(
                static (state, token) => ((WriteRequest)state!).TryCancel(token), this);
        }
    }

    /// <summary>Called by the writer before applying; false when the caller cancelled first.</summary>
    public bool TryClaim() => Interlocked.CompareExchange(ref _state, Claimed, Queued) == Queued;

    public void Complete()
    {
        _registration.Dispose();
        if (Error is not null)
        {
            _completion.TrySetException(Error);
        }
        else
        {
            _completion.TrySetResult(Result!);
        }
    }

    public void Fail(Exception error)
    {
        _registration.Dispose();
        _completion.TrySetException(error);
    }

    private void TryCancel(CancellationToken token)
    {
        if (Interlocked.CompareExchange(ref _state, Cancelled, Queued) == Queued)
        {
            _completion.TrySetCanceled(token);
        }
    }
}
