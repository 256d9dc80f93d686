using Microsoft.Extensions.Logging;

namespace Sintestesia.Certs.Acme.Internal;

internal static partial class AcmeLog
{
    [LoggerMessage(1, LogLevel.Debug, "ACME server rejected the nonce for {Url}; retrying with the nonce from the error (attempt {Attempt})")]
    public static partial void BadNonceRetry(ILogger logger, Uri url, int attempt);

    [LoggerMessage(2, LogLevel.Warning, "ACME request to {Url} failed: {ProblemType} (HTTP {Status}): {Detail}")]
    public static partial void Problem(ILogger logger, Uri url, string problemType, int status, string detail);
}
