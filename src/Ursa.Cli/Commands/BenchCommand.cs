using System.CommandLine;
using Ursa.Benchmarks;
using Ursa.Benchmarks.Api;

namespace Ursa.Cli.Commands;

/// <summary><c>ursa bench NAME</c>: benchmarks that print <c>RESULT metric value unit</c> lines.</summary>
public static class BenchCommand
{
    public static Command Create()
    {
        var bench = new Command("bench", "Run a benchmark; each figure is printed last as a line RESULT <metric> <value> <unit>.");
        bench.Subcommands.Add(Api());
        bench.Subcommands.Add(Scheduler());
        bench.Subcommands.Add(Controllers());
        bench.Subcommands.Add(PodStartup());
        bench.Subcommands.Add(VmStartup());
        bench.Subcommands.Add(BenchEtcdRatioCommand.Create());
        bench.Subcommands.Add(StatusPatch());
        bench.Subcommands.Add(SchedulerDecide());
        return bench;
    }

    private static Command Scheduler()
    {
        var defaults = new Ursa.Benchmarks.Scheduling.SchedulerBenchmarkOptions();
        var nodes = new Option<int>("--nodes") { Description = "Hollow nodes", DefaultValueFactory = _ => defaults.Nodes };
        var pods = new Option<int>("--pods") { Description = "Pods to schedule", DefaultValueFactory = _ => defaults.Pods };
        var churn = new Option<int>("--churn") { Description = "Pods per second in the startup-latency phase", DefaultValueFactory = _ => defaults.ChurnPerSecond };
        var warmup = new Option<int>("--warmup") { Description = "Pods scheduled in an unmeasured warm-up round first (0: none)", DefaultValueFactory = _ => defaults.Warmup };
        var bindBatch = new Option<int>("--bind-batch") { Description = "Most pods per bind request of the measured schedulers (1: one pods/binding request per pod)", DefaultValueFactory = _ => defaults.BindBatch };
        var command = new Command("scheduler", "Scheduling throughput on hollow nodes, and pod startup latency (create -> Running via watch) under churn.") { nodes, pods, churn, warmup, bindBatch };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var options = new Ursa.Benchmarks.Scheduling.SchedulerBenchmarkOptions { Nodes = parse.GetValue(nodes), Pods = parse.GetValue(pods), ChurnPerSecond = parse.GetValue(churn), Warmup = parse.GetValue(warmup), BindBatch = parse.GetValue(bindBatch) };
            using var shutdown = new ShutdownSignal();
            using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, shutdown.Token);
            await new Ursa.Benchmarks.Scheduling.SchedulerBenchmark(options, new BenchmarkReport(Console.Out)).RunAsync(stop.Token).ConfigureAwait(false);
            return 0;
        });
        return command;
    }

    private static Command StatusPatch()
    {
        var pods = new Option<int>("--pods") { Description = "Bound pods patched once each per round", DefaultValueFactory = _ => 5000 };
        var rounds = new Option<int>("--rounds") { Description = "Measured rounds (after one warm-up round)", DefaultValueFactory = _ => 5 };
        var command = new Command("status-patch", "The API server's CPU and allocation per pods/status patch (the hollow node's Running report), before and after the JSON-side patch path, in-process.") { pods, rounds };
        command.SetAction(async (parse, cancellationToken) =>
        {
            await new Ursa.Benchmarks.Patching.StatusPatchBenchmark(parse.GetValue(pods), parse.GetValue(rounds), new BenchmarkReport(Console.Out)).RunAsync(cancellationToken).ConfigureAwait(false);
            return 0;
        });
        return command;
    }

    private static Command SchedulerDecide()
    {
        var nodes = new Option<int>("--nodes") { Description = "Nodes in the scheduler's cache", DefaultValueFactory = _ => 5000 };
        var pods = new Option<int>("--pods") { Description = "Decisions per round", DefaultValueFactory = _ => 10000 };
        var rounds = new Option<int>("--rounds") { Description = "Measured rounds (after one warm-up round)", DefaultValueFactory = _ => 3 };
        var command = new Command("scheduler-decide", "The scheduler's decision alone (cache + default plugins, no API server), in-process: CPU and bytes allocated per decision.") { nodes, pods, rounds };
        command.SetAction(async (parse, cancellationToken) =>
        {
            await new Ursa.Benchmarks.Scheduling.DecisionBenchmark(parse.GetValue(nodes), parse.GetValue(pods), parse.GetValue(rounds), new BenchmarkReport(Console.Out)).RunAsync(cancellationToken).ConfigureAwait(false);
            return 0;
        });
        return command;
    }

    private static Command Controllers()
    {
        var defaults = new Ursa.Benchmarks.Controllers.ControllerBenchmarkOptions();
        var replicas = new Option<int>("--replicas") { Description = "Scale the ReplicaSet from 0 to this", DefaultValueFactory = _ => defaults.Replicas };
        var nodes = new Option<int>("--nodes") { Description = "Hollow nodes (110 pods each)", DefaultValueFactory = _ => defaults.Nodes };
        var command = new Command("controllers", "ReplicaSet controller throughput: scale 0 -> N on hollow nodes; pods/s created and time to all Running.") { replicas, nodes };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var options = new Ursa.Benchmarks.Controllers.ControllerBenchmarkOptions { Replicas = parse.GetValue(replicas), Nodes = parse.GetValue(nodes) };
            using var shutdown = new ShutdownSignal();
            using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, shutdown.Token);
            await new Ursa.Benchmarks.Controllers.ControllerBenchmark(options, new BenchmarkReport(Console.Out)).RunAsync(stop.Token).ConfigureAwait(false);
            return 0;
        });
        return command;
    }

    private static Command VmStartup()
    {
        var vms = new Option<int>("--vms") { Description = "Boots per phase (raw QEMU, then VM pods)", DefaultValueFactory = _ => 3 };
        var command = new Command("vm-startup", "VM pods on one real node (server + agent with managed containerd and the VM runtime): create -> guest booted, beside a bare QEMU boot of the same image; snapshot, restore and reboot through Actions; agent memory per running VM.") { vms };
        command.SetAction(async (parse, cancellationToken) =>
        {
            using var shutdown = new ShutdownSignal();
            using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, shutdown.Token);
            try
            {
                await new Ursa.Benchmarks.VmStartup.VmStartupBenchmark(parse.GetValue(vms), new BenchmarkReport(Console.Out)).RunAsync(stop.Token).ConfigureAwait(false);
                return 0;
            }
            catch (OperationCanceledException e)
            {
                await Console.Error.WriteLineAsync($"error: vm-startup stopped: {(shutdown.Token.IsCancellationRequested ? "signal" : e.Message)}").ConfigureAwait(false);
                return 1;
            }
        });
        return command;
    }

    private static Command PodStartup()
    {
        var defaults = new Ursa.Benchmarks.PodStartup.PodStartupBenchmarkOptions();
        var pods = new Option<int>("--pods") { Description = "Pods per phase", DefaultValueFactory = _ => defaults.Pods };
        var command = new Command("pod-startup", "Container pods on one real node (server + agent + managed containerd as child processes): create -> Running via watch, p50/p99, beside raw CRI for the same sandbox + container; then agent idle CPU and memory.") { pods };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var options = new Ursa.Benchmarks.PodStartup.PodStartupBenchmarkOptions { Pods = parse.GetValue(pods) };
            using var shutdown = new ShutdownSignal();
            using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, shutdown.Token);
            await new Ursa.Benchmarks.PodStartup.PodStartupBenchmark(options, new BenchmarkReport(Console.Out)).RunAsync(stop.Token).ConfigureAwait(false);
            return 0;
        });
        return command;
    }

    private static Command Api()
    {
        var defaults = new ApiBenchmarkOptions();
        var clients = new Option<int>("--clients") { Description = "Concurrent clients for the parallel phases", DefaultValueFactory = _ => defaults.Clients };
        var parallel = new Option<int>("--parallel-pods") { Description = "Pods created by the concurrent clients", DefaultValueFactory = _ => defaults.ParallelPods };
        var large = new Option<int>("--large-list-pods") { Description = "Pods in the large list", DefaultValueFactory = _ => defaults.LargeListPods };
        var watchers = new Option<int>("--watchers") { Description = "Concurrent watchers in the fan-out test", DefaultValueFactory = _ => defaults.Watchers };
        var events = new Option<int>("--watch-events") { Description = "Events each watcher must see", DefaultValueFactory = _ => defaults.WatchEvents };
        var command = new Command("api", "API server: pod create throughput and p50/p99 (1 and N clients), list latency at 10,000 and 100,000 pods, watch fan-out, memory per stored pod.")
        {
            clients, parallel, large, watchers, events,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var options = new ApiBenchmarkOptions
            {
                Clients = parse.GetValue(clients),
                ParallelPods = parse.GetValue(parallel),
                LargeListPods = parse.GetValue(large),
                Watchers = parse.GetValue(watchers),
                WatchEvents = parse.GetValue(events),
            };
            using var shutdown = new ShutdownSignal();
            using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, shutdown.Token);
            await new ApiBenchmark(options, new BenchmarkReport(Console.Out)).RunAsync(stop.Token).ConfigureAwait(false);
            return 0;
        });
        return command;
    }
}
