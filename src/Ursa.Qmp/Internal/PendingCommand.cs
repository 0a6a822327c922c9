using System.Text.Json.Nodes;

namespace Ursa.Qmp.Internal;

/// <summary>A command written and not answered yet; completed by the reader loop with its reply.</summary>
internal sealed class PendingCommand(string command, long startedAt)
{
    private readonly TaskCompletionSource<JsonNode?> _reply = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public string Command { get; } = command;

    public long StartedAt { get; } = startedAt;

    public Task<JsonNode?> Reply => _reply.Task;

    /// <summary>Completes with the reply's <c>return</c> (detached), or fails with its <c>error</c>.</summary>
    public void Answer(JsonObject message)
    {
        if (message["error"] is JsonObject error)
        {
            _reply.TrySetException(new QmpException(
                Command,
                error["class"]?.GetValue<string>() ?? "GenericError",
                error["desc"]?.GetValue<string>() ?? error.ToJsonString()));
            return;
        }

        var value = message["return"];
        message.Remove("return");
        _reply.TrySetResult(value);
    }

    public void Fail(Exception error) => _reply.TrySetException(error);
}
