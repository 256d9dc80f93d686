using Sintestesia.BotHost.Bench.Catalog;

namespace Sintestesia.BotHost.Bench.Hosting;

/// <summary>One shop of the benchmark: its label in the report, its tenant ID and its generated catalog.</summary>
internal sealed record BenchTenant(string Label, string Id, string Name, IReadOnlyList<GeneratedProduct> Products);
