using System.Collections.Concurrent;

namespace Ursa.NodeAgent.Pods;

/// <summary>
/// Per-key exponential back-off (the kubelet's crash-loop and image-pull back-off): the first failure is retried at
/// once and arms <c>initial</c>; each further failure doubles it up to <c>max</c>. An entry untouched for twice the
/// maximum is forgotten, so a container that ran well for a long time starts again from the bottom.
/// </summary>
public sealed class RestartBackOff(TimeSpan initial, TimeSpan max, TimeProvider time)
{
    private readonly ConcurrentDictionary<string, (TimeSpan Delay, DateTimeOffset Updated)> _entries = new(StringComparer.Ordinal);

    /// <summary>True when <paramref name="key"/>'s last failure (at <paramref name="since"/>) is still inside its
    /// back-off window; <paramref name="remaining"/> says for how long.</summary>
    public bool IsInBackOff(string key, DateTimeOffset since, out TimeSpan remaining)
    {
        remaining = TimeSpan.Zero;
        var now = time.GetUtcNow();
        if (!_entries.TryGetValue(key, out var entry))
        {
            return false;
        }

        if (now - entry.Updated > 2 * max)
        {
            _entries.TryRemove(key, out _);
            return false;
        }

        remaining = since + entry.Delay - now;
        return remaining > TimeSpan.Zero;
    }

    /// <summary>The current delay of <paramref name="key"/> (zero when none).</summary>
    public TimeSpan Delay(string key) => _entries.TryGetValue(key, out var e) ? e.Delay : TimeSpan.Zero;

    /// <summary>Records a failure (or a restart after one): arms or doubles the delay.</summary>
    public void Next(string key)
    {
        var now = time.GetUtcNow();
        _entries.AddOrUpdate(key, _ => (initial, now), (_, e) => (now - e.Updated > 2 * max ? initial : TimeSpan.FromTicks(Math.Min(e.Delay.Ticks * 2, max.Ticks)), now));
    }

    /// <summary>Forgets <paramref name="key"/> (success).</summary>
    public void Reset(string key) => _entries.TryRemove(key, out _);

    /// <summary>Forgets every key starting with <paramref name="prefix"/> (a deleted pod).</summary>
    public void ResetPrefix(string prefix)
    {
        foreach (var key in _entries.Keys.Where(k => k.StartsWith(prefix, StringComparison.Ordinal)))
        {
            _entries.TryRemove(key, out _);
        }
    }
}
