using System.Text;
using Spectre.Console;

namespace NoduleScope.Cli;

/// <summary>
/// A table of plain strings: drawn with Spectre.Console on a terminal, and as space-aligned columns without borders
/// otherwise, so that logs and pipes get clean lines that never wrap (UIDs stay copyable).
/// </summary>
internal sealed class TextTable
{
    private readonly string[] headers;
    private readonly List<string[]> rows = [];

    public TextTable(params string[] headers)
    {
        this.headers = headers;
    }

    public void AddRow(params string[] cells)
    {
        if (cells.Length != headers.Length)
        {
            throw new ArgumentException($"expected {headers.Length} cells, got {cells.Length}", nameof(cells));
        }

        rows.Add(cells);
    }

    public void Write(CliSession session)
    {
        if (session.IsTerminal)
        {
            var table = new Table().Border(TableBorder.Rounded);
            foreach (string header in headers)
            {
                table.AddColumn(new TableColumn(new Text(header)));
            }

            foreach (string[] row in rows)
            {
                table.AddRow(Array.ConvertAll(row, cell => (Spectre.Console.Rendering.IRenderable)new Text(cell)));
            }

            session.Console.Write(table);
            return;
        }

        int[] widths = new int[headers.Length];
        foreach (string[] row in rows.Prepend(headers))
        {
            for (int c = 0; c < row.Length; c++)
            {
                widths[c] = Math.Max(widths[c], row[c].Length);
            }
        }

        foreach (string[] row in rows.Prepend(headers))
        {
            var line = new StringBuilder();
            for (int c = 0; c < row.Length; c++)
            {
                line.Append(c == row.Length - 1 ? row[c] : row[c].PadRight(widths[c] + 2));
            }

            session.Out.WriteLine(line.ToString().TrimEnd());
        }
    }
}
