// Crash probe: ursa-crash-probe <database path> <key prefix> <concurrent writers>
// Prints "ready" once the store is open, then "ack <key> <revision> ." after each acknowledged create. The
// trailing "." marks a complete line: a kill can cut the last line short. Stops by itself after 60 s so a
// test that died cannot leave it running.
using System.Globalization;
using Ursa.Storage;
using Ursa.Storage.Sqlite;

if (args.Length != 3)
{
    Console.Error.WriteLine("usage: Ursa.Storage.CrashProbe <database path> <key prefix> <writers>");
    return 2;
}

string path = args[0];
string prefix = args[1];
int writers = int.Parse(args[2], CultureInfo.InvariantCulture);
using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(60));
byte[] value = new byte[1024];
Random.Shared.NextBytes(value);

await using SqliteStore store = await SqliteStore.OpenAsync(path, new SqliteStoreOptions(), TimeProvider.System, stop.Token);
Console.Out.WriteLine("ready");
await Task.WhenAll(Enumerable.Range(0, writers).Select(w => Task.Run(async () =>
{
    for (int i = 0; !stop.IsCancellationRequested; i++)
    {
        string key = $"{prefix}{w}/{i}";
        StoreEntry entry = await store.CreateAsync(key, value, CancellationToken.None);

        // Console.Out is synchronized and flushes each line: the line reaches the pipe before the next write.
        Console.Out.WriteLine($"ack {key} {entry.ModRevision} .");
    }
})));
return 0;
