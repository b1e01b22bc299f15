using System.Text.Json.Nodes;
using Keelson.Simulator.Schema;

namespace Keelson.Simulator.Patching;

/// <summary>
/// Schema-aware operations on objects that server-side apply is built from, with structured-merge-diff's semantics:
/// the set of fields a value sets, the comparison of two values, the merge of an applied configuration into an
/// object, and the removal of fields. Lists merge by the schema's list type (map by keys, set by value, atomic whole);
/// atomic structs and maps are single values; free-form values are maps of free-form values with atomic lists.
/// </summary>
internal static class StructuredMerge
{
    /// <summary>The fields a value sets, as structured-merge-diff's <c>ToFieldSet</c> counts them.</summary>
    /// <param name="value">The value, e.g. an applied configuration.</param>
    /// <param name="type">Its schema.</param>
    /// <param name="strict">
    /// Whether to reject what a typed conversion rejects (unknown fields, values of the wrong type, list items
    /// without their key fields, repeated keys); when false, such items are identified by position.
    /// </param>
    /// <exception cref="FieldPathException">(strict) The value does not fit the schema.</exception>
    public static FieldSet ToFieldSet(JsonNode? value, TypeSchema type, bool strict)
    {
        var set = new FieldSet();
        CollectFields(value, type, [], set, strict);
        return set;
    }

    /// <summary>The paths added, changed and removed going from <paramref name="before"/> to <paramref name="after"/>.</summary>
    public static Comparison Compare(JsonNode? before, JsonNode? after, TypeSchema type)
    {
        var comparison = new Comparison(new FieldSet(), new FieldSet(), new FieldSet());
        Compare(new Side(before), new Side(after), type, [], comparison);
        return comparison;
    }

    /// <summary>Merges an applied configuration into an object: the configuration's values win, lists merge by their type.</summary>
    public static JsonNode? Merge(JsonNode? live, JsonNode? config, TypeSchema type) =>
        Merge(new Side(live), new Side(config), type).Value;

    /// <summary>A copy of <paramref name="value"/> without the fields (and everything under them) that are members of <paramref name="remove"/>.</summary>
    public static JsonNode? RemoveItems(JsonNode? value, FieldSet remove, TypeSchema? type)
    {
        if (remove.IsEmpty)
        {
            return value?.DeepClone();
        }

        switch (ShapeOf(type, value))
        {
            case Shape.Fields when value is JsonObject obj:
                var result = new JsonObject();
                foreach (var (key, child) in obj)
                {
                    var element = PathElement.Field(key);
                    if (remove.Members.Contains(element))
                    {
                        continue;
                    }

                    result[key] = remove.Children.TryGetValue(element, out var under)
                        ? RemoveItems(child, under, ChildType(type, key))
                        : child?.DeepClone();
                }

                return result;
            case Shape.Set or Shape.Keyed when value is JsonArray array:
                var items = new JsonArray();
                var elements = ItemElements(type!, array, strict: false);
                for (var i = 0; i < array.Count; i++)
                {
                    if (remove.Members.Contains(elements[i]))
                    {
                        continue;
                    }

                    items.Add(remove.Children.TryGetValue(elements[i], out var under)
                        ? RemoveItems(array[i], under, type!.Element)
                        : array[i]?.DeepClone());
                }

                return items;
            default:
                return value?.DeepClone();
        }
    }

    /// <summary>The set with every declared struct field that has owned paths below it made a member itself.</summary>
    public static FieldSet EnsureNamedFieldsAreMembers(FieldSet set, TypeSchema? type)
    {
        var result = new FieldSet();
        foreach (var member in set.Members)
        {
            result.AddMember(member);
        }

        foreach (var (element, child) in set.Children)
        {
            var isStructField = element.FieldName is { } name && type is { Kind: SchemaKind.Struct } && type.FindField(name) is not null;
            if (isStructField && !child.IsEmpty)
            {
                result.AddMember(element);
            }

            result.AddChild(element, EnsureNamedFieldsAreMembers(child, ChildType(type, element)));
        }

        return result;
    }

