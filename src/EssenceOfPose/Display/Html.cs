namespace EssenceOfPose.Display;

/// <summary>An HTML fragment that notebooks display as rendered HTML (text/html) rather than as a string.</summary>
[TypeFormatterSource(typeof(FormatterSource), PreferredMimeTypes = [MimeTypes.Html])]
public sealed record Html(string Content)
{
    public override string ToString() => Content;

    internal sealed class FormatterSource
    {
        public IEnumerable<object> CreateTypeFormatters() =>
        [
            new Formatter<Html>(MimeTypes.Html, html => html.Content),
            new Formatter<Html>(MimeTypes.PlainText, html => html.Content),
        ];
    }
}
