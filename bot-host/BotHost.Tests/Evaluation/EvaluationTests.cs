using System.Globalization;
using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Sintestesia.BotHost.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Sintestesia.BotHost.Tests.Evaluation;

/// <summary>
/// Runs every conversation of the evaluation set through a real bot host over HTTP (memory included) and
/// requires at least 95% of the shoppers' messages to be answered right.
/// </summary>
public abstract class EvaluationTests(BotHostFixture host, ITestOutputHelper output)
{
    private const double Required = 0.95;

    private static readonly Dictionary<string, string> TenantBySlug = new(StringComparer.Ordinal)
    {
        ["acme"] = "acme-cannabis-2024",
        ["bravo"] = "bravo-gaming-2024",
        ["mundo-canino"] = "mundo-canino-2024",
    };

    [Fact]
    public async Task AtLeastNinetyFivePercentOfTheEvaluationSetIsAnsweredRight()
    {
        var set = EvaluationSet.Load();
        int right = 0, total = 0;
        var failures = new List<string>();
        foreach (var conversation in set.Conversations)
        {
            var tenantId = TenantBySlug[conversation.Shop];
            var judge = new AnswerJudge(await CatalogAsync(tenantId));
            var phone = Shoppers.NewPhone();
            IReadOnlyList<string> lastList = [];
            foreach (var turn in conversation.Turns)
            {
                var (answer, intent) = await AskAsync(tenantId, phone, turn.Message);
                var verdict = judge.Judge(turn.Expect, answer, intent, lastList);
                total++;
                if (verdict is null)
                {
                    right++;
                }
                else
                {
                    failures.Add($"[{conversation.Shop}] «{turn.Message}» → {verdict}\n    answer ({intent}): {answer.Replace('\n', ' ')}");
                }

                var listed = AnswerJudge.ListedNames(answer);
                lastList = listed.Count > 0 ? listed : lastList;
            }
        }

        var score = (double)right / total;
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Evaluation: {right}/{total} right ({score:P1})"));
        failures.ForEach(output.WriteLine);
        Assert.True(total >= 150, $"the evaluation set has only {total} messages");
        Assert.True(score >= Required, string.Create(CultureInfo.InvariantCulture, $"{right}/{total} ({score:P1}) right:\n{string.Join('\n', failures)}"));
    }

    private async Task<(string Answer, string? Intent)> AskAsync(string tenantId, string phone, string message)
    {
        using var response = await host.Client.SendAsync(host.Gateway.Json(tenantId, Shoppers.Json(phone, message)));
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"«{message}» → {(int)response.StatusCode} {body}");
        using var json = JsonDocument.Parse(body);
        var intent = json.RootElement.TryGetProperty("intent", out var i) ? i.GetString() : null;
        return (json.RootElement.GetProperty("respuesta").GetString() ?? string.Empty, intent);
    }

    private async Task<List<TenantConfig.Data.Product>> CatalogAsync(string tenantId)
    {
        await using var db = host.CreateContext();
        return await db.Products.AsNoTracking().Where(p => p.ClientId == tenantId && p.Status == "Active").ToListAsync();
    }
}

[Collection(OneBotHostOnSqlite.Name)]
public sealed class EvaluationOnSqliteTests(BotHostOnSqlite host, ITestOutputHelper output) : EvaluationTests(host, output);

[Collection(OneBotHostOnPostgres.Name)]
public sealed class EvaluationOnPostgresTests(BotHostOnPostgres host, ITestOutputHelper output) : EvaluationTests(host, output);
