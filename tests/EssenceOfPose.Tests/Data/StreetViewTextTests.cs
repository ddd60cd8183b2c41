using EssenceOfPose.Data.StreetView;

namespace EssenceOfPose.Tests.Data;

public class StreetViewTextTests
{
    internal static StreetViewRecord Sample(bool aligned) => new()
    {
        DatasetId = "0011",
        TargetId = "45",
        PatchId = "7",
        StreetViewId = "123456",
        TargetLat = 40.441923456789012,
        TargetLon = -79.99601234567891,
        TargetHeight = 267.25,
        TargetNormal = new Vec3(0.7071067811865476, -0.7071067811865475, 0),
        CameraLat = 40.44181,
        CameraLon = -79.99623,
        CameraHeight = 262.5,
        Distance = 22.123456789,
        Heading = 57.300000000000004,
        Pitch = -3.1,
        Roll = 0,
        Alignment = aligned
            ? new StreetViewAlignment
            {
                CorrectedCentre = new Point2(320.5, 318.25),
                Warp = new Matrix3(1.01, 0.02, -3.5, -0.01, 0.99, 2.25, 1e-5, -2e-5, 1),
                BoundingBox = new Quad2(new(10, 12), new(630, 11), new(629, 628), new(11, 630)),
                Registration = Matrix3.Identity,
                SiftFlowEnergy = 1234567,
                RansacInlierRatio = 0.8125,
                Similarity = 0.1 + 0.2,
                Distortion = 1.0000000000000002,
                CorrectedBoundingBox = new Quad2(new(9.5, 12), new(631, 10), new(628.75, 629), new(12, 631)),
            }
            : null,
    };

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void WriteThenParseGivesEqualRecord(bool aligned)
    {
        var r = Sample(aligned);
        var text = StreetViewText.Write(r);
        var back = StreetViewText.Parse("x/0011_1_1_45.txt", text);
        Assert.Equal(r, back);
        Assert.Equal(text, StreetViewText.Write(back));
        Assert.Equal(aligned ? 2 : 1, text.Count(c => c == '\n'));
    }
}

public class StreetViewTextErrorTests
{
    private const string Good = "d 0001 45 7 123 40.1 -79.9 262 0 -1 0 40.09 -79.91 260 22.1 57.3 -3.1 0";

    [Fact]
    public void BadNumberNamesFileLineFieldAndText()
    {
        var e = Assert.Throws<StreetViewFormatException>(() =>
            StreetViewText.Parse("a/b/0001_12_3_45.txt", Good.Replace(" 57.3 ", " abc ")));
        Assert.Equal("a/b/0001_12_3_45.txt line 1, field 'heading': expected a number, got 'abc'", e.Message);
        Assert.Equal(("a/b/0001_12_3_45.txt", 1, "heading"), (e.File, e.Line, e.Field));
    }

    [Fact]
    public void WrongCountOfDataFieldsSaysHowManyAreExpected()
    {
        var e = Assert.Throws<StreetViewFormatException>(() => StreetViewText.Parse("x.txt", Good[..Good.LastIndexOf(' ')]));
        Assert.Equal("x.txt line 1, field 'd': expected 17 values after 'd', got 16", e.Message);
    }

    [Fact]
    public void WrongCountOfAlignmentFieldsSaysHowManyAreExpected()
    {
        var a = "a " + string.Join(' ', Enumerable.Repeat("1", 39));
        var e = Assert.Throws<StreetViewFormatException>(() => StreetViewText.Parse("x.txt", Good + "\n" + a + "\n"));
        Assert.Equal("x.txt line 2, field 'a': expected 40 values after 'a', got 39", e.Message);
    }

    [Fact]
    public void AlignmentEnergyMustBeAnInteger()
    {
        var values = Enumerable.Repeat("1", 40).ToArray();
        values[28] = "12.5"; // 2 + 9 + 8 + 9 values come before the SIFT-flow energy
        var e = Assert.Throws<StreetViewFormatException>(() => StreetViewText.Parse("x.txt", Good + "\na " + string.Join(' ', values)));
        Assert.Equal("x.txt line 2, field 'siftFlowEnergy': expected an integer, got '12.5'", e.Message);
    }

