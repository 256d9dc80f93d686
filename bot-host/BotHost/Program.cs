using Sintestesia.BotHost;

await BotHostApp.Build(args).RunAsync();
