using System.Net;

namespace Sintestesia.Gateway.Tests.Infrastructure;

internal static class ErrorReply
{
    /// <summary>The contract's error shape: the status, <c>{"status":"error","error":"&lt;human sentence&gt;"}</c>.</summary>
    public static void AssertSentence(Reply reply, HttpStatusCode expected)
    {
        Assert.True(reply.Status == expected, $"expected {(int)expected}, got {reply}");
        AssertShape(reply);
    }

    public static void AssertShape(Reply reply)
    {
        Assert.True(reply.IsJson, $"expected a JSON error, got {reply}");
        Assert.Equal("error", reply.Field("status"));
        var sentence = reply.Field("error");
        Assert.False(string.IsNullOrWhiteSpace(sentence), $"no error sentence in {reply}");
        Assert.True(sentence.Trim().Contains(' ', StringComparison.Ordinal), $"'{sentence}' is not a sentence");
    }
}
