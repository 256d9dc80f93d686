namespace Sintestesia.BotHost.Tests.Infrastructure;

/// <summary>Every HTTP test class shares the one bot host of <see cref="BotHostFixture"/>.</summary>
[CollectionDefinition(Name)]
public sealed class OneBotHost : ICollectionFixture<BotHostFixture>
{
    public const string Name = "One bot host";
}
