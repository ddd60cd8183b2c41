namespace EssenceOfPose.Notebooks;

// One displayed value in every representation its formatters offered, in the order a host
// should prefer them. Text is what the formatter wrote: base64 for image/png, JSON for *+json.
internal sealed record MimeBundle(IReadOnlyList<KeyValuePair<string, string>> Entries)
{
    public const string PlainText = "text/plain";
    public const string Html = "text/html";
    public const string Png = "image/png";
    public const string Plotly = "application/vnd.plotly.v1+json";

    public string? this[string mimeType] => Entries.FirstOrDefault(e => e.Key == mimeType).Value;

    public IEnumerable<string> MimeTypes => Entries.Select(e => e.Key);

    public static MimeBundle PlainTextOnly(string text) => new([new(PlainText, text)]);
}
