using System.Text;
using System.Text.Json;

namespace Keelson.Kubernetes.Tests;

/// <summary>
/// Reads a table of cases from <c>testdata/</c>: one case per line, fields separated by <c>|</c> with the spaces
/// around them trimmed. A field written as a JSON string (<c>" 1"</c>, <c>"a|b"</c>, <c>""</c>) keeps its exact
/// text. Blank lines and lines starting with <c>#</c> are skipped.
/// </summary>
internal static class TestDataTable
{
    public static TheoryData<string, string> TwoColumns(string relativePath)
    {
        var data = new TheoryData<string, string>();
        foreach (var f in Read(relativePath, 2))
        {
            data.Add(f[0], f[1]);
        }

        return data;
    }

    public static TheoryData<string, string, string> ThreeColumns(string relativePath)
    {
        var data = new TheoryData<string, string, string>();
        foreach (var f in Read(relativePath, 3))
        {
            data.Add(f[0], f[1], f[2]);
        }

        return data;
    }

    public static TheoryData<string, string, string, string> FourColumns(string relativePath)
    {
        var data = new TheoryData<string, string, string, string>();
        foreach (var f in Read(relativePath, 4))
        {
            data.Add(f[0], f[1], f[2], f[3]);
        }

        return data;
    }

    public static TheoryData<string, string, string, string, string> FiveColumns(string relativePath)
    {
        var data = new TheoryData<string, string, string, string, string>();
        foreach (var f in Read(relativePath, 5))
        {
            data.Add(f[0], f[1], f[2], f[3], f[4]);
        }

        return data;
    }

    private static IEnumerable<string[]> Read(string relativePath, int columns)
    {
        var path = Path.Combine(AppContext.BaseDirectory, "testdata", relativePath);
        var number = 0;
        foreach (var line in File.ReadLines(path))
        {
            number++;
            if (string.IsNullOrWhiteSpace(line) || line.TrimStart().StartsWith('#'))
            {
                continue;
            }

            var fields = Split(line, $"{relativePath}:{number}");
            if (fields.Count != columns)
            {
                throw new InvalidDataException($"{relativePath}:{number}: expected {columns} fields separated by '|', found {fields.Count}");
            }

            yield return [.. fields];
        }
    }

    private static List<string> Split(string line, string where)
    {
        var fields = new List<string>();
        var pos = 0;
        while (true)
        {
            while (pos < line.Length && line[pos] == ' ')
            {
                pos++;
            }

            if (!TryReadQuoted(line, ref pos, out var field))
            {
                var end = line.IndexOf('|', pos);
                field = (end < 0 ? line[pos..] : line[pos..end]).TrimEnd();
                pos = end < 0 ? line.Length : end;
            }

            fields.Add(field);
            if (pos >= line.Length)
            {
                return fields;
            }

            if (line[pos] != '|')
            {
                throw new InvalidDataException($"{where}: expected '|' at character {pos + 1}");
            }

            pos++;
        }
    }

    // A field is quoted only when the whole field is one JSON string, so a bare field may still contain quotes.
    private static bool TryReadQuoted(string line, ref int pos, out string field)
    {
        field = "";
        if (pos >= line.Length || line[pos] != '"')
        {
            return false;
        }

        var reader = new Utf8JsonReader(Encoding.UTF8.GetBytes(line[pos..]));
        try
        {
            if (!reader.Read() || reader.TokenType != JsonTokenType.String)
            {
                return false;
            }
        }
        catch (JsonException)
        {
            return false;
        }

        var end = pos + Encoding.UTF8.GetString(reader.ValueSpan).Length + 2;
        while (end < line.Length && line[end] == ' ')
        {
            end++;
        }

        if (end < line.Length && line[end] != '|')
        {
            return false;
        }

        field = reader.GetString()!;
        pos = end;
        return true;
    }
}
