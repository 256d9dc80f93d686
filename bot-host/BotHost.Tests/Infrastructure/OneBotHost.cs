namespace Sintestesia.BotHost.Tests.Infrastructure;

/// <summary>The shared bot host over SQLite.</summary>
public sealed class BotHostOnSqlite() : BotHostFixture(new SqliteDatabase());

/// <summary>The shared bot host over PostgreSQL.</summary>
public sealed class BotHostOnPostgres() : BotHostFixture(new PostgresDatabase());

/// <summary>Every HTTP test class's SQLite variant shares the one bot host of <see cref="BotHostOnSqlite"/>.</summary>
[CollectionDefinition(Name)]
public sealed class OneBotHostOnSqlite : ICollectionFixture<BotHostOnSqlite>
{
    public const string Name = "One bot host on SQLite";
}

/// <summary>Every HTTP test class's PostgreSQL variant shares the one bot host of <see cref="BotHostOnPostgres"/>.</summary>
[CollectionDefinition(Name)]
public sealed class OneBotHostOnPostgres : ICollectionFixture<BotHostOnPostgres>
{
    public const string Name = "One bot host on PostgreSQL";
}
