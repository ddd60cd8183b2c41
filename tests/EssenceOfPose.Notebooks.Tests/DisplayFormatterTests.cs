using EssenceOfPose.Display;
using SomeLibrary;

namespace EssenceOfPose.Notebooks.Tests
{
    public sealed class DisplayFormatterTests
    {
        [Fact]
        public void Every_offered_mime_type_is_in_the_bundle_preferred_ones_first()
        {
            var bundle = DisplayFormatter.Format(new Shape());
            Assert.Equal(["image/svg+xml", "text/html", "text/plain"], bundle.MimeTypes);
            Assert.Equal("<b>shape</b>", bundle["text/html"]);
            Assert.Equal("a shape", bundle["text/plain"]);
        }

        [Fact]
        public void A_derived_type_uses_its_own_formatter_before_its_base_types()
        {
            var bundle = DisplayFormatter.Format(new Square());
            Assert.Equal("<b>square</b>", bundle["text/html"]);
            Assert.Equal("<svg/>", bundle["image/svg+xml"]);
        }

        [Fact]
        public void A_formatter_that_declines_leaves_the_mime_type_to_the_next_one_or_out()
        {
            var bundle = DisplayFormatter.Format(new Shape { Hidden = true });
            Assert.Null(bundle["text/html"]);
            Assert.Equal("a shape", bundle["text/plain"]);
        }

        [Fact]
        public void A_png_formatter_may_write_a_data_uri_or_wrapped_lines_and_the_bundle_holds_bare_base64()
        {
            var bundle = DisplayFormatter.Format(new WrappedPng());
            Assert.Equal("iVBORw0KGgo=", bundle["image/png"]);
        }

        [Fact]
        public void Values_without_formatters_fall_back_to_plain_text()
        {
            Assert.Equal(["text/plain"], DisplayFormatter.Format("text").MimeTypes);
            Assert.Equal("text", DisplayFormatter.Format("text")["text/plain"]);
            Assert.Equal("2.5", DisplayFormatter.Format(2.5)["text/plain"]);
            Assert.Equal("<null>", DisplayFormatter.Format(null)["text/plain"]);
            Assert.Equal("[a, null, 3]", DisplayFormatter.Format(new List<object?> { "a", null, 3 })["text/plain"]);
            Assert.Equal("[" + string.Join(", ", Enumerable.Range(0, 100)) + ", ...]", DisplayFormatter.Format(Enumerable.Range(0, 1000))["text/plain"]);
        }

        [Fact]
        public void A_formatters_exception_surfaces_as_itself() =>
            Assert.Throws<FormatException>(() => DisplayFormatter.Format(new Broken()));

        [Fact]
        public void The_core_display_types_are_found_through_their_internal_attribute()
        {
            var chart = DisplayFormatter.Format(Chart.Bar(["a", "b"], [1, 2]));
            Assert.Equal(["application/vnd.plotly.v1+json", "text/html", "text/plain"], chart.MimeTypes);
            Assert.Equal(["text/html", "text/plain"], DisplayFormatter.Format(new MetricTable("x").AddRow(1)).MimeTypes);
            Assert.Equal("<p>x</p>", DisplayFormatter.Format(new Html("<p>x</p>"))["text/html"]);
        }
    }
}

// Display types as a library outside this runner writes them: their own attribute of the
// conventional name in their own namespace, internal types, public members.
namespace SomeLibrary
{
    [AttributeUsage(AttributeTargets.Class | AttributeTargets.Struct, AllowMultiple = true, Inherited = true)]
    internal sealed class TypeFormatterSourceAttribute(Type formatterSourceType) : Attribute
    {
        public Type FormatterSourceType { get; } = formatterSourceType;
        public string[]? PreferredMimeTypes { get; set; }
    }

    internal sealed class Formatter(string mimeType, Type type, Func<object, string?> format)
    {
        public string MimeType { get; } = mimeType;
        public Type Type { get; } = type;

        public bool Format(object instance, TextWriter writer)
        {
            if (format(instance) is not { } text) return false;
            writer.Write(text);
            return true;
        }
    }

    internal sealed class ShapeFormatters
    {
        public IEnumerable<object> CreateTypeFormatters() =>
        [
            new Formatter("text/html", typeof(Shape), o => ((Shape)o).Hidden ? null : "<b>shape</b>"),
            new Formatter("text/plain", typeof(Shape), _ => "a shape"),
            new Formatter("image/svg+xml", typeof(Shape), _ => "<svg/>"),
            new Formatter("text/html", typeof(Square), _ => "<b>square</b>"),
        ];
    }

    [TypeFormatterSource(typeof(ShapeFormatters), PreferredMimeTypes = ["image/svg+xml"])]
    internal class Shape
    {
        public bool Hidden { get; init; }
    }

    internal sealed class Square : Shape;

    internal sealed class PngFormatters
    {
        public IEnumerable<object> CreateTypeFormatters() =>
            [new Formatter("image/png", typeof(WrappedPng), _ => "data:image/png;base64,iVBORw0K\nGgo=\n")];
    }

    [TypeFormatterSource(typeof(PngFormatters))]
    internal sealed class WrappedPng;

    internal sealed class BrokenFormatters
    {
        public IEnumerable<object> CreateTypeFormatters() =>
            [new Formatter("text/html", typeof(Broken), _ => throw new FormatException("bad formatter"))];
    }

    [TypeFormatterSource(typeof(BrokenFormatters))]
    internal sealed class Broken;
}
