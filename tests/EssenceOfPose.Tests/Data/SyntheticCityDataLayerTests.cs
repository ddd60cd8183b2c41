using System.Numerics;
using EssenceOfPose.Data.Pairs;
using EssenceOfPose.Data.StreetView;
using EssenceOfPose.Data.SyntheticCity;

namespace EssenceOfPose.Tests.Data;

/// <summary>The synthetic city read back through the data layer: the loader and the pose conventions agree with the scene.</summary>
public sealed class SyntheticCityDataLayerTests : IDisposable
{
    private static readonly SyntheticCityOptions Options = SyntheticCityGeometryTests.Small with { Targets = 12, ImageSize = 48 };

    private readonly string _root = Directory.CreateTempSubdirectory("eop-city-load-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [Fact]
    public void StrictLoaderReadsEveryViewGroupedByTarget()
    {
        var result = SyntheticCityGenerator.Generate(Options, _root);
        var dataset = StreetViewDataset.Load(_root, LoadOptions.Strict);
        Assert.Equal(result.Images, dataset.Views.Count);
        Assert.Equal(result.Targets, dataset.Targets.Count);
        Assert.All(dataset.Targets, t => Assert.InRange(t.Views.Count, Options.ViewsMin, Options.ViewsMax));
        var image = dataset.Views[0].Image;
        Assert.NotNull(image);
    }

    [Fact]
    public void TheDataLayersCameraFrameSeesTheTargetStraightAhead()
    {
        var plan = SyntheticCityPlan.Create(Options);
        foreach (var view in plan.Views)
        {
            var r = ViewRecords.Create(plan, view);
            var toTarget = view.Target.Point - view.Pose.Position;
            var (x, y, z) = CameraFrame.CameraToWorld(r.Heading, r.Pitch, r.Roll).Transpose().Apply(toTarget.X, toTarget.Y, toTarget.Z);
            Assert.Equal(0, x, 1e-4);
            Assert.Equal(0, y, 1e-4);
            Assert.Equal(r.Distance, z, 1e-4);
        }
    }

    [Fact]
    public void RelativeTranslationMatchesTheSceneInCameraOnesFrame()
    {
        var plan = SyntheticCityPlan.Create(Options);
        var checkedPairs = 0;
        foreach (var group in plan.Views.GroupBy(v => v.Target.Index))
        {
            var views = group.ToList();
            for (var i = 0; i + 1 < views.Count; i++)
            {
                var (a, b) = (views[i], views[i + 1]);
                var pose = RelativePose.Between(ViewRecords.Create(plan, a), ViewRecords.Create(plan, b));
                var (forward, right, up) = a.Pose.Basis();
                var offset = b.Pose.Position - a.Pose.Position;
                // Camera frame: x right, y down, z forward. Equirectangular with mean vs origin latitude differ by millimetres.
                Assert.Equal(Vector3.Dot(offset, right), pose.Translation.X, 5e-3);
                Assert.Equal(-Vector3.Dot(offset, up), pose.Translation.Y, 5e-3);
                Assert.Equal(Vector3.Dot(offset, forward), pose.Translation.Z, 5e-3);
                checkedPairs++;
            }
        }
        Assert.True(checkedPairs >= Options.Targets);
    }
}
