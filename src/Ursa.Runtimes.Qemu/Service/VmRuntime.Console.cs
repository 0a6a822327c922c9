using Ursa.Cri.Vm;
using Ursa.Grpc;

namespace Ursa.Runtimes.Qemu.Service;

// The serial console: one client attached to a VM's console - history first, then live output; its input goes to the guest.
public sealed partial class VmRuntime
{
    /// <inheritdoc/>
    public IGrpcDuplexCall<ConsoleRequest, ConsoleResponse> Console(CancellationToken cancellationToken) =>
        new InProcessDuplexCall<ConsoleRequest, ConsoleResponse>(ServeConsoleAsync, cancellationToken);

    /// <summary>The server half of a console call: the first request names the VM; output is written until the
    /// console closes or the call ends.</summary>
    internal async Task ServeConsoleAsync(IAsyncEnumerable<ConsoleRequest> requests, Func<ConsoleResponse, CancellationToken, Task> write, CancellationToken cancellationToken)
    {
        using var done = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        await using var input = requests.GetAsyncEnumerator(done.Token);
        if (!await input.MoveNextAsync().ConfigureAwait(false))
        {
            return;
        }

        var vm = manager.Vm(input.Current.ContainerId);
        var console = vm.Console ?? throw new GrpcException(GrpcStatusCode.FailedPrecondition, $"VM {vm.Id} is not running: its console is closed");
        var (history, output, handle) = console.Attach(input.Current.HistoryBytes);
        try
        {
            if (history.Length > 0)
            {
                await write(new ConsoleResponse { Output = Google.Protobuf.ByteString.CopyFrom(history) }, cancellationToken).ConfigureAwait(false);
            }

            if (!input.Current.Input.IsEmpty)
            {
                await console.WriteAsync(input.Current.Input.Memory, cancellationToken).ConfigureAwait(false);
            }

            var pump = Task.Run(async () =>
            {
                try
                {
                    while (await input.MoveNextAsync().ConfigureAwait(false))
                    {
                        if (!input.Current.Input.IsEmpty)
                        {
                            await console.WriteAsync(input.Current.Input.Memory, done.Token).ConfigureAwait(false);
                        }
                    }
                }
                catch (OperationCanceledException)
                {
                }
            }, CancellationToken.None);
            await foreach (var chunk in output.ReadAllAsync(cancellationToken).ConfigureAwait(false))
            {
                await write(new ConsoleResponse { Output = Google.Protobuf.ByteString.CopyFrom(chunk) }, cancellationToken).ConfigureAwait(false);
            }

            await done.CancelAsync().ConfigureAwait(false);
            await pump.ConfigureAwait(false);
        }
        finally
        {
            console.Detach(handle);
        }
    }
}
