namespace Sintestesia.BotHost.Llm;

/// <summary>No model configured: the offline engine always answers.</summary>
internal sealed class NoLlmResponder : ILlmResponder
{
    public Task<string?> TryAnswerAsync(GroundedQuestion question, CancellationToken cancellationToken) => Task.FromResult<string?>(null);
}
