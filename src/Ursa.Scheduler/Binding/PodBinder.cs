using System.Net;
using System.Text.Json.Nodes;
using System.Threading.Channels;
using Ursa.Client.Rest;

namespace Ursa.Scheduler.Binding;

/// <summary>
/// Writes the scheduler's binds. Binds decided while earlier ones are in flight are coalesced into one request
/// of Ursa's batch extension (<see cref="IPodBindingBatchClient"/>): with <c>maxBatch</c> pods a request and
/// <c>parallelBatches</c> requests in flight, a busy scheduler sends few large requests and an idle one sends each
/// bind at once (a batch of one: no added latency). Each pod's outcome is its own: a refused entry fails only its
/// own task. A client or server without the extension gets one pods/binding request per pod.
/// <code>
///   BindAsync ─▶ channel ─▶ [wait for a free request slot] ─▶ take all queued (≤ maxBatch) ─▶ one POST ─▶ per-pod results
/// </code>
/// </summary>
public sealed class PodBinder(IApiClient client, int maxBatch, int parallelBatches)
{
    private readonly Channel<PendingBind> _queue = Channel.CreateUnbounded<PendingBind>(new UnboundedChannelOptions { SingleReader = true });
    private readonly IPodBindingBatchClient? _batches = maxBatch > 1 ? client as IPodBindingBatchClient : null;
    private volatile bool _unsupported;
    private long _requests;

    /// <summary>Bind requests sent so far (a batch counts once): binds ÷ requests is the mean batch size.</summary>
    public long Requests => Interlocked.Read(ref _requests);

    /// <summary>
    /// Binds <paramref name="pod"/> to <paramref name="node"/>; completes when written, throws the pod's own
    /// <see cref="ApiStatusException"/> when refused (or the request's transport error).
    /// </summary>
    public Task BindAsync(Pod pod, string node, CancellationToken cancellationToken)
    {
        if (_batches is null || _unsupported)
        {
            return BindOneAsync(pod, node, cancellationToken);
        }

        var pending = new PendingBind(pod, node, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
        if (!_queue.Writer.TryWrite(pending))
        {
            pending.Done.TrySetCanceled(cancellationToken);
        }

        return pending.Done.Task;
    }

    /// <summary>Sends the queued binds in batches until cancelled; binds still queued then are cancelled.</summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        if (_batches is null)
        {
            return;
        }

        using var slots = new SemaphoreSlim(parallelBatches);
        var sending = new List<Task>();
        try
        {
            while (await _queue.Reader.WaitToReadAsync(cancellationToken).ConfigureAwait(false))
            {
                await slots.WaitAsync(cancellationToken).ConfigureAwait(false);
                var batch = new List<PendingBind>();
                while (batch.Count < maxBatch && _queue.Reader.TryRead(out var next))
                {
                    batch.Add(next);
                }

                sending.RemoveAll(t => t.IsCompleted);
                sending.Add(SendAsync(batch, slots, cancellationToken));
            }
        }
        catch (OperationCanceledException)
        {
        }
        finally
        {
            _queue.Writer.TryComplete();
            while (_queue.Reader.TryRead(out var left))
            {
                left.Done.TrySetCanceled(cancellationToken);
            }

            await Task.WhenAll(sending).ConfigureAwait(false);
        }
    }

    private async Task SendAsync(List<PendingBind> batch, SemaphoreSlim slots, CancellationToken cancellationToken)
    {
        try
        {
            if (batch.Count == 1 || _unsupported)
            {
                // One bind is the standard subresource: the same single write, and any server serves it.
                await BindEachAsync(batch, cancellationToken).ConfigureAwait(false);
                return;
            }

            Interlocked.Increment(ref _requests);
            var entries = batch.Select(b => new PodBinding(b.Pod.Metadata.Tenant, b.Pod.Metadata.Namespace!, b.Pod.Metadata.Name!, b.Pod.Metadata.Uid, b.Node)).ToList();
            var results = await _batches!.BindPodsAsync(entries, cancellationToken).ConfigureAwait(false);
            for (var i = 0; i < batch.Count; i++)
            {
                if (results[i] is { } refused)
                {
                    batch[i].Done.TrySetException(refused);
                }
                else
                {
                    batch[i].Done.TrySetResult();
                }
            }
        }
        catch (ApiStatusException e) when (e.Code is HttpStatusCode.NotFound or HttpStatusCode.MethodNotAllowed)
        {
            // A server without the extension (e.g. kube-apiserver): bind each pod on its own from now on.
            _unsupported = true;
            await BindEachAsync(batch, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            batch.ForEach(b => b.Done.TrySetCanceled(cancellationToken));
        }
        catch (Exception e) when (e is ApiStatusException or HttpRequestException or IOException)
        {
            // The request as a whole failed (transport, 5xx): every pod in it fails, and the scheduler retries each.
            batch.ForEach(b => b.Done.TrySetException(e));
        }
        catch (Exception e) when (e is System.Text.Json.JsonException or InvalidOperationException or KeyNotFoundException)
        {
            // An answer that cannot be read: as a transport failure, every pod in it is retried.
            var failure = new IOException($"unreadable answer to a bind batch: {e.Message}", e);
            batch.ForEach(b => b.Done.TrySetException(failure));
        }
        finally
        {
            slots.Release();
        }
    }

    /// <summary>Each bind of <paramref name="batch"/> as its own pods/binding request, each pod completed with its own outcome.</summary>
    private Task BindEachAsync(List<PendingBind> batch, CancellationToken cancellationToken) =>
        Task.WhenAll(batch.Select(b => CompleteAsync(b, BindOneAsync(b.Pod, b.Node, cancellationToken))));

    private static async Task CompleteAsync(PendingBind bind, Task write)
    {
        try
        {
            await write.ConfigureAwait(false);
            bind.Done.TrySetResult();
        }
        catch (OperationCanceledException)
        {
            bind.Done.TrySetCanceled();
        }
        catch (Exception e)
        {
            bind.Done.TrySetException(e);
        }
    }

    private async Task BindOneAsync(Pod pod, string node, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _requests);
        var binding = new JsonObject
        {
            ["apiVersion"] = "v1",
            ["kind"] = "Binding",
            ["metadata"] = new JsonObject { ["name"] = pod.Metadata.Name, ["uid"] = pod.Metadata.Uid },
            ["target"] = new JsonObject { ["kind"] = "Node", ["name"] = node },
        };
        await client.PostSubresourceAsync(ResourceRef.Pods, pod.Metadata.Tenant, pod.Metadata.Namespace, pod.Metadata.Name!, "binding", binding.ToJsonString(), cancellationToken).ConfigureAwait(false);
    }

    private sealed record PendingBind(Pod Pod, string Node, TaskCompletionSource Done);
}