    private static void CollectFields(JsonNode? value, TypeSchema? type, List<PathElement> path, FieldSet set, bool strict)
    {
        var shape = ShapeOf(type, value);
        if (strict)
        {
            CheckKind(value, type, shape, path);
        }

        switch (shape)
        {
            case Shape.Fields:
                if (value is not JsonObject obj)
                {
                    return;
                }

                foreach (var (key, child) in obj)
                {
                    var isDeclared = type is { Kind: SchemaKind.Struct } && type.FindField(key) is not null;
                    if (strict && type is { Kind: SchemaKind.Struct } && !isDeclared)
                    {
                        throw new FieldPathException($"{PathElement.Format([.. path, PathElement.Field(key)])}: field not declared in schema");
                    }

                    List<PathElement> childPath = [.. path, PathElement.Field(key)];
                    CollectFields(child, ChildType(type, key), childPath, set, strict);
                    if (child is null || child is JsonObject { Count: 0 } || !isDeclared)
                    {
                        set.Insert(childPath);
                    }
                }

                return;
            case Shape.Set or Shape.Keyed:
                if (value is not JsonArray array)
                {
                    return;
                }

                var elements = ItemElements(type!, array, strict, path);
                for (var i = 0; i < array.Count; i++)
                {
                    List<PathElement> childPath = [.. path, elements[i]];
                    CollectFields(array[i], type!.Element, childPath, set, strict);
                    set.Insert(childPath);
                }

                return;
            default:
                set.Insert(path);
                return;
        }
    }

    private static void CheckKind(JsonNode? value, TypeSchema? type, Shape shape, List<PathElement> path)
    {
        if (value is null || type is null)
        {
            return;
        }

        var problem = type.Kind switch
        {
            SchemaKind.Struct or SchemaKind.Map when value is not JsonObject => $"expected map, got {Describe(value)}",
            SchemaKind.List when value is not JsonArray => $"expected list, got {Describe(value)}",
            SchemaKind.String or SchemaKind.Bytes or SchemaKind.Time or SchemaKind.MicroTime when !IsScalar(value, System.Text.Json.JsonValueKind.String) => $"expected string, got {Describe(value)}",
            SchemaKind.Integer or SchemaKind.Number when !IsScalar(value, System.Text.Json.JsonValueKind.Number) => $"expected numeric (int or float), got {Describe(value)}",
            SchemaKind.Boolean when !(IsScalar(value, System.Text.Json.JsonValueKind.True) || IsScalar(value, System.Text.Json.JsonValueKind.False)) => $"expected boolean, got {Describe(value)}",
            SchemaKind.IntOrString or SchemaKind.Quantity when value is not JsonValue => $"expected any scalar, got {Describe(value)}",
            _ => null,
        };
        if (problem is not null && shape != Shape.Free)
        {
            throw new FieldPathException($"{PathElement.Format(path)}: {problem}");
        }
    }

    private static void Compare(Side before, Side after, TypeSchema? type, List<PathElement> path, Comparison comparison)
    {
        var shape = ShapeOf(type, before.Value ?? after.Value);
        var isComposite = shape is Shape.Fields or Shape.Set or Shape.Keyed;
        if (!isComposite || (before.IsEmptyComposite && after.IsEmptyComposite))
        {
            if (!before.Present)
            {
                comparison.Added.Insert(path);
            }
            else if (!after.Present)
            {
                comparison.Removed.Insert(path);
            }
            else if (!JsonTree.Same(before.Value, after.Value))
            {
                comparison.Modified.Insert(path);
            }

            return;
        }

        foreach (var (element, childBefore, childAfter, childType) in Pair(before, after, type, shape))
        {
            Compare(childBefore, childAfter, childType, [.. path, element], comparison);
        }

        if (!before.Present)
        {
            comparison.Added.Insert(path);
        }
        else if (!after.Present)
        {
            comparison.Removed.Insert(path);
        }
    }

    private static Side Merge(Side live, Side config, TypeSchema? type)
    {
        if (!config.Present)
        {
            return live.Copy();
        }

        if (!live.Present)
        {
            return config.Copy();
        }

        var shape = ShapeOf(type, live.Value ?? config.Value);
        if (shape is not (Shape.Fields or Shape.Set or Shape.Keyed) || (live.IsEmptyComposite && config.IsEmptyComposite))
        {
            return config.Copy();
        }

        if (shape == Shape.Fields)
        {
            var liveObject = live.Value as JsonObject ?? [];
            var configObject = config.Value as JsonObject ?? [];
            var result = new JsonObject();
            foreach (var (key, value) in liveObject)
            {
                var merged = configObject.TryGetPropertyValue(key, out var configValue)
                    ? Merge(new Side(value), new Side(configValue), ChildType(type, key))
                    : new Side(value).Copy();
                result[key] = merged.Value;
            }

            foreach (var (key, value) in configObject)
            {
                if (!liveObject.ContainsKey(key))
                {
                    result[key] = value?.DeepClone();
                }
            }

            return new Side(result);
        }

        return new Side(MergeList(live.Value as JsonArray ?? [], config.Value as JsonArray ?? [], type!));
    }

