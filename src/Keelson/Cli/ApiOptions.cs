using System.CommandLine;

namespace Keelson.Cli;

/// <summary>The options every command that talks to a Keelson server shares, and how such a command runs.</summary>
internal sealed class ApiOptions
{
    public Option<string?> Server { get; } = new("--server") { Description = "The Keelson server URL (default: the one from keelson login; KEELSON_SERVER).", Recursive = true };

    public Option<string?> Token { get; } = new("--token") { Description = "An API token (default: the one from keelson login; KEELSON_TOKEN).", Recursive = true };

    public Option<OutputFormat> Output { get; } = new("--output", "-o") { Description = "How to print results: table, json or yaml.", Recursive = true, DefaultValueFactory = _ => OutputFormat.Table };

    /// <summary>A command group (e.g. <c>cluster</c>) carrying the shared options.</summary>
    public Command Group(string name, string description, params Command[] subcommands)
    {
        var group = new Command(name, description) { Server, Token, Output };
        foreach (var subcommand in subcommands)
        {
            group.Subcommands.Add(subcommand);
        }

        return group;
    }

    /// <summary>Runs <paramref name="action"/> with a connected session; refusals become a message and an exit code.</summary>
    public void SetAction(Command command, Func<ApiSession, Task> action) =>
        command.SetAction(async (parse, ct) =>
        {
            try
            {
                using var api = Connect(parse);
                await action(new ApiSession(parse, api, parse.GetValue(Output), parse.InvocationConfiguration.Output, ct));
                return ExitCodes.Ok;
            }
            catch (CliException e)
            {
                await parse.InvocationConfiguration.Error.WriteLineAsync($"{CommandPath(parse)}: {e.Message}");
                return e.ExitCode;
            }
        });

    /// <summary>The command as typed, e.g. <c>keelson cluster get</c>, for error messages.</summary>
    public static string CommandPath(ParseResult parse)
    {
        var names = new List<string>();
        for (var result = parse.CommandResult; result is not null; result = result.Parent as System.CommandLine.Parsing.CommandResult)
        {
            names.Add(result.Parent is null ? "keelson" : result.Command.Name);
        }

        names.Reverse();
        return string.Join(' ', names);
    }

    private KeelsonApi Connect(ParseResult parse)
    {
        var config = ClientConfig.Load();
        var server = parse.GetValue(Server) ?? Environment.GetEnvironmentVariable("KEELSON_SERVER") ?? config?.Server
            ?? throw new CliException(ExitCodes.Unauthenticated, "not logged in: run keelson login --server URL (or pass --server and --token)");
        var token = parse.GetValue(Token) ?? Environment.GetEnvironmentVariable("KEELSON_TOKEN") ?? (config?.Server == server ? config.Token : null);
        return new KeelsonApi(ParseServer(server), token);
    }

    public static Uri ParseServer(string text) =>
        Uri.TryCreate(text.Contains("://", StringComparison.Ordinal) ? text : "http://" + text, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https"
            ? new Uri(uri.AbsoluteUri.TrimEnd('/') + "/")
            : throw new CliException(ExitCodes.BadInput, $"--server \"{text}\" is not a URL such as http://127.0.0.1:8080");
}
