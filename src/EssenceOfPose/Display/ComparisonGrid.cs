using EssenceOfPose.Data.Images;

namespace EssenceOfPose.Display;

/// <summary>One column of a <see cref="ComparisonGrid"/>: a header, one picture per row, and optional per-row notes.</summary>
public sealed record GridColumn(string Header, IReadOnlyList<RgbImage> Images, IReadOnlyList<string>? Notes = null);

/// <summary>
/// The side-by-side figure of the experiments: one row per example, one column per way of
/// seeing it (original | from conv4 | from fc5; image | saliency; original | dream at each
/// layer). Each cell is captioned with its column's header and, where given, its own note.
/// </summary>
internal static class ComparisonGrid
{
    public static ImageGrid Of(IReadOnlyList<GridColumn> columns, string? title = null, int scale = 1)
    {
        if (columns.Count == 0) throw new ArgumentException("no columns", nameof(columns));
        var rows = columns[0].Images.Count;
        foreach (var c in columns)
        {
            if (c.Images.Count != rows) throw new ArgumentException($"column '{c.Header}' has {c.Images.Count} pictures, column '{columns[0].Header}' {rows}");
            if (c.Notes is not null && c.Notes.Count != rows) throw new ArgumentException($"column '{c.Header}' has {c.Notes.Count} notes for {rows} pictures");
        }
        var images = new List<RgbImage>(rows * columns.Count);
        var captions = new List<string>(rows * columns.Count);
        for (var r = 0; r < rows; r++)
        {
            foreach (var c in columns)
            {
                images.Add(c.Images[r]);
                captions.Add(c.Notes is null ? c.Header : c.Header + "\n" + c.Notes[r]);
            }
        }
        return new ImageGrid(images, captions, columns.Count) { Title = title, Scale = scale };
    }
}
