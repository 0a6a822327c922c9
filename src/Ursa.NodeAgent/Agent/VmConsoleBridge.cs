using Google.Protobuf;
using Ursa.Cri;
using Ursa.Cri.Vm;
using Ursa.Grpc;
using Ursa.NodeAgent.Streaming;

namespace Ursa.NodeAgent.Agent;

/// <summary>
/// <c>kubectl attach</c> to a VM pod: the client's session bridged to the VM runtime's serial console (its output
/// to the client's stdout, the client's stdin typed into the guest) until either side ends.
/// </summary>
public static class VmConsoleBridge
{
    /// <summary>Bytes of recent console output replayed when a client attaches, so it sees the prompt it lands on.</summary>
    public const long HistoryBytes = 2048;

    public static async Task RunAsync(IVirtualMachineService vms, string vmId, IExecSession session, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(vms);
        ArgumentNullException.ThrowIfNull(session);
        using var done = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        await using var call = vms.Console(done.Token);
        await call.WriteAsync(new ConsoleRequest { ContainerId = vmId, HistoryBytes = session.Stdout is null ? 0 : HistoryBytes }, done.Token).ConfigureAwait(false);
        var input = session.Stdin is { } stdin ? PumpInputAsync(stdin, call, done) : Task.CompletedTask;
        try
        {
            while (await call.ReadAsync(done.Token).ConfigureAwait(false) is { } chunk)
            {
                if (session.Stdout is { } stdout)
                {
                    await stdout.WriteAsync(chunk.Output.Memory, done.Token).ConfigureAwait(false);
                    await stdout.FlushAsync(done.Token).ConfigureAwait(false);
                }
            }
        }
        catch (OperationCanceledException) when (input.IsCompleted && !cancellationToken.IsCancellationRequested)
        {
        }
        catch (GrpcException e) when (e.StatusCode == GrpcStatusCode.Cancelled)
        {
        }
        finally
        {
            await done.CancelAsync().ConfigureAwait(false);
            try
            {
                await input.ConfigureAwait(false);
            }
            catch (Exception e) when (e is OperationCanceledException or GrpcException or IOException)
            {
            }
        }
    }

    /// <summary>How long the answer to the last input may take once the client closed its input.</summary>
    public static readonly TimeSpan DrainAfterInput = TimeSpan.FromSeconds(2);

    // The client closing its input (piped commands ran out) detaches it after the guest had a moment to answer;
    // the guest keeps running.
    private static async Task PumpInputAsync(Stream stdin, IGrpcDuplexCall<ConsoleRequest, ConsoleResponse> call, CancellationTokenSource done)
    {
        var buffer = new byte[4096];
        int read;
        while ((read = await stdin.ReadAsync(buffer, done.Token).ConfigureAwait(false)) > 0)
        {
            await call.WriteAsync(new ConsoleRequest { Input = ByteString.CopyFrom(buffer, 0, read) }, done.Token).ConfigureAwait(false);
        }

        await Task.Delay(DrainAfterInput, done.Token).ConfigureAwait(false);
        await done.CancelAsync().ConfigureAwait(false);
    }
}
