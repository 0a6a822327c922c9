using System.Diagnostics;
using Ursa.IntegrationTests.Infrastructure;

namespace Ursa.IntegrationTests.Kubectl;

/// <summary><c>kubectl get -w</c> streams changes as they happen and keeps the stream open.</summary>
[Collection(ControlPlaneCollection.Name)]
public class KubectlWatchTests(ControlPlaneFixture cluster) : KubectlTestBase(cluster)
{
    [Fact]
    public async Task GetWatch_PrintsCreatedPodsAsTheyAppear()
    {
        var info = new ProcessStartInfo(RepoPaths.Kubectl) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in new[] { "--kubeconfig", Cluster.KubeconfigPath, "-n", Ns, "get", "pods", "-w" })
        {
            info.ArgumentList.Add(arg);
        }

        using var watcher = Process.Start(info)!;
        var lines = new List<string>();
        var seen = new TaskCompletionSource();
        watcher.OutputDataReceived += (_, e) =>
        {
            if (e.Data is null)
            {
                return;
            }

            lock (lines)
            {
                lines.Add(e.Data);
                if (lines.Count(l => l.StartsWith("late-", StringComparison.Ordinal)) >= 2)
                {
                    seen.TrySetResult();
                }
            }
        };
        watcher.BeginOutputReadLine();
        try
        {
            (await CreateAsync(Manifests.ContainerPod("late-1", Ns))).EnsureSuccess("create late-1");
            (await CreateAsync(Manifests.ContainerPod("late-2", Ns))).EnsureSuccess("create late-2");
            var finished = await Task.WhenAny(seen.Task, Task.Delay(TimeSpan.FromSeconds(30)));
            lock (lines)
            {
                Assert.True(finished == seen.Task, "kubectl get -w did not print both pods within 30 s; it printed:\n" + string.Join('\n', lines));
            }

            Assert.False(watcher.HasExited, "kubectl get -w exited: the server closed the watch stream");
        }
        finally
        {
            watcher.Kill();
            await watcher.WaitForExitAsync();
        }
    }
}
