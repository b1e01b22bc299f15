using Keelson.Kubernetes.Resources;
using Keelson.Kubernetes.Selectors;

namespace Keelson.Kubernetes.Tests.Selectors;

public class LabelMatcherTests
{
    public static TheoryData<string, string, string> Cases { get; } = TestDataTable.ThreeColumns("selectors/labels.txt");

    public static TheoryData<string, string> CanonicalForms { get; } = TestDataTable.TwoColumns("selectors/labels-canonical.txt");

    [Theory]
    [MemberData(nameof(Cases))]
    public void Parse_MatchesLabelsOrSaysWhereTheSelectorIsWrong(string selector, string labels, string expected)
    {
        if (expected.StartsWith("error: ", StringComparison.Ordinal))
        {
            var error = Assert.Throws<FormatException>(() => LabelMatcher.Parse(selector));
            Assert.StartsWith($"label selector \"{selector}\" is not valid ", error.Message, StringComparison.Ordinal);
            Assert.Contains(expected["error: ".Length..], error.Message, StringComparison.Ordinal);
            Assert.False(LabelMatcher.TryParse(selector, out _));
            return;
        }

        var matcher = LabelMatcher.Parse(selector);
        var labelSet = KubernetesJson.Deserialize<Dictionary<string, string>>(labels);

        Assert.Equal(expected == "match", matcher.Matches(labelSet));
        Assert.True(LabelMatcher.TryParse(selector, out var again));
        Assert.Equal(matcher.ToString(), again.ToString());
    }

    [Theory]
    [MemberData(nameof(CanonicalForms))]
    public void ToString_WritesTheCanonicalTextWhichParsesBackUnchanged(string selector, string canonical)
    {
        var matcher = LabelMatcher.Parse(selector);

        Assert.Equal(canonical, matcher.ToString());
        Assert.Equal(canonical, matcher.ToQueryValue());
        Assert.Equal(canonical, LabelMatcher.Parse(canonical).ToString());
    }

    [Fact]
    public void Requirements_ExposeKeyOperatorAndValuesInKeyOrder()
    {
        var matcher = LabelMatcher.Parse("tier in (db, cache),app=web,!canary,replicas>2");

        Assert.Equal(["app", "canary", "replicas", "tier"], matcher.Requirements.Select(r => r.Key));
        Assert.Equal(
            [SelectorOperator.Equal, SelectorOperator.DoesNotExist, SelectorOperator.GreaterThan, SelectorOperator.In],
            matcher.Requirements.Select(r => r.Operator));
        Assert.Equal(["web", "", "2", "cache,db"], matcher.Requirements.Select(r => string.Join(',', r.Values)));
    }

    [Fact]
    public void TryGetExactMatch_GivesTheSingleValueAnEqualityOrInRequirementDemands()
    {
        var matcher = LabelMatcher.Parse("app=web,tier in (cache),env in (a,b),track!=canary,zone==z1");

        Assert.True(matcher.TryGetExactMatch("app", out var app));
        Assert.Equal("web", app);
        Assert.True(matcher.TryGetExactMatch("tier", out var tier));
        Assert.Equal("cache", tier);
        Assert.True(matcher.TryGetExactMatch("zone", out var zone));
        Assert.Equal("z1", zone);
        Assert.False(matcher.TryGetExactMatch("env", out _));
        Assert.False(matcher.TryGetExactMatch("track", out _));
        Assert.False(matcher.TryGetExactMatch("missing", out _));
    }

    [Fact]
    public void Everything_MatchesAnyLabelsAndHasEmptyText()
    {
        Assert.True(LabelMatcher.Everything.IsEverything);
        Assert.True(LabelMatcher.Everything.Matches(null));
        Assert.True(LabelMatcher.Everything.Matches(new Dictionary<string, string> { ["a"] = "b" }));
        Assert.Equal("", LabelMatcher.Everything.ToQueryValue());
        Assert.True(LabelMatcher.Parse(" ").IsEverything);
    }

