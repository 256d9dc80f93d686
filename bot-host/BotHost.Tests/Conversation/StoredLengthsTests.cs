using Sintestesia.BotHost.Conversation;
using Sintestesia.TenantConfig.Data;

namespace Sintestesia.BotHost.Tests.Conversation;

public sealed class StoredLengthsTests
{
    [Theory]
    [InlineData(DatabaseOptions.Sqlite, "Data Source=:memory:")]
    [InlineData(DatabaseOptions.Postgres, "Host=127.0.0.1")]
    public void TheLengthsTheBotHostKeepsToAreTheColumnsOfTheDatabaseModel(string provider, string connectionString)
    {
        using var db = DatabaseRegistration.CreateContext(provider, connectionString);
        var messages = db.Model.FindEntityType(typeof(StoredMessage))!;
        int? Column(string property) => messages.FindProperty(property)!.GetMaxLength();

        Assert.Equal(Column(nameof(StoredMessage.Phone)), StoredLengths.Phone);
        Assert.Equal(Column(nameof(StoredMessage.ProviderMessageId)), StoredLengths.ProviderMessageId);
        Assert.Equal(Column(nameof(StoredMessage.IdempotencyKey)), StoredLengths.IdempotencyKey);
        Assert.Equal(Column(nameof(StoredMessage.Error)), StoredLengths.Error);
    }
}
