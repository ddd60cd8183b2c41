using System.Globalization;
using EssenceOfPose.Data.Images;
using EssenceOfPose.Data.StreetView;

namespace EssenceOfPose.Display;

/// <summary>
/// "Example images from the dataset", as the poster shows them: the views of one target side by
/// side, each captioned with the camera's heading, pitch and distance to the target.
/// </summary>
public static class DatasetTour
{
    /// <summary>A target's views as a captioned grid, in file-name order, at full size.</summary>
    public static ImageGrid Target(Target target, int columns = 0)
    {
        var views = target.Views.OrderBy(v => v.Name.Stem, StringComparer.Ordinal).ToArray();
        var images = views.Select(v => RgbImage.Decode(v.Image.ReadAllBytes(), v.Image.Description)).ToArray();
        var captions = views.Select(v => string.Create(CultureInfo.InvariantCulture,
            $"{v.Name.Stem}\nheading {v.Record.Heading:F1}°  pitch {v.Record.Pitch:F1}°\ndistance {v.Record.Distance:F1} m")).ToArray();
        return new ImageGrid(images, captions, columns) { Title = $"target {target.Key}: {views.Length} views" };
    }

    /// <summary>The target with the given id: the TargetID of the file names, or DATASET/TARGET when several datasets share a folder.</summary>
    public static Target Find(StreetViewDataset dataset, string targetId)
    {
        var matches = dataset.Targets.Where(t => t.Key.ToString() == targetId || t.Views[0].Name.TargetId == targetId).ToArray();
        return matches.Length switch
        {
            1 => matches[0],
            0 => throw new ArgumentException($"{dataset.Root}: no target '{targetId}'; the first targets are {string.Join(", ", dataset.Targets.Take(5).Select(t => t.Key))}"),
            _ => throw new ArgumentException($"{dataset.Root}: target id '{targetId}' is ambiguous across datasets ({string.Join(", ", matches.Select(m => m.Key))}); give DATASET/TARGET"),
        };
    }
}
