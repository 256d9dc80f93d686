namespace Sintestesia.Certs;

/// <summary>An ACME server answered with a problem document (RFC 7807 / RFC 8555 section 6.7).</summary>
public sealed class AcmeException : Exception
{
    /// <summary>Creates an exception for a problem document.</summary>
    public AcmeException(string type, string detail, int status)
        : base($"ACME problem {type} (HTTP {status}): {detail}")
    {
        Type = type;
        Detail = detail;
        Status = status;
    }

    /// <summary>Creates an exception without a problem document.</summary>
    public AcmeException(string message)
        : base(message)
    {
        Type = string.Empty;
        Detail = message;
    }

    public AcmeException()
        : this("ACME request failed.")
    {
    }

    public AcmeException(string message, Exception innerException)
        : base(message, innerException)
    {
        Type = string.Empty;
        Detail = message;
    }

    /// <summary>The problem type, e.g. <c>urn:ietf:params:acme:error:badNonce</c>; empty when none was sent.</summary>
    public string Type { get; }

    /// <summary>The human-readable detail of the problem.</summary>
    public string Detail { get; }

    /// <summary>The HTTP status of the response, 0 when not from a response.</summary>
    public int Status { get; }
}
