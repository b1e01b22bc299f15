using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Keelson.Cli;

/// <summary>
/// The CLI's view of the REST API: JSON in and out, and every refusal turned into a message
/// and an exit code (401 → log in again, 403 → the missing grant, 4xx → the server's detail).
/// </summary>
internal sealed class KeelsonApi : IDisposable
{
    private readonly HttpClient _http;
    private readonly HttpClient _streaming;

    public KeelsonApi(Uri server, string? token)
    {
        Server = server;
        _http = new HttpClient { BaseAddress = server, Timeout = TimeSpan.FromMinutes(2) };
        _streaming = new HttpClient { BaseAddress = server, Timeout = Timeout.InfiniteTimeSpan };
        if (token is not null)
        {
            _http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
            _streaming.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }
    }

    public Uri Server { get; }

    public Task<JsonNode?> GetAsync(string path, CancellationToken ct) => SendAsync(HttpMethod.Get, path, null, ct);

    public Task<JsonNode?> SendAsync(HttpMethod method, string path, object? body, CancellationToken ct) =>
        SendAsync(method, path, body is null ? null : JsonContent.Create(body, options: new JsonSerializerOptions(JsonSerializerDefaults.Web)), ct);

    /// <summary>Reads a server-sent event stream line by line until the server ends it.</summary>
    public async IAsyncEnumerable<string> StreamLinesAsync(string path, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path.TrimStart('/'));
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/event-stream"));
        HttpResponseMessage response;
        try
        {
            response = await _streaming.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, ct);
        }
        catch (HttpRequestException e)
        {
            throw new CliException(ExitCodes.Failed, $"cannot reach the Keelson server at {Server}: {e.Message} (is it running? is --server right?)");
        }

        using (response)
        {
            if (!response.IsSuccessStatusCode)
            {
                throw Refusal(response, await response.Content.ReadAsStringAsync(ct));
            }

            using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(ct));
            while (true)
            {
                string? line;
                try
                {
                    line = await reader.ReadLineAsync(ct);
                }
                catch (Exception e) when (e is IOException or HttpRequestException)
                {
                    throw new CliException(ExitCodes.Failed, $"the connection to {Server} broke: {e.Message}");
                }

                if (line is null)
                {
                    yield break;
                }

                yield return line;
            }
        }
    }

    public async Task<JsonNode?> SendAsync(HttpMethod method, string path, HttpContent? content, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(method, path.TrimStart('/'));
        request.Content = content;

        HttpResponseMessage response;
        try
        {
            response = await _http.SendAsync(request, ct);
        }
        catch (HttpRequestException e)
        {
            throw new CliException(ExitCodes.Failed, $"cannot reach the Keelson server at {Server}: {e.Message} (is it running? is --server right?)");
        }

        using (response)
        {
            var text = await response.Content.ReadAsStringAsync(ct);
            if (response.IsSuccessStatusCode)
            {
                return text.Length == 0 ? null : JsonNode.Parse(text);
            }

            throw Refusal(response, text);
        }
    }

    public void Dispose()
    {
        _http.Dispose();
        _streaming.Dispose();
    }

    private CliException Refusal(HttpResponseMessage response, string text)
    {
        var detail = Detail(text) ?? $"{(int)response.StatusCode} {response.ReasonPhrase}";
        return response.StatusCode switch
        {
            HttpStatusCode.Unauthorized => new CliException(ExitCodes.Unauthenticated, $"{detail} — log in with: keelson login --server {Server}"),
            HttpStatusCode.Forbidden => new CliException(ExitCodes.Forbidden, detail),
            // 400, and a 422 that lists what is wrong in the request (e.g. a flow definition's errors), are bad
            // input; a plain 422 is the server or a cluster refusing a well-formed request (a cluster that
            // refused the credentials) — exit 1, as docs/api-conventions.md says.
            HttpStatusCode.BadRequest => new CliException(ExitCodes.BadInput, detail),
            HttpStatusCode.UnprocessableEntity when HasErrors(text) => new CliException(ExitCodes.BadInput, detail),
            _ => new CliException(ExitCodes.Failed, detail),
        };
    }

    private static bool HasErrors(string problem)
    {
        try
        {
            return JsonNode.Parse(problem)?["errors"] is JsonArray { Count: > 0 } or JsonObject { Count: > 0 };
        }
        catch (JsonException)
        {
            return false;
        }
    }

    private static string? Detail(string problem)
    {
        try
        {
            return JsonNode.Parse(problem)?["detail"]?.GetValue<string>();
        }
        catch (JsonException)
        {
            return problem.Length is > 0 and < 500 ? problem : null;
        }
    }
}