    [Fact]
    public void FromSelector_WithNull_MatchesNothingAndRefusesToBecomeAQuery()
    {
        var matcher = LabelMatcher.FromSelector(null);

        Assert.True(matcher.MatchesNothing);
        Assert.False(matcher.IsEverything);
        Assert.False(matcher.Matches(new Dictionary<string, string>()));
        Assert.Equal("", matcher.ToString());
        var error = Assert.Throws<InvalidOperationException>(matcher.ToQueryValue);
        Assert.Contains("selects everything", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void FromSelector_WithEmptySelector_MatchesEverything()
    {
        var matcher = LabelMatcher.FromSelector(new LabelSelector { MatchLabels = [], MatchExpressions = [] });

        Assert.True(matcher.IsEverything);
        Assert.True(matcher.Matches(new Dictionary<string, string> { ["any"] = "thing" }));
    }

    [Fact]
    public void FromSelector_AndsMatchLabelsWithMatchExpressions()
    {
        // The Deployment selector from the "Labels and Selectors" page.
        var selector = KubernetesJson.Deserialize<LabelSelector>("""
            {"matchLabels":{"component":"redis"},
             "matchExpressions":[{"key":"tier","operator":"In","values":["cache"]},
                                 {"key":"environment","operator":"NotIn","values":["dev"]}]}
            """);

        var matcher = LabelMatcher.FromSelector(selector);

        Assert.Equal("component=redis,environment notin (dev),tier in (cache)", matcher.ToString());
        Assert.True(matcher.Matches(new Dictionary<string, string> { ["component"] = "redis", ["tier"] = "cache" }));
        Assert.True(matcher.Matches(new Dictionary<string, string> { ["component"] = "redis", ["tier"] = "cache", ["environment"] = "prod" }));
        Assert.False(matcher.Matches(new Dictionary<string, string> { ["component"] = "redis", ["tier"] = "cache", ["environment"] = "dev" }));
        Assert.False(matcher.Matches(new Dictionary<string, string> { ["tier"] = "cache" }));
    }

    [Fact]
    public void LabelSelectorJson_UsesApiFieldNamesAndKeepsUnknownFields()
    {
        var json = """{"matchLabels":{"app":"web"},"matchExpressions":[{"key":"tier","operator":"In","values":["cache"],"future":1}],"futureField":true}""";

        var selector = KubernetesJson.Deserialize<LabelSelector>(json);

        Assert.Equal("web", selector.MatchLabels!["app"]);
        Assert.Equal("In", selector.MatchExpressions![0].Operator);
        Assert.Equal(json, KubernetesJson.Serialize(selector));
    }

    [Fact]
    public void FromSelector_ExistsAndDoesNotExist_CheckOnlyTheKey()
    {
        var matcher = LabelMatcher.FromSelector(new LabelSelector
        {
            MatchExpressions =
            [
                new() { Key = "partition", Operator = "Exists" },
                new() { Key = "canary", Operator = "DoesNotExist", Values = [] },
            ],
        });

        Assert.Equal("!canary,partition", matcher.ToString());
        Assert.True(matcher.Matches(new Dictionary<string, string> { ["partition"] = "a" }));
        Assert.False(matcher.Matches(new Dictionary<string, string> { ["partition"] = "a", ["canary"] = "true" }));
    }

    [Fact]
    public void FromSelector_KeepsValuesAsGivenAndPrintsThemSorted()
    {
        var matcher = LabelMatcher.FromSelector(new LabelSelector
        {
            MatchExpressions = [new() { Key = "x", Operator = "In", Values = ["b", "a", "b"] }],
        });

        Assert.Equal(["b", "a", "b"], matcher.Requirements[0].Values);
        Assert.Equal("x in (a,b,b)", matcher.ToString());
    }

    [Theory]
    [InlineData("""{"matchExpressions":[{"key":"tier","operator":"Equals","values":["a"]}]}""", "matchExpressions[0].operator: \"Equals\" is not a label selector operator; use In, NotIn, Exists or DoesNotExist")]
    [InlineData("""{"matchExpressions":[{"key":"app","operator":"Exists"},{"key":"tier","operator":"In"}]}""", "matchExpressions[1]: the in/notin requirement on \"tier\" needs at least one value")]
    [InlineData("""{"matchExpressions":[{"key":"tier","operator":"Exists","values":["a"]}]}""", "matchExpressions[0]: the exists/does-not-exist requirement on \"tier\" takes no values, not 1")]
    [InlineData("""{"matchExpressions":[{"operator":"Exists"}]}""", "matchExpressions[0]: label key \"\" has an empty name")]
    [InlineData("""{"matchLabels":{"bad key":"v"}}""", "matchLabels[\"bad key\"]: label key \"bad key\" is not valid")]
    [InlineData("""{"matchLabels":{"app":"web/1"}}""", "matchLabels[\"app\"]: label value \"web/1\" is not valid")]
    public void FromSelector_WithInvalidEntry_NamesTheEntry(string json, string message)
    {
        var error = Assert.Throws<ArgumentException>(() => LabelMatcher.FromSelector(KubernetesJson.Deserialize<LabelSelector>(json)));

        Assert.StartsWith(message, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Constructor_SortsRequirementsAndChecksThem()
    {
        var matcher = new LabelMatcher([new LabelRequirement("tier", SelectorOperator.NotIn, ["b", "a"]), new LabelRequirement("app", SelectorOperator.Equal, ["web"])]);

        Assert.Equal("app=web,tier notin (a,b)", matcher.ToString());
        Assert.Throws<ArgumentException>(() => new LabelRequirement("app", SelectorOperator.In, []));
        Assert.Throws<ArgumentException>(() => new LabelRequirement("app", SelectorOperator.Equal, ["a", "b"]));
        Assert.Throws<ArgumentException>(() => new LabelRequirement("app", SelectorOperator.GreaterThan, ["x"]));
        Assert.Throws<ArgumentException>(() => new LabelRequirement("app", SelectorOperator.Exists, ["x"]));
        Assert.Throws<ArgumentException>(() => new LabelRequirement("-app", SelectorOperator.Exists));
        Assert.Throws<ArgumentException>(() => new LabelRequirement("app", (SelectorOperator)99));
    }
}
