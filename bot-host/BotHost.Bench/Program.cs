using Sintestesia.BotHost.Bench;

var (options, error) = BenchOptions.Parse(args);
if (options is null)
{
    await Console.Error.WriteLineAsync($"{error}\n{BenchOptions.Usage}");
    return 2;
}

return await CatalogBench.RunAsync(options, Console.Out, CancellationToken.None);
