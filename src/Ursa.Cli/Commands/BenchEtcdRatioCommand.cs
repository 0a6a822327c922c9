using System.CommandLine;
using Ursa.Benchmarks;
using Ursa.Benchmarks.Etcd;

namespace Ursa.Cli.Commands;

/// <summary><c>ursa bench etcd-ratio</c>: raw etcd puts against pod creates through the API server on the same etcd.</summary>
public static class BenchEtcdRatioCommand
{
    public static Command Create()
    {
        var defaults = new EtcdRatioBenchmarkOptions();
        var clients = new Option<int>("--clients") { Description = "Concurrent callers in every phase", DefaultValueFactory = _ => defaults.Clients };
        var puts = new Option<int>("--puts") { Description = "Raw puts (and direct store creates) per measured run", DefaultValueFactory = _ => defaults.Puts };
        var pods = new Option<int>("--pods") { Description = "Pods created through the API server", DefaultValueFactory = _ => defaults.Pods };
        var valueBytes = new Option<int>("--value-bytes") { Description = "Size of each raw put's value", DefaultValueFactory = _ => defaults.ValueBytes };
        var warmup = new Option<int>("--warmup") { Description = "Unmeasured operations before each phase", DefaultValueFactory = _ => defaults.Warmup };
        var command = new Command("etcd-ratio", "Starts its own etcd; raw KV.Put rate vs pod creates through `ursa server --etcd-servers` on it, at the same concurrency, and the ratio (target >= 0.5).")
        {
            clients, puts, pods, valueBytes, warmup,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var options = new EtcdRatioBenchmarkOptions
            {
                Clients = parse.GetValue(clients),
                Puts = parse.GetValue(puts),
                Pods = parse.GetValue(pods),
                ValueBytes = parse.GetValue(valueBytes),
                Warmup = parse.GetValue(warmup),
            };
            using var shutdown = new ShutdownSignal();
            using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, shutdown.Token);
            await new EtcdRatioBenchmark(options, new BenchmarkReport(Console.Out)).RunAsync(stop.Token).ConfigureAwait(false);
            return 0;
        });
        return command;
    }
}
