using System.Text.Json.Nodes;
using Ursa.Qmp;
using Ursa.UnitTests.Testing;

namespace Ursa.UnitTests.Qmp;

public sealed class QmpJobsTests
{
    private static readonly TimeSpan Deadline = FakeQmpServer.Deadline;

    [Fact]
    public async Task RunJobAsync_JobConcludesWithoutError_QueriesDismissesAndReturns()
    {
        await using var qmp = await FakeQmpConnection.OpenAsync();

        var run = qmp.Client.RunJobAsync("snapshot-save", SaveArguments("s1"));
        await ConcludeAsync(qmp.Server, "s1", error: null);
        var dismiss = await qmp.Server.ReadCommandAsync();
        await qmp.Server.ReplyAsync(dismiss, new JsonObject());

        await run.WaitAsync(Deadline);
        Assert.Equal("job-dismiss", dismiss["execute"]!.GetValue<string>());
        JsonAssert.Equal("""{"id":"s1"}""", dismiss["arguments"]);
    }

    [Fact]
    public async Task RunJobAsync_JobFails_ThrowsJobFailedWithTheJobsErrorAfterDismissing()
    {
        await using var qmp = await FakeQmpConnection.OpenAsync();

        var run = qmp.Client.RunJobAsync("snapshot-load", SaveArguments("l1"));
        await ConcludeAsync(qmp.Server, "l1", error: "Snapshot 'snap1' does not exist in one or more devices");
        var dismiss = await qmp.Server.ReadCommandAsync();
        await qmp.Server.ReplyAsync(dismiss, new JsonObject());

        var failure = await Assert.ThrowsAsync<QmpException>(() => run.WaitAsync(Deadline));
        Assert.Equal(QmpException.JobFailedClass, failure.Class);
        Assert.Equal("Snapshot 'snap1' does not exist in one or more devices", failure.Description);
        Assert.Equal("job-dismiss", dismiss["execute"]!.GetValue<string>());
    }

    [Fact]
    public async Task RunJobAsync_CommandRefused_ThrowsItsErrorWithoutWaiting()
    {
        await using var qmp = await FakeQmpConnection.OpenAsync();

        var run = qmp.Client.RunJobAsync("snapshot-save", SaveArguments("s1"));
        await qmp.Server.ErrorAsync(await qmp.Server.ReadCommandAsync(), "GenericError", "Job ID 's1' already in use");

        var failure = await Assert.ThrowsAsync<QmpException>(() => run.WaitAsync(Deadline));
        Assert.Equal("GenericError", failure.Class);
    }

    [Fact]
    public async Task RunJobAsync_NoJobId_ThrowsArgumentException()
    {
        await using var qmp = await FakeQmpConnection.OpenAsync();

        await Assert.ThrowsAsync<ArgumentException>(() => qmp.Client.RunJobAsync("snapshot-save", new JsonObject { ["tag"] = "snap1" }));
    }

    private static JsonObject SaveArguments(string jobId) => new()
    {
        ["job-id"] = jobId,
        ["tag"] = "snap1",
        ["vmstate"] = "disk0",
        ["devices"] = new JsonArray("disk0"),
    };

    /// <summary>QEMU's order (seen with 7.2): created, running, the reply, then (a)concluded; then query-jobs.</summary>
    private static async Task ConcludeAsync(FakeQmpServer server, string jobId, string? error)
    {
        var start = await server.ReadCommandAsync();
        Assert.Equal(jobId, start["arguments"]!["job-id"]!.GetValue<string>());
        await server.EventAsync("JOB_STATUS_CHANGE", new JsonObject { ["status"] = "created", ["id"] = jobId });
        await server.EventAsync("JOB_STATUS_CHANGE", new JsonObject { ["status"] = "running", ["id"] = jobId });
        await server.ReplyAsync(start, new JsonObject());
        await server.EventAsync("JOB_STATUS_CHANGE", new JsonObject { ["status"] = "concluded", ["id"] = "another-job" });
        await server.EventAsync("JOB_STATUS_CHANGE", new JsonObject { ["status"] = error is null ? "waiting" : "aborting", ["id"] = jobId });
        await server.EventAsync("JOB_STATUS_CHANGE", new JsonObject { ["status"] = "concluded", ["id"] = jobId });

        var query = await server.ReadCommandAsync();
        Assert.Equal("query-jobs", query["execute"]!.GetValue<string>());
        var job = new JsonObject { ["current-progress"] = 1, ["status"] = "concluded", ["total-progress"] = 1, ["type"] = "snapshot-save", ["id"] = jobId };
        if (error is not null)
        {
            job["error"] = error;
        }

        await server.ReplyAsync(query, new JsonArray(new JsonObject { ["id"] = "another-job", ["status"] = "concluded", ["error"] = "not ours" }, job));
    }
}
