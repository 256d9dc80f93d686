using Sintestesia.Testing;

namespace Sintestesia.Gateway.Tests.Infrastructure;

internal static class FreePort
{
    /// <summary>A loopback URL on a port that was free a moment ago and that no other test of this run is given.</summary>
    public static Uri NextUrl() => new($"http://127.0.0.1:{LoopbackPorts.Next()}");
}
