using Microsoft.Extensions.Logging;

namespace Sintestesia.Certs.Acme.Internal;

internal static partial class AcmeLog
{
    [LoggerMessage(1, LogLevel.Debug, "ACME server rejected the nonce for {Url}; retrying with the nonce from the error (attempt {Attempt})")]
    public static partial void BadNonceRetry(ILogger logger, Uri url, int attempt);

    [LoggerMessage(2, LogLevel.Warning, "ACME request to {Url} failed: {ProblemType} (HTTP {Status}): {Detail}")]
    public static partial void Problem(ILogger logger, Uri url, string problemType, int status, string detail);

    [LoggerMessage(3, LogLevel.Warning, "Removing the {ChallengeType} challenge for {Identifier} failed; it is left behind: {Error}")]
    public static partial void CleanupFailed(ILogger logger, string challengeType, string identifier, string error);
}
