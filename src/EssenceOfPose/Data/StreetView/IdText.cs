namespace EssenceOfPose.Data.StreetView;

/// <summary>
/// The dataset's ids (DatasetID, ImageID, ViewID, TargetID, PatchID, StreetViewID) are integers
/// written in decimal, the DatasetID zero-padded (<c>0011</c>). They are kept as the text that was
/// written, so that a name or a <c>.txt</c> line is reproduced byte for byte; <see cref="Value"/>
/// compares them as numbers (<c>0045</c> and <c>45</c> are the same target).
/// </summary>
internal static class IdText
{
    /// <summary>18 digits always fit a <see cref="long"/>.</summary>
    public const int MaxDigits = 18;

    public static bool IsValid(string text)
    {
        if (text.Length is 0 or > MaxDigits) return false;
        foreach (var c in text)
            if (c is < '0' or > '9') return false;
        return true;
    }

    public static long Value(string text) => IsValid(text)
        ? long.Parse(text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture)
        : throw new FormatException($"'{text}' is not an id of 1 to {MaxDigits} decimal digits");

    public const string Expectation = "an integer id of 1 to 18 decimal digits";
}
