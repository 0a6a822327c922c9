using Ursa.IntegrationTests.Infrastructure;

namespace Ursa.IntegrationTests.Streaming;

/// <summary><c>kubectl exec</c> and <c>attach</c> (WebSocket v5 through the API server) with the real kubectl.</summary>
[Collection(NodeStreamingCollection.Name)]
public sealed class KubectlExecTests(NodeStreamingFixture cluster) : StreamingTestBase(cluster)
{
    [Fact]
    public async Task Exec_PrintsOutput_AndReturnsTheCommandsExitCode()
    {
        var pod = await CreatePodAsync(Unique("exec"));

        var result = await KubectlIn("exec", pod, "--", "sh", "-c", "echo hi; echo oops >&2; exit 3");

        Assert.Equal(3, result.ExitCode);
        Assert.Equal("hi\n", result.Stdout);
        Assert.Contains("oops", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Exec_Success_ExitsZero()
    {
        var pod = await CreatePodAsync(Unique("ok"));

        var result = (await KubectlIn("exec", pod, "-c", "main", "--", "sh", "-c", "printf 'a b'")).EnsureSuccess("kubectl exec");

        Assert.Equal("a b", result.Stdout);
    }

    [Fact]
    public async Task Exec_Stdin_ReachesTheCommand_AndItsEndIsSeen()
    {
        var pod = await CreatePodAsync(Unique("stdin"));

        var result = (await KubectlInWithStdin("hello\nworld\n", "exec", "-i", pod, "--", "tr", "a-z", "A-Z")).EnsureSuccess("kubectl exec -i");

        Assert.Equal("HELLO\nWORLD\n", result.Stdout);
    }

    [Fact]
    public async Task Exec_PodTheNodeDoesNotRun_PrintsTheNodesError()
    {
        // "missing" exists in the API but the fake runtime does not run it.
        var pod = await CreatePodAsync("missing");

        var result = await KubectlIn("exec", pod, "--", "true");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains($"pod {Ns}/missing is not running on this node", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Exec_NodeNotListening_NamesTheNode()
    {
        var pod = await CreatePodAsync(Unique("dead"), node: NodeStreamingFixture.DeadNodeName);

        var result = await KubectlIn("exec", pod, "--", "true");

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains($"cannot reach node \"{NodeStreamingFixture.DeadNodeName}\"", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Exec_UnknownContainer_IsRejectedBeforeReachingTheNode()
    {
        var pod = await CreatePodAsync(Unique("noc"));

        var result = await KubectlIn("exec", pod, "-c", "nope", "--", "true");

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains($"container nope is not valid for pod {pod}", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Exec_Tty_SendsTheTerminalSize()
    {
        var pod = await CreatePodAsync(Unique("tty"));

        // script(1) gives kubectl a real terminal (123x45), so -t is honoured and the size goes out on channel 4.
        var kubectl = $"{RepoPaths.Kubectl} --kubeconfig {Cluster.KubeconfigPath} -n {Ns} exec -it {pod} -- {LocalProcessBackend.ReportSize}";
        var result = await ProcessRunner.RunAsync(
            "script", ["-qec", $"stty cols 123 rows 45; exec {kubectl}", "/dev/null"], stdin: string.Empty, TimeSpan.FromSeconds(60),
            new Dictionary<string, string> { ["KUBECACHEDIR"] = Path.Combine(Cluster.WorkDirectory, "kubecache"), ["HOME"] = Cluster.WorkDirectory });

        Assert.True(result.ExitCode == 0, $"kubectl exec -it failed ({result.ExitCode}): {result.Output}");
        Assert.Contains("tty=True size 123x45", result.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Attach_ConnectsStdinAndStdout()
    {
        var pod = await CreatePodAsync(Unique("attach"));

        var result = (await KubectlInWithStdin("ping\n", "attach", "-i", pod)).EnsureSuccess("kubectl attach -i");

        Assert.Contains("attached\nping\n", result.Stdout, StringComparison.Ordinal);
    }
}
