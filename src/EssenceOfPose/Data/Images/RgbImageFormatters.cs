using EssenceOfPose.Display;

namespace EssenceOfPose.Data.Images;

/// <summary>Notebook display of an image: PNG (base64, as .NET Interactive expects) and a text line.</summary>
internal sealed class RgbImageFormatters
{
    public IEnumerable<object> CreateTypeFormatters() =>
    [
        new Formatter<RgbImage>(MimeTypes.Png, i => Convert.ToBase64String(i.EncodePng())),
        new Formatter<RgbImage>(MimeTypes.PlainText, i => $"RgbImage({i.Width}×{i.Height})"),
    ];
}
