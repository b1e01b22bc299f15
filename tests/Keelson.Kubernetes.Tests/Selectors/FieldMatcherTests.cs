using Keelson.Kubernetes.Resources;
using Keelson.Kubernetes.Selectors;

namespace Keelson.Kubernetes.Tests.Selectors;

public class FieldMatcherTests
{
    public static TheoryData<string, string, string> Cases { get; } = TestDataTable.ThreeColumns("selectors/fields.txt");

    public static TheoryData<string, string> CanonicalForms { get; } = TestDataTable.TwoColumns("selectors/fields-canonical.txt");

    [Theory]
    [MemberData(nameof(Cases))]
    public void Parse_MatchesFieldsOrSaysWhereTheSelectorIsWrong(string selector, string fields, string expected)
    {
        if (expected.StartsWith("error: ", StringComparison.Ordinal))
        {
            var error = Assert.Throws<FormatException>(() => FieldMatcher.Parse(selector));
            Assert.StartsWith($"field selector \"{selector}\" is not valid ", error.Message, StringComparison.Ordinal);
            Assert.Contains(expected["error: ".Length..], error.Message, StringComparison.Ordinal);
            Assert.False(FieldMatcher.TryParse(selector, out _));
            return;
        }

        var matcher = FieldMatcher.Parse(selector);
        var values = KubernetesJson.Deserialize<Dictionary<string, string>>(fields);

        Assert.Equal(expected == "match", matcher.Matches(field => values.GetValueOrDefault(field)));
        Assert.Equal(matcher.ToString(), FieldMatcher.Parse(matcher.ToQueryValue()).ToString());
    }

    [Theory]
    [MemberData(nameof(CanonicalForms))]
    public void ToString_WritesTheCanonicalTextWhichParsesBackUnchanged(string selector, string canonical)
    {
        var matcher = FieldMatcher.Parse(selector);

        Assert.Equal(canonical, matcher.ToString());
        Assert.Equal(canonical, matcher.ToQueryValue());
        Assert.Equal(canonical, FieldMatcher.Parse(canonical).ToString());
    }

    [Fact]
    public void Parse_OrdersTermsByTheirRawTextAsApimachineryDoes()
    {
        // '=' sorts before 'a', so "b==x" comes first; the text it prints then sorts the other way when parsed again.
        Assert.Equal("b=x,b=a", FieldMatcher.Parse("b==x,b=a").ToString());
        Assert.Equal("b=a,b=x", FieldMatcher.Parse("b=x,b=a").ToString());
    }

    [Fact]
    public void Requirements_ExposeFieldOperatorAndUnescapedValue()
    {
        var matcher = FieldMatcher.Parse(@"status.phase!=Failed,metadata.name==a\,b");

        Assert.Collection(
            matcher.Requirements,
            r => Assert.Equal(("metadata.name", SelectorOperator.Equal, "a,b"), (r.Field, r.Operator, r.Value)),
            r => Assert.Equal(("status.phase", SelectorOperator.NotEqual, "Failed"), (r.Field, r.Operator, r.Value)));
    }

    [Fact]
    public void TryGetExactMatch_GivesTheValueAnEqualityRequirementDemands()
    {
        var matcher = FieldMatcher.Parse("spec.nodeName=node-1,status.phase!=Failed,metadata.name==web-0");

        Assert.True(matcher.TryGetExactMatch("spec.nodeName", out var node));
        Assert.Equal("node-1", node);
        Assert.True(matcher.TryGetExactMatch("metadata.name", out var name));
        Assert.Equal("web-0", name);
        Assert.False(matcher.TryGetExactMatch("status.phase", out _));
        Assert.False(matcher.TryGetExactMatch("metadata.namespace", out _));
    }

    [Fact]
    public void Constructor_EscapesValuesAndOrdersTermsCanonically()
    {
        var matcher = new FieldMatcher(
        [
            new FieldRequirement("status.phase", SelectorOperator.NotEqual, "Succeeded"),
            new FieldRequirement("metadata.name", SelectorOperator.DoubleEqual, @"a,b=c\d"),
        ]);

        Assert.Equal(@"metadata.name=a\,b\=c\\d,status.phase!=Succeeded", matcher.ToQueryValue());
        Assert.True(matcher.Matches(f => f == "metadata.name" ? @"a,b=c\d" : "Running"));
        Assert.Equal(@"a,b=c\d", FieldMatcher.Parse(matcher.ToQueryValue()).Requirements[0].Value);
        var error = Assert.Throws<ArgumentException>(() => new FieldRequirement("status.phase", SelectorOperator.In, "x"));
        Assert.Contains("only =, == and !=", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Everything_MatchesAnyObject()
    {
        Assert.True(FieldMatcher.Everything.IsEverything);
        Assert.True(FieldMatcher.Everything.Matches(_ => null));
        Assert.Equal("", FieldMatcher.Everything.ToQueryValue());
        Assert.True(FieldMatcher.Parse(",,").IsEverything);
    }

    [Theory]
    [InlineData(@"a\b", @"a\\b")]
    [InlineData("a,b", @"a\,b")]
    [InlineData("a=b", @"a\=b")]
    [InlineData("plain", "plain")]
    public void EscapeValue_BackslashesTheCharactersTheSyntaxUses(string value, string escaped)
    {
        Assert.Equal(escaped, FieldMatcher.EscapeValue(value));
    }
}
