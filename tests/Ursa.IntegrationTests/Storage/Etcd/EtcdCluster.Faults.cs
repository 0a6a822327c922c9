using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using Ursa.IntegrationTests.Infrastructure;

namespace Ursa.IntegrationTests.Storage.Etcd;

public sealed partial class EtcdCluster
{
    /// <summary>
    /// The index of the member that is raft leader now, from each member's maintenance status (JSON gateway,
    /// enough for a test probe).
    /// </summary>
    public async Task<int> LeaderIndexAsync()
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        for (int i = 0; i < _members.Length; i++)
        {
            if (_members[i].Process is null)
            {
                continue;
            }

            using var body = new StringContent("{}", Encoding.UTF8, "application/json");
            using HttpResponseMessage response = await http.PostAsync(new Uri(_members[i].ClientUrl, "/v3/maintenance/status"), body);
            response.EnsureSuccessStatusCode();
            JsonNode status = JsonNode.Parse(await response.Content.ReadAsStringAsync()) ?? throw new InvalidDataException("empty status");
            string? self = status["header"]?["member_id"]?.GetValue<string>();
            string? leader = status["leader"]?.GetValue<string>();
            if (self is not null && self == leader)
            {
                return i;
            }
        }

        throw new InvalidOperationException("no member reports itself as leader");
    }

    /// <summary>SIGSTOPs every member (frozen, connections open, nothing answered) until <see cref="ResumeAllAsync"/>.</summary>
    public Task PauseAllAsync() => SignalAllAsync("-STOP");

    /// <summary>SIGCONTs every member paused by <see cref="PauseAllAsync"/>.</summary>
    public Task ResumeAllAsync() => SignalAllAsync("-CONT");

    /// <summary>Stops every member as an operator would (SIGTERM) and waits until each has exited.</summary>
    public async Task StopAllAsync()
    {
        await SignalAllAsync("-TERM");
        foreach (Member member in _members)
        {
            if (member.Process is { } process)
            {
                using var exit = new CancellationTokenSource(TimeSpan.FromSeconds(20));
                await process.WaitForExitAsync(exit.Token);
                process.Dispose();
                member.Process = null;
            }
        }
    }

    /// <summary>
    /// Starts every stopped member again on its data directory and ports, all before waiting: a lone member of three
    /// is never healthy (it cannot elect a leader), so they must come back together.
    /// </summary>
    public async Task StartStoppedAsync()
    {
        List<Member> stopped = [.. _members.Where(m => m.Process is null)];
        foreach (Member member in stopped)
        {
            Launch(member, initial: false);
        }

        await Task.WhenAll(stopped.Select(WaitHealthyAsync));
    }

    private async Task SignalAllAsync(string signal)
    {
        foreach (Member member in _members)
        {
            if (member.Process is { } process)
            {
                (await ProcessRunner.RunAsync("/bin/kill", [signal, process.Id.ToString(CultureInfo.InvariantCulture)], timeout: TimeSpan.FromSeconds(10)))
                    .EnsureSuccess($"kill {signal} {member.Name}");
            }
        }
    }
}
