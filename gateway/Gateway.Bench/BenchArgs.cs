using System.Globalization;

namespace Sintestesia.Gateway.Bench;

/// <summary><c>command --name value …</c>; every option takes a value.</summary>
internal sealed class BenchArgs(IReadOnlyDictionary<string, string> values)
{
    public static (string Command, BenchArgs Options) Parse(string[] args)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 1; i + 1 < args.Length; i += 2)
        {
            values[args[i].TrimStart('-')] = args[i + 1];
        }

        return (args.Length > 0 ? args[0] : string.Empty, new BenchArgs(values));
    }

    public string Required(string name) =>
        values.TryGetValue(name, out var value) ? value : throw new ArgumentException($"--{name} is required.");

    public string? Optional(string name) => values.GetValueOrDefault(name);

    public int Int(string name) =>
        int.TryParse(Required(name), NumberStyles.None, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw new ArgumentException($"--{name} must be a whole number.");
}
