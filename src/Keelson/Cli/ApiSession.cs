using System.CommandLine;

namespace Keelson.Cli;

/// <summary>What an API command needs while it runs.</summary>
internal sealed record ApiSession(ParseResult Parse, KeelsonApi Api, OutputFormat Format, TextWriter Output, CancellationToken Cancellation)
{
    public Task PrintAsync(System.Text.Json.Nodes.JsonNode? data, params Printer.Column[] columns) => Printer.PrintAsync(Output, Format, data, columns);
}
