using EssenceOfPose.Data.Images;
using SkiaSharp;

namespace EssenceOfPose.Display;

/// <summary>
/// Images in a grid with a caption under each (several lines with '\n') and an optional title,
/// drawn into one picture on a SkiaSharp canvas (cells magnified nearest-neighbour, captions in
/// <see cref="TrueTypeText"/>'s font): the figure type of the suite. Notebooks show it as
/// image/png; <see cref="Save"/> writes the same picture.
/// </summary>
[TypeFormatterSource(typeof(FormatterSource), PreferredMimeTypes = [MimeTypes.Png])]
public sealed record ImageGrid
{
    public ImageGrid(IReadOnlyList<RgbImage> images, IReadOnlyList<string>? captions = null, int columns = 0)
    {
        if (images.Count == 0) throw new ArgumentException("an image grid needs at least one image");
        if (captions is not null && captions.Count != images.Count)
            throw new ArgumentException($"{images.Count} images but {captions.Count} captions");
        Images = images;
        Captions = captions;
        Columns = columns > 0 ? columns : Math.Min(images.Count, 8);
    }

    public IReadOnlyList<RgbImage> Images { get; }
    public IReadOnlyList<string>? Captions { get; }
    public int Columns { get; }
    /// <summary>Integer magnification of every cell (nearest neighbour, so pixels stay pixels).</summary>
    public int Scale { get; init; } = 1;
    public string? Title { get; init; }
    public float FontPixels { get; init; } = 12;

    /// <summary>The grid as one image.</summary>
    public RgbImage Render()
    {
        const int gap = 6;
        var font = TrueTypeText.Get(FontPixels);
        var lineHeight = (int)Math.Ceiling(FontPixels * 1.25);
        var cellW = Images.Max(i => i.Width) * Scale;
        var cellH = Images.Max(i => i.Height) * Scale;
        var captionLines = Captions?.Max(c => c.Split('\n').Length) ?? 0;
        if (Captions is not null) cellW = Math.Max(cellW, Captions.SelectMany(c => c.Split('\n')).Max(font.Measure));
        var titleH = Title is null ? 0 : lineHeight + gap;
        var rows = (Images.Count + Columns - 1) / Columns;
        var rowH = cellH + captionLines * lineHeight + gap;
        var width = Columns * (cellW + gap) + gap;
        var height = titleH + rows * rowH + gap;
        using var bitmap = new SKBitmap(SkiaPixels.OpaqueRgba(width, height));
        using (var canvas = new SKCanvas(bitmap))
        {
            canvas.Clear(SKColors.White);
            if (Title is not null) font.Draw(canvas, gap, gap / 2, Title, SKColors.Black);
            var nearest = new SKSamplingOptions(SKFilterMode.Nearest);
            var captionColour = new SKColor(40, 40, 40);
            for (var k = 0; k < Images.Count; k++)
            {
                var x0 = gap + (k % Columns) * (cellW + gap);
                var y0 = titleH + gap + (k / Columns) * rowH;
                var image = Images[k];
                var left = x0 + (cellW - image.Width * Scale) / 2;
                using (var cell = SkiaPixels.ToSkImage(image))
                    canvas.DrawImage(cell, SKRect.Create(left, y0, image.Width * Scale, image.Height * Scale), nearest, null);
                if (Captions is null) continue;
                var lines = Captions[k].Split('\n');
                for (var l = 0; l < lines.Length; l++)
                    font.Draw(canvas, x0, y0 + cellH + 2 + l * lineHeight, lines[l], captionColour);
            }
        }
        return SkiaPixels.ToRgbImage(bitmap);
    }

    /// <summary>Writes the rendered grid as PNG.</summary>
    public void Save(string path) => Render().SavePng(path);

    internal sealed class FormatterSource
    {
        public IEnumerable<object> CreateTypeFormatters() =>
        [
            new Formatter<ImageGrid>(MimeTypes.Png, g => Convert.ToBase64String(g.Render().EncodePng())),
            new Formatter<ImageGrid>(MimeTypes.PlainText, g => $"ImageGrid({g.Images.Count} images{(g.Title is null ? "" : ": " + g.Title)})"),
        ];
    }
}
