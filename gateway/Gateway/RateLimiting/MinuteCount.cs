namespace Sintestesia.Gateway.RateLimiting;

/// <summary>How many requests of one shop this gateway admitted in one minute, and how many of them the database holds.</summary>
internal sealed class MinuteCount
{
    private int _admitted;

    public int Admitted => Volatile.Read(ref _admitted);

    /// <summary>Written only by the sync, after the database took <see cref="Admitted"/> as it was.</summary>
    public int Saved { get; set; }

    public bool TryTake(int permits, int room)
    {
        while (true)
        {
            var seen = Volatile.Read(ref _admitted);
            if (seen + permits > room)
            {
                return false;
            }

            if (Interlocked.CompareExchange(ref _admitted, seen + permits, seen) == seen)
            {
                return true;
            }
        }
    }

    /// <summary>Undoes a take whose request the local bucket then refused.</summary>
    public void GiveBack(int permits) => Interlocked.Add(ref _admitted, -permits);
}

/// <summary>A count as it was read for saving; once the database holds it, <see cref="MarkSaved"/> says so.</summary>
internal readonly record struct UnsavedCount(string TenantId, long Minute, int Count, MinuteCount Source)
{
    public void MarkSaved() => Source.Saved = Count;
}
