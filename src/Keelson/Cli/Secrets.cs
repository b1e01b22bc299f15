using System.Text;

namespace Keelson.Cli;

/// <summary>Reads a secret from the terminal without echoing it, or from standard input for scripts.</summary>
internal static class Secrets
{
    public static async Task<string> ReadAsync(string prompt, bool fromStdin, TextWriter output)
    {
        if (fromStdin)
        {
            return (await Console.In.ReadLineAsync())?.TrimEnd('\r', '\n') is { Length: > 0 } piped
                ? piped
                : throw new CliException(ExitCodes.BadInput, "nothing was given on standard input");
        }

        if (Console.IsInputRedirected)
        {
            throw new CliException(ExitCodes.BadInput, "there is no terminal to ask for the password on; pipe it in with --password-stdin");
        }

        await output.WriteAsync(prompt);
        var text = new StringBuilder();
        while (true)
        {
            var key = Console.ReadKey(intercept: true);
            if (key.Key == ConsoleKey.Enter)
            {
                break;
            }

            if (key.Key == ConsoleKey.Backspace)
            {
                if (text.Length > 0)
                {
                    text.Length--;
                }
            }
            else if (!char.IsControl(key.KeyChar))
            {
                text.Append(key.KeyChar);
            }
        }

        await output.WriteLineAsync();
        return text.ToString();
    }
}
