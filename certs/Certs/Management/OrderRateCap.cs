namespace Sintestesia.Certs.Management;

/// <summary>
/// Account-wide caps on new orders (sliding windows), so a flood of handshakes can never exhaust the CA's limits:
/// Let's Encrypt allows 300 new orders per 3 hours and 50 certificates per registered domain per week.
/// </summary>
internal sealed class OrderRateCap(OnDemandOptions options, TimeProvider time)
{
    private static readonly TimeSpan Week = TimeSpan.FromDays(7);

    private readonly Lock _lock = new();
    private readonly Queue<DateTimeOffset> _orders = new();
    private readonly Queue<DateTimeOffset> _certificates = new();

    private TimeSpan OrderWindow => TimeSpan.FromMinutes(options.OrderWindowMinutes);

    /// <summary>Counts certificates already issued (e.g. found in the store at start) against the weekly cap.</summary>
    public void CountIssued(DateTimeOffset issuedAt)
    {
        lock (_lock)
        {
            if (time.GetUtcNow() - issuedAt < Week)
            {
                var sorted = _certificates.Append(issuedAt).Order().ToList();
                _certificates.Clear();
                sorted.ForEach(_certificates.Enqueue);
            }
        }
    }

    /// <summary>
    /// Takes one order from the windows, or says why none is left and when one will be. A renewal (a name already
    /// served) does not count against the weekly certificate cap, as Let's Encrypt exempts renewals from it, so a burst
    /// of first handshakes can never starve renewals.
    /// </summary>
    public bool TryAcquire(bool renewal, out string? refusal)
    {
        lock (_lock)
        {
            var now = time.GetUtcNow();
            Trim(_orders, now - OrderWindow);
            Trim(_certificates, now - Week);
            if (_orders.Count >= options.MaxOrders)
            {
                refusal = $"the account-wide cap of {options.MaxOrders} orders per {options.OrderWindowMinutes} minutes is reached; the next order is possible at {_orders.Peek() + OrderWindow:u}";
                return false;
            }

            if (!renewal && _certificates.Count >= options.MaxCertificatesPerWeek)
            {
                refusal = $"the cap of {options.MaxCertificatesPerWeek} certificates per week for the base domain is reached; the next is possible at {_certificates.Peek() + Week:u} (the wildcard mode needs one certificate for every shop)";
                return false;
            }

            _orders.Enqueue(now);
            if (!renewal)
            {
                _certificates.Enqueue(now);
            }

            refusal = null;
            return true;
        }
    }

    private static void Trim(Queue<DateTimeOffset> queue, DateTimeOffset oldest)
    {
        while (queue.Count > 0 && queue.Peek() <= oldest)
        {
            queue.Dequeue();
        }
    }
}
