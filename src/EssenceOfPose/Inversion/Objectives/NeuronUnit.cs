using System.Globalization;
using System.Text.RegularExpressions;
using EssenceOfPose.Models;

namespace EssenceOfPose.Inversion;

/// <summary>
/// One unit of a tap: index <see cref="Channel"/> of a fully connected blob ("fc5[17]"), or channel
/// <see cref="Channel"/> at row <see cref="Y"/>, column <see cref="X"/> of a convolutional blob
/// ("conv3[5]@(10,10)"). The string form is what figures label images with, and parses back.
/// </summary>
public sealed partial record NeuronUnit(TapName Tap, int Channel, int? Y = null, int? X = null)
{
    /// <summary>A unit of a fully connected tap.</summary>
    public static NeuronUnit Fc(TapName tap, int index) => new(tap, index);

    /// <summary>A unit of a convolutional tap at (y, x).</summary>
    public static NeuronUnit Conv(TapName tap, int channel, int y, int x) => new(tap, channel, y, x);

    public bool IsSpatial => Y is not null;

    public override string ToString() =>
        Y is { } y && X is { } x ? $"{Tap}[{Channel}]@({y},{x})" : $"{Tap}[{Channel}]";

    /// <summary>Reads "fc5[17]", "fc5:pre[17]" or "conv3[5]@(10,10)".</summary>
    public static NeuronUnit Parse(string text)
    {
        var m = Pattern().Match(text.Trim());
        if (!m.Success) throw new FormatException($"unit '{text}': expected TAP[INDEX] such as fc5[17], or TAP[CHANNEL]@(Y,X) such as conv3[5]@(10,10)");
        var tap = TapName.Parse(m.Groups["tap"].Value);
        var c = int.Parse(m.Groups["c"].Value, CultureInfo.InvariantCulture);
        return m.Groups["y"].Success
            ? new NeuronUnit(tap, c, int.Parse(m.Groups["y"].Value, CultureInfo.InvariantCulture), int.Parse(m.Groups["x"].Value, CultureInfo.InvariantCulture))
            : new NeuronUnit(tap, c);
    }

    /// <summary>The position of this unit in the tap's blob flattened per image; checks it exists.</summary>
    internal long FlatIndex(long[] tapShape)
    {
        if (Y is null != X is null) throw new ArgumentException($"unit {this}: give both Y and X or neither");
        switch (tapShape.Length)
        {
            case 2:
                if (IsSpatial) throw new ArgumentException($"unit {this}: {Tap} is fully connected (shape [{string.Join(", ", tapShape)}]); give no (y, x)");
                Check(Channel, tapShape[1], "index");
                return Channel;
            case 4:
                if (!IsSpatial) throw new ArgumentException($"unit {this}: {Tap} is convolutional (shape [{string.Join(", ", tapShape)}]); give (y, x), e.g. the centre ({tapShape[2] / 2},{tapShape[3] / 2})");
                Check(Channel, tapShape[1], "channel");
                Check(Y!.Value, tapShape[2], "row");
                Check(X!.Value, tapShape[3], "column");
                return (Channel * tapShape[2] + Y.Value) * tapShape[3] + X.Value;
            default:
                throw new ArgumentException($"unit {this}: tap {Tap} has shape [{string.Join(", ", tapShape)}]; expected [N, C] or [N, C, H, W]");
        }
    }

    void Check(int value, long size, string what)
    {
        if (value < 0 || value >= size) throw new ArgumentOutOfRangeException(what, value, $"unit {this}: {what} out of range 0..{size - 1}");
    }

    [GeneratedRegex(@"^(?<tap>[^\[\]@]+)\[(?<c>\d+)\](@\((?<y>\d+),\s*(?<x>\d+)\))?$")]
    private static partial Regex Pattern();
}
