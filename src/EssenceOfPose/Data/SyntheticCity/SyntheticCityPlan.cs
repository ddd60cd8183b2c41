using System.Globalization;
using System.Numerics;
using EssenceOfPose.Data.StreetView;

namespace EssenceOfPose.Data.SyntheticCity;

/// <summary>One image to render: its target, the panorama it is taken from, its ids and its pose.</summary>
internal sealed record PlannedView(TargetPlan Target, int Panorama, StreetViewName Name, CameraPose Pose);

/// <summary>
/// The city and every view of every target, with ids: TargetID = target index + 1, StreetViewID =
/// panorama index + 1, PatchID numbered 1, 2, … over targets then their views. In the file name
/// <c>&lt;DatasetID&gt;_&lt;ImageID&gt;_&lt;ViewID&gt;_&lt;TargetID&gt;</c>, ImageID is the PatchID
/// and ViewID the StreetViewID (the README names both pairs without saying how they map).
/// Targets are planned in parallel; ids are then assigned in target order, so the plan is the
/// same for any thread count.
/// </summary>
internal sealed class SyntheticCityPlan
{
    private SyntheticCityPlan(CityModel city, SyntheticCityOptions options, TargetPlan[] targets, PlannedView[] views)
    {
        City = city;
        Options = options;
        Targets = targets;
        Views = views;
    }

    public CityModel City { get; }
    public SyntheticCityOptions Options { get; }
    public IReadOnlyList<TargetPlan> Targets { get; }
    public IReadOnlyList<PlannedView> Views { get; }

    public string DatasetId => Options.DatasetId.ToString("D4", CultureInfo.InvariantCulture);

    public static SyntheticCityPlan Create(SyntheticCityOptions options, int maxDegreeOfParallelism = -1, CancellationToken cancel = default)
    {
        options = CityVarieties.Resolve(options);
        var city = CityGenerator.Generate(options);
        var targets = new TargetPlan[options.Targets];
        Parallel.For(0, targets.Length, new ParallelOptions { MaxDegreeOfParallelism = maxDegreeOfParallelism, CancellationToken = cancel },
            i => targets[i] = StreetViewPlanner.Plan(city, options, i));
        var dataset = options.DatasetId.ToString("D4", CultureInfo.InvariantCulture);
        var views = new List<PlannedView>();
        foreach (var t in targets)
        {
            foreach (var panorama in t.Panoramas)
            {
                var camera = new Vector3(city.Panoramas[panorama], (float)options.CameraHeight);
                var name = new StreetViewName(dataset, Id(views.Count + 1), Id(panorama + 1), Id(t.Index + 1));
                views.Add(new PlannedView(t, panorama, name, CameraPose.LookAt(camera, t.Point)));
            }
        }
        return new SyntheticCityPlan(city, options, targets, [.. views]);
    }

    private static string Id(int value) => value.ToString(CultureInfo.InvariantCulture);
}
