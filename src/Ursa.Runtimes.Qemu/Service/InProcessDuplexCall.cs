using System.Runtime.ExceptionServices;
using System.Threading.Channels;
using Ursa.Grpc;

namespace Ursa.Runtimes.Qemu.Service;

/// <summary>
/// A duplex call whose server half is a handler in this process: requests and responses pass through two channels
/// instead of HTTP/2 frames. The handler ending normally ends the responses (<see cref="ReadAsync"/> returns null);
/// its error is read as the <see cref="GrpcException"/> a gRPC client would get.
/// </summary>
internal sealed class InProcessDuplexCall<TRequest, TResponse> : IGrpcDuplexCall<TRequest, TResponse>
    where TResponse : class
{
    // A few messages in flight each way, as an HTTP/2 stream's window would allow; a slow reader holds the writer back.
    private const int Window = 16;

    private readonly Channel<TRequest> _requests = Channel.CreateBounded<TRequest>(new BoundedChannelOptions(Window) { SingleReader = true, SingleWriter = true });
    private readonly Channel<TResponse> _responses = Channel.CreateBounded<TResponse>(new BoundedChannelOptions(Window) { SingleReader = true });
    private readonly CancellationTokenSource _call;
    private readonly Task _handler;

    /// <param name="handler">The server half: reads the requests, writes responses, ends the call by returning.</param>
    /// <param name="cancellationToken">Ends the call.</param>
    public InProcessDuplexCall(Func<IAsyncEnumerable<TRequest>, Func<TResponse, CancellationToken, Task>, CancellationToken, Task> handler, CancellationToken cancellationToken)
    {
        _call = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        _handler = RunAsync(handler, _call.Token);
    }

    public ValueTask WriteAsync(TRequest message, CancellationToken cancellationToken) => _requests.Writer.WriteAsync(message, cancellationToken);

    public ValueTask CompleteRequestsAsync()
    {
        _requests.Writer.TryComplete();
        return ValueTask.CompletedTask;
    }

    public async ValueTask<TResponse?> ReadAsync(CancellationToken cancellationToken)
    {
        try
        {
            return await _responses.Reader.WaitToReadAsync(cancellationToken).ConfigureAwait(false) && _responses.Reader.TryRead(out var response) ? response : null;
        }
        catch (ChannelClosedException e) when (e.InnerException is not null)
        {
            ExceptionDispatchInfo.Throw(e.InnerException);
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _call.CancelAsync().ConfigureAwait(false);
        _requests.Writer.TryComplete();
        try
        {
            await _handler.ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // Ended by the dispose (or already failed, which its reader saw).
        }

        _call.Dispose();
    }

    private async Task RunAsync(Func<IAsyncEnumerable<TRequest>, Func<TResponse, CancellationToken, Task>, CancellationToken, Task> handler, CancellationToken cancellationToken)
    {
        // Off the caller's stack: the caller writes its first request after this returns.
        await Task.Yield();
        try
        {
            await handler(_requests.Reader.ReadAllAsync(cancellationToken), (response, ct) => _responses.Writer.WriteAsync(response, ct).AsTask(), cancellationToken).ConfigureAwait(false);
            _responses.Writer.TryComplete();
        }
        catch (GrpcException e)
        {
            _responses.Writer.TryComplete(e);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            _responses.Writer.TryComplete(new GrpcException(GrpcStatusCode.Cancelled, "the call was cancelled"));
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            _responses.Writer.TryComplete(new GrpcException(GrpcStatusCode.Unknown, e.Message, e));
        }
    }
}
