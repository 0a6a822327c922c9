namespace Ursa.EndToEndTests.Runtimes.Cri;

/// <summary>Waits for a condition with a deadline, failing with a message that says what was awaited (no bare sleeps).</summary>
internal static class Eventually
{
    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(25);

    /// <summary>Polls <paramref name="probe"/> until <paramref name="done"/> holds; returns the value that satisfied it.</summary>
    public static async Task<T> UntilAsync<T>(Func<Task<T>> probe, Func<T, bool> done, TimeSpan deadline, Func<T, string> awaited)
    {
        var until = DateTime.UtcNow + deadline;
        while (true)
        {
            var value = await probe();
            if (done(value))
            {
                return value;
            }

            Assert.True(DateTime.UtcNow < until, $"timed out after {deadline.TotalSeconds:0} s waiting for {awaited(value)}");
            await Task.Delay(Poll);
        }
    }
}