    /// <summary>structured-merge-diff's list merge: live-only items keep their place, applied items follow the applied order.</summary>
    private static JsonArray MergeList(JsonArray live, JsonArray config, TypeSchema type)
    {
        var liveElements = ItemElements(type, live, strict: false);
        var configElements = ItemElements(type, config, strict: false);
        var liveByElement = new Dictionary<PathElement, JsonNode?>();
        for (var i = 0; i < live.Count; i++)
        {
            liveByElement.TryAdd(liveElements[i], live[i]);
        }

        var configByElement = new Dictionary<PathElement, JsonNode?>();
        for (var i = 0; i < config.Count; i++)
        {
            configByElement.TryAdd(configElements[i], config[i]);
        }

        var sharedOrder = new Queue<PathElement>(configElements.Where(liveByElement.ContainsKey));
        sharedOrder.TryDequeue(out var nextShared);
        var mergedConfig = new HashSet<PathElement>();
        var result = new JsonArray();
        int l = 0, r = 0;
        while (l < live.Count || r < config.Count)
        {
            if (l < live.Count && r < config.Count)
            {
                var element = liveElements[l];
                if (element.Equals(configElements[r]))
                {
                    mergedConfig.Add(element);
                    result.Add(Merge(new Side(liveByElement[element]), new Side(configByElement[element]), type.Element).Value);
                    l++;
                    r++;
                    nextShared = sharedOrder.TryDequeue(out var next) ? next : null;
                    continue;
                }

                if (configByElement.ContainsKey(element) && nextShared is not null && !nextShared.Equals(element))
                {
                    l++;
                    continue;
                }
            }

            if (l < live.Count)
            {
                var element = liveElements[l];
                if (!configByElement.ContainsKey(element))
                {
                    result.Add(live[l]?.DeepClone());
                    l++;
                    continue;
                }

                if (mergedConfig.Contains(element))
                {
                    l++;
                    continue;
                }
            }

            if (r < config.Count)
            {
                var element = configElements[r];
                mergedConfig.Add(element);
                var fromLive = liveByElement.TryGetValue(element, out var liveItem) ? new Side(liveItem) : Side.Missing;
                result.Add(Merge(fromLive, new Side(configByElement[element]), type.Element).Value);
                r++;
                if (nextShared is not null && nextShared.Equals(element))
                {
                    nextShared = sharedOrder.TryDequeue(out var next) ? next : null;
                }
            }
        }

        return result;
    }

    private static IEnumerable<(PathElement Element, Side Before, Side After, TypeSchema? Type)> Pair(Side before, Side after, TypeSchema? type, Shape shape)
    {
        if (shape == Shape.Fields)
        {
            var beforeObject = before.Value as JsonObject ?? [];
            var afterObject = after.Value as JsonObject ?? [];
            foreach (var key in beforeObject.Select(p => p.Key).Union(afterObject.Select(p => p.Key)))
            {
                yield return (PathElement.Field(key),
                    beforeObject.TryGetPropertyValue(key, out var b) ? new Side(b) : Side.Missing,
                    afterObject.TryGetPropertyValue(key, out var a) ? new Side(a) : Side.Missing,
                    ChildType(type, key));
            }

            yield break;
        }

        var beforeItems = Index(before.Value as JsonArray, type!);
        var afterItems = Index(after.Value as JsonArray, type!);
        foreach (var element in beforeItems.Keys.Union(afterItems.Keys))
        {
            yield return (element,
                beforeItems.TryGetValue(element, out var b) ? new Side(b) : Side.Missing,
                afterItems.TryGetValue(element, out var a) ? new Side(a) : Side.Missing,
                type!.Element);
        }
    }

    private static Dictionary<PathElement, JsonNode?> Index(JsonArray? array, TypeSchema type)
    {
        var items = new Dictionary<PathElement, JsonNode?>();
        if (array is null)
        {
            return items;
        }

        var elements = ItemElements(type, array, strict: false);
        for (var i = 0; i < array.Count; i++)
        {
            items.TryAdd(elements[i], array[i]);
        }

        return items;
    }

