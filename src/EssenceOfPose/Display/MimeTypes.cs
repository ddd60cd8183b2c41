namespace EssenceOfPose.Display;

/// <summary>The MIME types the suite's display types offer to notebook hosts.</summary>
internal static class MimeTypes
{
    public const string PlainText = "text/plain";
    public const string Html = "text/html";
    public const string Png = "image/png";
    public const string Plotly = "application/vnd.plotly.v1+json";
}
