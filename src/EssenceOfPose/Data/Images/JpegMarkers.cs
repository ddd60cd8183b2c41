namespace EssenceOfPose.Data.Images;

/// <summary>
/// Walks a JPEG's marker segments to tell whether it is complete: a complete JPEG reaches its
/// end-of-image marker (FF D9) after its last scan. libjpeg-turbo, under SkiaSharp's codec, decodes
/// a JPEG cut short by padding the missing entropy-coded data (grey blocks) and reports only
/// "incomplete input"; older stb_image versions did the same silently. The walk runs before any
/// pixel is decoded, so a cut file is refused cheaply and the reason names the missing marker.
/// </summary>
internal static class JpegMarkers
{
    public static bool LooksLikeJpeg(ReadOnlySpan<byte> data) =>
        data.Length >= 3 && data[0] == 0xFF && data[1] == 0xD8 && data[2] == 0xFF;

    /// <summary>True when the marker walk from SOI reaches EOI inside <paramref name="data"/>.</summary>
    public static bool ReachesEndOfImage(ReadOnlySpan<byte> data)
    {
        if (!LooksLikeJpeg(data)) return false;
        var i = 2;
        while (true)
        {
            while (i < data.Length && data[i] != 0xFF) i++;   // tolerate junk between segments
            while (i < data.Length && data[i] == 0xFF) i++;   // fill bytes before a marker code
            if (i >= data.Length) return false;
            var marker = data[i++];
            if (marker == 0xD9) return true;
            if (marker is 0x01 or (>= 0xD0 and <= 0xD7)) continue; // markers without a length
            if (i + 2 > data.Length) return false;
            i += (data[i] << 8) | data[i + 1];
            if (marker == 0xDA && !SkipEntropyCodedData(data, ref i)) return false;
        }
    }

    /// <summary>Moves <paramref name="i"/> to the next marker after a scan; false when the data ends first.</summary>
    private static bool SkipEntropyCodedData(ReadOnlySpan<byte> data, ref int i)
    {
        while (i + 1 < data.Length)
        {
            if (data[i] != 0xFF) { i++; continue; }
            var next = data[i + 1];
            if (next == 0x00 || next is >= 0xD0 and <= 0xD7) { i += 2; continue; } // stuffed byte, restart marker
            if (next == 0xFF) { i++; continue; }
            return true;
        }
        return false;
    }
}
