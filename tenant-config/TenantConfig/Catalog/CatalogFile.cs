using System.Globalization;
using System.Text.Json;
using Sylvan.Data.Csv;

namespace Sintestesia.TenantConfig.Catalog;

/// <summary>Reads a catalog from CSV (header row: name, price, stock and optionally id, status, category, description) or JSON (an array of the same fields).</summary>
public static class CatalogFile
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        AllowTrailingCommas = true,
        ReadCommentHandling = JsonCommentHandling.Skip,
    };

    private static readonly string[] Columns = ["id", "name", "price", "stock", "status", "category", "description"];
    private static readonly string[] RequiredColumns = ["name", "price", "stock"];

    public static JsonSerializerOptions JsonOptions => Json;

    public static IReadOnlyList<ProductInput> Read(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        using var stream = File.OpenRead(path);
        return Path.GetExtension(path).ToLowerInvariant() switch
        {
            ".json" => ReadJson(stream),
            ".csv" => ReadCsv(stream),
            var other => throw new FormatException($"'{path}' has extension '{other}'; give a .csv or .json file."),
        };
    }

    public static IReadOnlyList<ProductInput> ReadJson(Stream stream)
    {
        try
        {
            return JsonSerializer.Deserialize<List<ProductInput>>(stream, Json)
                ?? throw new FormatException("The JSON catalog is null; give an array of products.");
        }
        catch (JsonException e)
        {
            throw new FormatException($"The JSON catalog is not an array of products: {e.Message}", e);
        }
    }

    public static IReadOnlyList<ProductInput> ReadCsv(Stream stream)
    {
        using var text = new StreamReader(stream);
        using var csv = CsvDataReader.Create(text, new CsvDataReaderOptions { HeaderComparer = StringComparer.OrdinalIgnoreCase });
        var columns = Columns.ToDictionary(c => c, c => Ordinal(csv, c), StringComparer.Ordinal);
        foreach (var required in RequiredColumns)
        {
            if (columns[required] < 0)
            {
                throw new FormatException($"The CSV header lacks the column '{required}' (needs name, price, stock; may have id, status, category, description).");
            }
        }

        var rows = new List<ProductInput>();
        while (csv.Read())
        {
            string? Field(string name) => columns[name] is >= 0 and var i && i < csv.RowFieldCount && csv.GetString(i).Trim() is { Length: > 0 } v ? v : null;
            rows.Add(new ProductInput(
                Field("id"), Field("name"),
                PriceText.Parse(Field("price")),
                int.TryParse(Field("stock"), NumberStyles.Integer, CultureInfo.InvariantCulture, out var stock) ? stock : null,
                Field("status"), Field("category"), Field("description")));
        }

        return rows;
    }

    private static int Ordinal(CsvDataReader csv, string name)
    {
        for (var i = 0; i < csv.FieldCount; i++)
        {
            if (string.Equals(csv.GetName(i).Trim(), name, StringComparison.OrdinalIgnoreCase))
            {
                return i;
            }
        }

        return -1;
    }
}
