using System.Collections;
using EssenceOfPose.Display;

namespace EssenceOfPose.Tests.Display;

/// <summary>The core's display types as a host sees them: an attribute found by NAME, a source
/// created by reflection, formatters bound by member names (the .NET Interactive convention).</summary>
public sealed class DisplayContractTests
{
    public static TheoryData<object, string[]> Values => new()
    {
        { new Html("<p>x</p>"), ["text/html", "text/plain"] },
        { new MetricTable("a").AddRow(1), ["text/html", "text/plain"] },
        { Chart.Line([1.0]), ["application/vnd.plotly.v1+json", "text/html", "text/plain"] },
    };

    [Theory]
    [MemberData(nameof(Values))]
    public void A_host_finds_the_formatters_by_convention(object value, string[] mimeTypes)
    {
        var attribute = Assert.Single(value.GetType().GetCustomAttributes(true), a => a.GetType().Name == "TypeFormatterSourceAttribute");
        var sourceType = (Type)attribute.GetType().GetProperty("FormatterSourceType")!.GetValue(attribute)!;
        var preferred = (string[])attribute.GetType().GetProperty("PreferredMimeTypes")!.GetValue(attribute)!;
        Assert.Equal(mimeTypes[0], preferred[0]);

        var source = Activator.CreateInstance(sourceType)!;
        var formatters = ((IEnumerable)sourceType.GetMethod("CreateTypeFormatters")!.Invoke(source, null)!).Cast<object>().ToList();
        var offered = new List<string>();
        foreach (var formatter in formatters)
        {
            var type = formatter.GetType();
            Assert.Equal(value.GetType(), (Type)type.GetProperty("Type")!.GetValue(formatter)!);
            var writer = new StringWriter();
            Assert.True((bool)type.GetMethod("Format", [typeof(object), typeof(TextWriter)])!.Invoke(formatter, [value, writer])!);
            Assert.NotEmpty(writer.ToString());
            Assert.False((bool)type.GetMethod("Format")!.Invoke(formatter, ["not this type", new StringWriter()])!);
            offered.Add((string)type.GetProperty("MimeType")!.GetValue(formatter)!);
        }
        Assert.Equal(mimeTypes, offered);
    }

    [Fact]
    public void Html_is_its_content() => Assert.Equal("<b>x</b>", new Html("<b>x</b>").ToString());
}
