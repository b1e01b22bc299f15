using System.CommandLine;

namespace Keelson.Cli;

/// <summary><c>keelson login</c>: sign in and keep an API token for the other commands.</summary>
internal static class LoginCommand
{
    public static Command Create()
    {
        var server = new Option<string>("--server") { Description = "The Keelson server URL, e.g. http://127.0.0.1:8080.", Required = true };
        var username = new Option<string?>("--username", "-u") { Description = "Your user name (asked for when omitted on a terminal)." };
        var passwordStdin = new Option<bool>("--password-stdin") { Description = "Read the password from standard input (for scripts)." };
        var command = new Command("login", """
            Sign in to a Keelson server. Keelson issues an API token (90 days) that is kept in
            ~/.keelson/config, readable by you only; the other commands use it.

            Examples:
              keelson login --server http://127.0.0.1:8080 --username admin
              echo "$PASSWORD" | keelson login --server https://keelson.example.com -u ci --password-stdin
            """)
        {
            server, username, passwordStdin,
        };
        command.SetAction(async (parse, ct) =>
        {
            var output = parse.InvocationConfiguration.Output;
            try
            {
                var url = ApiOptions.ParseServer(parse.GetValue(server)!);
                var user = parse.GetValue(username);
                if (user is null)
                {
                    if (Console.IsInputRedirected)
                    {
                        throw new CliException(ExitCodes.BadInput, "give your user name with --username");
                    }

                    await output.WriteAsync("Username: ");
                    user = (await Console.In.ReadLineAsync(ct))?.Trim() ?? "";
                }

                var password = await Secrets.ReadAsync("Password: ", parse.GetValue(passwordStdin), output);
                using var api = new KeelsonApi(url, null);
                var answer = await api.SendAsync(HttpMethod.Post, "api/v1/login", new
                {
                    username = user,
                    password,
                    issueToken = true,
                    tokenName = $"cli-{Environment.MachineName.ToLowerInvariant()}",
                }, ct);
                var token = answer?["token"]?.GetValue<string>() ?? throw new CliException(ExitCodes.Failed, "the server signed you in but issued no token");
                new ClientConfig(url.AbsoluteUri, token).Save();
                await output.WriteLineAsync($"Logged in to {url} as {answer!["user"]}; token kept in {ClientConfig.DefaultPath} (expires {answer["tokenExpiresAt"]})");
                return ExitCodes.Ok;
            }
            catch (CliException e)
            {
                await parse.InvocationConfiguration.Error.WriteLineAsync($"keelson login: {e.Message}");
                return e.ExitCode;
            }
        });
        return command;
    }
}
