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