    private static List<PathElement> ItemElements(TypeSchema listType, JsonArray array, bool strict, List<PathElement>? path = null)
    {
        var elements = new List<PathElement>(array.Count);
        var seen = new HashSet<PathElement>();
        for (var i = 0; i < array.Count; i++)
        {
            var element = ItemElement(listType, array[i], i, strict, path) ?? PathElement.ByIndex(i);
            if (!seen.Add(element))
            {
                if (strict)
                {
                    throw new FieldPathException($"{PathElement.Format(path ?? [])}: duplicate entries for key {element}");
                }

                element = PathElement.ByIndex(i);
            }

            elements.Add(element);
        }

        return elements;
    }

    private static PathElement? ItemElement(TypeSchema listType, JsonNode? item, int index, bool strict, List<PathElement>? path)
    {
        if (listType.EffectiveListType == ListType.Set)
        {
            return PathValue.TryFrom(item, out var member) ? PathElement.ByValue(member)
                : strict ? throw new FieldPathException($"{PathElement.Format(path ?? [])}: element {index}: expected scalar, got {Describe(item)}")
                : null;
        }

        if (item is not JsonObject obj)
        {
            return strict ? throw new FieldPathException($"{PathElement.Format(path ?? [])}: element {index}: expected map, got {Describe(item)}") : null;
        }

        var key = new List<(string, PathValue)>();
        foreach (var name in listType.EffectiveListMapKeys)
        {
            var field = listType.Element?.FindField(name);
            var keyNode = obj.TryGetPropertyValue(name, out var present) ? present : field?.Default;
            if (keyNode is null && !obj.ContainsKey(name) && field?.Default is null)
            {
                return strict
                    ? throw new FieldPathException($"{PathElement.Format(path ?? [])}: element {index}: associative list with keys has an element that omits key field \"{name}\" (and doesn't have default value)")
                    : null;
            }

            if (!PathValue.TryFrom(keyNode, out var value))
            {
                return null;
            }

            key.Add((name, value));
        }

        return PathElement.ByKey(key);
    }

    private static Shape ShapeOf(TypeSchema? type, JsonNode? sample) => type?.Kind switch
    {
        null or SchemaKind.FreeForm => sample is JsonObject ? Shape.Fields : Shape.Free,
        SchemaKind.Struct or SchemaKind.Map => type.IsAtomic ? Shape.Leaf : Shape.Fields,
        SchemaKind.List => type.EffectiveListType switch
        {
            ListType.Set => Shape.Set,
            ListType.Map => Shape.Keyed,
            _ => Shape.Leaf,
        },
        _ => Shape.Leaf,
    };

    private static TypeSchema? ChildType(TypeSchema? type, string key) => type?.Kind switch
    {
        SchemaKind.Struct => type.FindField(key)?.Type,
        SchemaKind.Map => type.Element,
        _ => null,
    };

    private static TypeSchema? ChildType(TypeSchema? type, PathElement element) =>
        element.FieldName is { } name ? ChildType(type, name) : type?.Kind == SchemaKind.List ? type.Element : null;

    private static bool IsScalar(JsonNode value, System.Text.Json.JsonValueKind kind) => value is JsonValue && value.GetValueKind() == kind;

    private static string Describe(JsonNode? value) => value switch
    {
        null => "null",
        JsonObject => "map",
        JsonArray => "list",
        _ => value.GetValueKind() switch
        {
            System.Text.Json.JsonValueKind.String => "string",
            System.Text.Json.JsonValueKind.Number => "number",
            _ => "bool",
        },
    };

    /// <summary>How a value is walked: leaf (scalar or atomic), struct or map fields, set, keyed list, free-form scalar or list.</summary>
    private enum Shape
    {
        Leaf,
        Fields,
        Set,
        Keyed,
        Free,
    }

    /// <summary>A value on one side of a comparison or merge, telling a missing field from a JSON null.</summary>
    private readonly record struct Side(JsonNode? Value, bool Present = true)
    {
        public static Side Missing => new(null, false);

        public bool IsEmptyComposite => !Present || Value is null or JsonObject { Count: 0 } or JsonArray { Count: 0 };

        public Side Copy() => this with { Value = Value?.DeepClone() };
    }
}
