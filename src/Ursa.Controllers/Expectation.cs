namespace Ursa.Controllers;

/// <summary>Creates and deletes a controller has issued but not yet seen in its cache (client-go's expectations).</summary>
internal sealed class Expectation(int creates, int deletes, DateTimeOffset issuedAt)
{
    private int _creates = creates;
    private int _deletes = deletes;

    public DateTimeOffset IssuedAt { get; } = issuedAt;

    public bool Satisfied => Volatile.Read(ref _creates) <= 0 && Volatile.Read(ref _deletes) <= 0;

    public void Observed(bool deleted)
    {
        if (deleted)
        {
            Interlocked.Decrement(ref _deletes);
        }
        else
        {
            Interlocked.Decrement(ref _creates);
        }
    }
}
