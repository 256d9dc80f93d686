using System.Text;

namespace Sintestesia.TenantCtl.Output;

/// <summary>Columns padded to their widest cell, the last one left ragged; what ops read in a terminal.</summary>
internal sealed class TextTable(params string[] headers)
{
    private const string Gap = "  ";
    private readonly List<string[]> _rows = [];

    public void Add(params string[] cells)
    {
        if (cells.Length != headers.Length)
        {
            throw new ArgumentException($"A row needs {headers.Length} cells, not {cells.Length}.", nameof(cells));
        }

        _rows.Add(cells);
    }

    public override string ToString()
    {
        var widths = headers.Select((h, i) => _rows.Select(r => r[i].Length).Append(h.Length).Max()).ToArray();
        var text = new StringBuilder();
        foreach (var row in _rows.Prepend(headers))
        {
            for (var i = 0; i < row.Length; i++)
            {
                text.Append(i == row.Length - 1 ? row[i] : row[i].PadRight(widths[i]) + Gap);
            }

            text.Append('\n');
        }

        return text.ToString();
    }
}
