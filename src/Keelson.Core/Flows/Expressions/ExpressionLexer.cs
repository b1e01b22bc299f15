using System.Globalization;
using System.Text;

namespace Keelson.Core.Flows.Expressions;

/// <summary>Splits expression text into tokens.</summary>
internal static class ExpressionLexer
{
    public static List<ExpressionToken> Tokenize(string text)
    {
        var tokens = new List<ExpressionToken>();
        var i = 0;
        while (i < text.Length)
        {
            var c = text[i];
            if (char.IsWhiteSpace(c))
            {
                i++;
                continue;
            }

            var start = i;
            if (char.IsLetter(c) || c == '_')
            {
                // Hyphens are allowed inside names (task names such as "drain-node"); the language has no subtraction.
                while (i < text.Length && (char.IsLetterOrDigit(text[i]) || text[i] is '_' or '-'))
                {
                    i++;
                }

                tokens.Add(new(ExpressionTokenKind.Identifier, text[start..i], start));
                continue;
            }

            if (char.IsDigit(c) || (c == '-' && i + 1 < text.Length && char.IsDigit(text[i + 1])))
            {
                i++;
                while (i < text.Length && (char.IsDigit(text[i]) || text[i] is '.' or 'e' or 'E' || (text[i] is '+' or '-' && text[i - 1] is 'e' or 'E')))
                {
                    i++;
                }

                var number = text[start..i];
                if (!double.TryParse(number, NumberStyles.Float, CultureInfo.InvariantCulture, out _))
                {
                    throw new ExpressionException($"\"{number}\" is not a number", start);
                }

                tokens.Add(new(ExpressionTokenKind.Number, number, start));
                continue;
            }

            if (c is '\'' or '"')
            {
                tokens.Add(new(ExpressionTokenKind.String, ReadString(text, ref i), start));
                continue;
            }

            var two = i + 1 < text.Length ? text.Substring(i, 2) : "";
            var kind = two switch
            {
                "==" => ExpressionTokenKind.Equal,
                "!=" => ExpressionTokenKind.NotEqual,
                "<=" => ExpressionTokenKind.LessOrEqual,
                ">=" => ExpressionTokenKind.GreaterOrEqual,
                "&&" => ExpressionTokenKind.And,
                "||" => ExpressionTokenKind.Or,
                _ => ExpressionTokenKind.End,
            };
            if (kind != ExpressionTokenKind.End)
            {
                tokens.Add(new(kind, two, start));
                i += 2;
                continue;
            }

            kind = c switch
            {
                '.' => ExpressionTokenKind.Dot,
                '[' => ExpressionTokenKind.LeftBracket,
                ']' => ExpressionTokenKind.RightBracket,
                '(' => ExpressionTokenKind.LeftParen,
                ')' => ExpressionTokenKind.RightParen,
                ',' => ExpressionTokenKind.Comma,
                '<' => ExpressionTokenKind.Less,
                '>' => ExpressionTokenKind.Greater,
                '!' => ExpressionTokenKind.Not,
                _ => throw new ExpressionException(
                    c == '=' ? "a single '=' is not an operator; compare with '=='" : $"unexpected character '{c}'", start),
            };
            tokens.Add(new(kind, c.ToString(), start));
            i++;
        }

        tokens.Add(new(ExpressionTokenKind.End, "", text.Length));
        return tokens;
    }

    private static string ReadString(string text, ref int i)
    {
        var quote = text[i];
        var start = i;
        var value = new StringBuilder();
        i++;
        while (i < text.Length)
        {
            var c = text[i];
            if (c == quote)
            {
                // A doubled quote stands for one quote character, as in SQL and GitHub Actions.
                if (i + 1 < text.Length && text[i + 1] == quote)
                {
                    value.Append(quote);
                    i += 2;
                    continue;
                }

                i++;
                return value.ToString();
            }

            value.Append(c);
            i++;
        }

        throw new ExpressionException($"the string starting here has no closing {quote}", start);
    }
}