    [Fact]
    public void UnknownLinePrefixIsRejectedWithItsLine()
    {
        var e = Assert.Throws<StreetViewFormatException>(() => StreetViewText.Parse("x.txt", Good + "\nx 1 2 3\n"));
        Assert.Equal("x.txt line 2, field 'prefix': expected a line starting with 'd' or 'a', got 'x'", e.Message);
    }

    [Theory]
    [InlineData("", 1, "prefix")]
    [InlineData("a 1\n", 1, "prefix")]
    [InlineData(Good + "\n" + Good, 2, "prefix")]
    [InlineData("d 00x1 45 7 123 40.1 -79.9 262 0 -1 0 40.09 -79.91 260 22.1 57.3 -3.1 0", 1, "datasetId")]
    [InlineData("d 0001 45 7 123 40.1 -79.9 262 0 -1 0,5 40.09 -79.91 260 22.1 57.3 -3.1 0", 1, "targetNormal.z")]
    public void OtherMalformedTextNamesTheField(string text, int line, string field)
    {
        var e = Assert.Throws<StreetViewFormatException>(() => StreetViewText.Parse("f.txt", text));
        Assert.Equal((line, field), (e.Line, e.Field));
        Assert.StartsWith($"f.txt line {line}, field '{field}': expected ", e.Message);
    }

    [Fact]
    public void ToleratesCrLfTabsAndTrailingBlankLines()
    {
        var r = StreetViewText.Parse("f.txt", Good.Replace(' ', '\t') + "\r\n\r\n");
        Assert.Equal(57.3, r.Heading);
        Assert.Equal(new Vec3(0, -1, 0), r.TargetNormal);
        Assert.Null(r.Alignment);
    }

    [Theory]
    [InlineData(" 22.1 ", " Inf ", "distance")]
    [InlineData(" 22.1 ", " -inf ", "distance")]
    [InlineData(" 22.1 ", " -5 ", "distance")]
    [InlineData(" -3.1 ", " NaN ", "pitch")]
    [InlineData(" -3.1 ", " 91 ", "pitch")]
    [InlineData(" 40.1 ", " 90.5 ", "targetLat")]
    [InlineData(" -79.9 ", " NaN ", "targetLon")]
    [InlineData(" -79.91 ", " -181 ", "cameraLon")]
    [InlineData(" 40.09 ", " Infinity ", "cameraLat")]
    [InlineData(" 57.3 ", " 1e300 ", "heading")]
    [InlineData(" 262 ", " -Infinity ", "targetHeight")]
    public void RefusesNonFiniteAndOutOfRangeValuesNamingTheField(string from, string to, string field)
    {
        var e = Assert.Throws<StreetViewFormatException>(() => StreetViewText.Parse("f.txt", Good.Replace(from, to)));
        Assert.Equal((1, field), (e.Line, e.Field));
        Assert.StartsWith($"f.txt line 1, field '{field}': expected a", e.Message);
    }

    [Fact]
    public void RoundTripsAwkwardDoublesBitForBit()
    {
        var rng = new Random(7);
        for (var i = 0; i < 200; i++)
        {
            // Within the d line's ranges (a heading under 360°), down to subnormals; the a line takes any double.
            var x = rng.NextDouble() * Math.Pow(10, rng.Next(-300, 3)) * (rng.Next(2) == 0 ? -1 : 1);
            var y = rng.NextDouble() * Math.Pow(10, rng.Next(-300, 300)) * (rng.Next(2) == 0 ? -1 : 1);
            var sample = StreetViewTextTests.Sample(true);
            var r = sample with { Heading = x, TargetLat = -x / 4, Pitch = double.Epsilon * i, Alignment = sample.Alignment! with { Similarity = y } };
            var back = StreetViewText.Parse("f.txt", StreetViewText.Write(r));
            Assert.Equal(BitConverter.DoubleToInt64Bits(r.Heading), BitConverter.DoubleToInt64Bits(back.Heading));
            Assert.Equal(r, back);
        }
    }

    [Fact]
    public void WriterRefusesIdsThatCouldNotBeReadBack()
    {
        var r = StreetViewTextTests.Sample(false) with { TargetId = "4 5" };
        Assert.Throws<ArgumentException>(() => StreetViewText.Write(r));
    }
}
