using System.Text.Json.Nodes;

namespace Keelson.Simulator.Schema;

/// <summary>
/// Encodes a Swagger 2.0 document as gnostic's <c>openapi.v2.Document</c> protobuf, the form kube-apiserver serves
/// for <c>Accept: application/com.github.proto-openapi.spec.v2@v1.0+protobuf</c>. kubectl up to 1.28 (and 1.20)
/// only reads <c>/openapi/v2</c> this way, for validation and apply. Vendor extensions travel as YAML text; JSON is
/// valid YAML, so they are written as JSON.
/// </summary>
internal static class OpenApiV2Protobuf
{
    /// <summary>Encodes the document written by <see cref="OpenApiDocuments"/>.</summary>
    public static byte[] Encode(JsonObject document)
    {
        var message = new ProtoMessage()
            .String(1, Text(document["swagger"]))
            .Message(2, new ProtoMessage().String(1, Text(document["info"]?["title"])).String(2, Text(document["info"]?["version"])));

        var paths = new ProtoMessage();
        foreach (var (path, item) in document["paths"]!.AsObject())
        {
            paths.Message(2, new ProtoMessage().String(1, path).Message(2, PathItem(item!.AsObject())));
        }

        message.Message(8, paths);
        var definitions = new ProtoMessage();
        foreach (var (name, schema) in document["definitions"]!.AsObject())
        {
            definitions.Message(1, new ProtoMessage().String(1, name).Message(2, Schema(schema!.AsObject())));
        }

        message.Message(9, definitions);
        foreach (var requirement in document["security"]?.AsArray() ?? [])
        {
            var entries = new ProtoMessage();
            foreach (var (name, scopes) in requirement!.AsObject())
            {
                var array = new ProtoMessage();
                foreach (var scope in scopes!.AsArray())
                {
                    array.String(1, Text(scope));
                }

                entries.Message(1, new ProtoMessage().String(1, name).Message(2, array));
            }

            message.Message(12, entries);
        }

        var securityDefinitions = new ProtoMessage();
        foreach (var (name, definition) in document["securityDefinitions"]?.AsObject() ?? [])
        {
            var apiKey = new ProtoMessage()
                .String(1, Text(definition!["type"]))
                .String(2, Text(definition["name"]))
                .String(3, Text(definition["in"]))
                .String(4, Text(definition["description"]));
            securityDefinitions.Message(1, new ProtoMessage().String(1, name).Message(2, new ProtoMessage().Message(2, apiKey)));
        }

        return message.Message(13, securityDefinitions).ToArray();
    }

    private static ProtoMessage PathItem(JsonObject item)
    {
        var message = new ProtoMessage();
        foreach (var (method, field) in new[] { ("get", 2), ("put", 3), ("post", 4), ("delete", 5), ("patch", 8) })
        {
            if (item[method] is JsonObject operation)
            {
                message.Message(field, Operation(operation));
            }
        }

        foreach (var parameter in item["parameters"]?.AsArray() ?? [])
        {
            message.Message(9, ParametersItem(parameter!.AsObject()));
        }

        return message;
    }

    private static ProtoMessage Operation(JsonObject operation)
    {
        var message = new ProtoMessage();
        Strings(message, 1, operation["tags"]);
        message.String(3, Text(operation["description"])).String(5, Text(operation["operationId"]));
        Strings(message, 6, operation["produces"]);
        Strings(message, 7, operation["consumes"]);
        foreach (var parameter in operation["parameters"]?.AsArray() ?? [])
        {
            message.Message(8, ParametersItem(parameter!.AsObject()));
        }

        var responses = new ProtoMessage();
        foreach (var (code, response) in operation["responses"]!.AsObject())
        {
            var body = new ProtoMessage().String(1, Text(response!["description"]));
            if (response["schema"] is JsonObject schema)
            {
                body.Message(2, new ProtoMessage().Message(1, Schema(schema)));
            }

            responses.Message(1, new ProtoMessage().String(1, code).Message(2, new ProtoMessage().Message(1, body)));
        }

        message.Message(9, responses);
        Strings(message, 10, operation["schemes"]);
        Extensions(message, 13, operation);
        return message;
    }

    private static ProtoMessage ParametersItem(JsonObject parameter)
    {
        ProtoMessage typed;
        if (Text(parameter["in"]) == "body")
        {
            typed = new ProtoMessage().Message(1, new ProtoMessage()
                .String(1, Text(parameter["description"]))
                .String(2, Text(parameter["name"]))
                .String(3, "body")
                .Bool(4, parameter["required"]?.GetValue<bool>() ?? false)
                .Message(5, Schema(parameter["schema"]!.AsObject())));
        }
        else
        {
            var isPath = Text(parameter["in"]) == "path";
            var sub = new ProtoMessage()
                .Bool(1, parameter["required"]?.GetValue<bool>() ?? false)
                .String(2, Text(parameter["in"]))
                .String(3, Text(parameter["description"]))
                .String(4, Text(parameter["name"]))
                .String(isPath ? 5 : 6, Text(parameter["type"]))
                .Bool(isPath ? 19 : 20, parameter["uniqueItems"]?.GetValue<bool>() ?? false);
            typed = new ProtoMessage().Message(2, new ProtoMessage().Message(isPath ? 4 : 3, sub));
        }

        return new ProtoMessage().Message(1, typed);
    }

    private static ProtoMessage Schema(JsonObject schema)
    {
        var message = new ProtoMessage()
            .String(1, Text(schema["$ref"]))
            .String(2, Text(schema["format"]))
            .String(4, Text(schema["description"]));
        if (schema["default"] is { } defaultValue)
        {
            message.Message(5, new ProtoMessage().String(2, defaultValue.ToJsonString()));
        }

        Strings(message, 19, schema["required"]);
        if (schema["additionalProperties"] is JsonObject additional)
        {
            message.Message(21, new ProtoMessage().Message(1, Schema(additional)));
        }

        if (schema["type"] is { } type)
        {
            message.Message(22, new ProtoMessage().String(1, Text(type)));
        }

        if (schema["items"] is JsonObject items)
        {
            message.Message(23, new ProtoMessage().Message(1, Schema(items)));
        }

        foreach (var part in schema["allOf"]?.AsArray() ?? [])
        {
            message.Message(24, Schema(part!.AsObject()));
        }

        if (schema["properties"] is JsonObject properties)
        {
            var named = new ProtoMessage();
            foreach (var (name, property) in properties)
            {
                named.Message(1, new ProtoMessage().String(1, name).Message(2, Schema(property!.AsObject())));
            }

            message.Message(25, named);
        }

        Extensions(message, 31, schema);
        return message;
    }

    private static void Extensions(ProtoMessage message, int field, JsonObject owner)
    {
        foreach (var (name, value) in owner.Where(p => p.Key.StartsWith("x-", StringComparison.Ordinal)))
        {
            message.Message(field, new ProtoMessage().String(1, name).Message(2, new ProtoMessage().String(2, value?.ToJsonString() ?? "null")));
        }
    }

    private static void Strings(ProtoMessage message, int field, JsonNode? values)
    {
        foreach (var value in values?.AsArray() ?? [])
        {
            message.String(field, Text(value));
        }
    }

    private static string? Text(JsonNode? node) => node?.GetValue<string>();
}
