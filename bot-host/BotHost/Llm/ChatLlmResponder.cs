using Microsoft.Extensions.AI;
using Microsoft.Extensions.Options;
using Sintestesia.TenantConfig.Data;

namespace Sintestesia.BotHost.Llm;

/// <summary>
/// Asks the configured <see cref="IChatClient"/> with a prompt that holds only the retrieved products, and keeps the
/// answer only if it passes <see cref="GroundingCheck"/> within the configured time. Every failure is logged and
/// answered with null so that the offline engine answers instead.
/// </summary>
internal sealed partial class ChatLlmResponder(
    IChatClient chatClient, IOptions<LlmOptions> options, TimeProvider timeProvider, ILogger<ChatLlmResponder> logger) : ILlmResponder
{
    public async Task<string?> TryAnswerAsync(GroundedQuestion question, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(question);
        var settings = options.Value;
        var retrieved = question.Retrieved.Where(p => p.Status == ProductStatus.Active).Take(settings.MaxRetrievedProducts).ToList();

        var response = await AskAsync(GroundedPrompt.Build(question, retrieved), settings.TimeoutSeconds, cancellationToken);
        if (response is null)
        {
            return null;
        }

        if (response.FinishReason is { } finish && finish != ChatFinishReason.Stop)
        {
            Log.Rejected(logger, $"ended with finish reason '{finish}' instead of stop");
            return null;
        }

        var answer = response.Text.Trim();
        var verdict = GroundingCheck.Check(answer, retrieved, question.FormatPrice);
        if (!verdict.Accepted)
        {
            Log.Rejected(logger, verdict.Reason!);
            return null;
        }

        return answer;
    }

    private async Task<ChatResponse?> AskAsync(List<ChatMessage> messages, int timeoutSeconds, CancellationToken cancellationToken)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(timeoutSeconds), timeProvider);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        try
        {
            return await chatClient.GetResponseAsync(messages, cancellationToken: linked.Token);
        }
        catch (Exception ex)
        {
            // Whatever the client throws (HttpRequestException, ClientResultException, its own errors), the offline
            // engine answers; only the caller's own cancellation goes up.
            cancellationToken.ThrowIfCancellationRequested();
            if (timeout.IsCancellationRequested)
            {
                Log.TimedOut(logger, timeoutSeconds);
            }
            else
            {
                Log.Failed(logger, ex.GetType().Name, ex);
            }

            return null;
        }
    }

    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Warning, "The language model gave no answer within {TimeoutSeconds} s; the offline engine answers")]
        public static partial void TimedOut(ILogger logger, int timeoutSeconds);

        [LoggerMessage(2, LogLevel.Warning, "The language model call failed with {ExceptionType}; the offline engine answers")]
        public static partial void Failed(ILogger logger, string exceptionType, Exception exception);

        [LoggerMessage(3, LogLevel.Warning, "The language model's answer was not used: it {Reason}; the offline engine answers")]
        public static partial void Rejected(ILogger logger, string reason);
    }
}
