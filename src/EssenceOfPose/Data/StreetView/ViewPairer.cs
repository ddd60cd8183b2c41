namespace EssenceOfPose.Data.StreetView;

/// <summary>A view found by a scan, or the reason a record was rejected.</summary>
internal readonly record struct ScanResult(DatasetView? View, StreetViewFormatException? Problem);

/// <summary>
/// Pairs each <c>.jpg</c> with the <c>.txt</c> of the same stem inside one folder (or one folder of
/// an archive), as the dataset's README lays them out, and turns each pair into a
/// <see cref="DatasetView"/>. Halves may arrive in any order; <see cref="Flush"/> reports the ones
/// left without a partner.
/// </summary>
internal sealed class ViewPairer(LoadOptions options)
{
    private readonly Dictionary<string, Half> _pending = new(StringComparer.Ordinal);

    /// <summary>Adds the text half; returns a result when its image has already been seen.</summary>
    public ScanResult? AddText(string folderKey, string stem, string origin, string text) =>
        Add(folderKey, stem, new Half(origin, text, null));

    /// <summary>Adds the image half; returns a result when its text has already been seen.</summary>
    public ScanResult? AddImage(string folderKey, string stem, ImageSource image) =>
        Add(folderKey, stem, new Half(image.Description, null, image));

    /// <summary>One problem per half still waiting for its partner, in a stable order.</summary>
    public IEnumerable<ScanResult> Flush()
    {
        foreach (var (_, half) in _pending.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            var (expected, got) = half.Text is null
                ? ("the .txt with the same name", "a .jpg alone")
                : ("the .jpg with the same name", "a .txt alone");
            yield return new ScanResult(null, new StreetViewFormatException(half.Origin, 0, "pair", expected, got));
        }
        _pending.Clear();
    }

    private ScanResult? Add(string folderKey, string stem, Half half)
    {
        var key = folderKey + "\n" + stem;
        if (!_pending.Remove(key, out var other))
        {
            _pending[key] = half;
            return null;
        }
        if ((other.Text is null) == (half.Text is null))
            return new ScanResult(null, new StreetViewFormatException(half.Origin, 0, "name", "one file of each stem and extension", "a duplicate"));
        var text = half.Text is null ? other : half;
        var image = half.Image is null ? other.Image! : half.Image;
        return Build(text.Origin, text.Text!, image);
    }

    private ScanResult Build(string textOrigin, string text, ImageSource image)
    {
        try
        {
            var name = StreetViewName.Parse(textOrigin);
            var record = StreetViewText.Parse(textOrigin, text);
            if (options.CheckNameAgainstRecord)
            {
                if (record.Target.DatasetId != name.Target.DatasetId)
                    throw new StreetViewFormatException(textOrigin, 1, "datasetId", $"the file name's DatasetID {name.DatasetId}", record.DatasetId);
                if (record.Target.TargetId != name.Target.TargetId)
                    throw new StreetViewFormatException(textOrigin, 1, "targetId", $"the file name's TargetID {name.TargetId}", record.TargetId);
            }
            return new ScanResult(new DatasetView(name, record, image, textOrigin), null);
        }
        catch (StreetViewFormatException e)
        {
            return new ScanResult(null, e);
        }
    }

    private sealed record Half(string Origin, string? Text, ImageSource? Image);
}
