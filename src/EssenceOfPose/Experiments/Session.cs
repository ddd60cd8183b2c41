using EssenceOfPose.Data;
using EssenceOfPose.Data.StreetView;
using EssenceOfPose.Data.SyntheticCity;
using EssenceOfPose.Models;

namespace EssenceOfPose.Experiments;

/// <summary>
/// What every notebook opens with, in one line: the profile parsed once, the shipped model with
/// its context, a scratch folder of the notebook's own, and the example city it draws views from.
/// <code>
/// using var session = Session.Open("02-fc5-inversion", Profile);
/// var city = session.City(seed: 11);
/// var (a, b) = session.Batch(city.Pairs(4, 0).Positives);
/// </code>
/// </summary>
/// <param name="Scratch">The notebook's own folder under the system's temporary folder (cities, outputs); overwritten by each run.</param>
public sealed record Session(Profile Profile, PoseModel Model, string Scratch) : IDisposable
{
    /// <summary>Opens a session for <paramref name="notebook"/> in the profile named <paramref name="profile"/> ("quick" or "full"), with the shipped model.</summary>
    public static Session Open(string notebook, string profile) =>
        new(Profiles.Parse(profile), PoseModel.Shipped(), Path.Combine(Path.GetTempPath(), "eop-notebooks", notebook));

    /// <summary>The Quick or the Full value, by the session's profile.</summary>
    public T Pick<T>(T quick, T full) => Profile.Pick(quick, full);

    /// <summary>
    /// A small city (the quick city's size) rendered with <paramref name="seed"/> into
    /// <paramref name="folder"/> of the scratch folder; <paramref name="wideVariety"/> lets the seed
    /// draw the city's look too (<see cref="CityVariety.Wide"/>). Give cities used side by side folders of their own.
    /// </summary>
    public ExampleCity City(int seed, int targets = 30, bool wideVariety = false, string folder = "city") =>
        ExampleCity.Render(SyntheticCityOptions.Quick with { Targets = targets, Seed = seed, Variety = wideVariety ? CityVariety.Wide : CityVariety.Fixed },
            Path.Combine(Scratch, folder));

    /// <summary>The manifest of the shipped weights: the commands and cities that trained them, their held-out figures.</summary>
    public WeightsManifest Manifest => ShippedWeights.Manifest();

    /// <summary>The model's layers: each blob's shape for one 101×101 patch, and the parameters.</summary>
    public Display.MetricTable Layers() => Display.ModelSummary.Layers(Model.Net);

    /// <summary>The views as one batch of the session's model.</summary>
    public ImageBatch Batch(IEnumerable<DatasetView> views) => ExampleCity.Images(views, Model.Preprocess);

    /// <summary>Both images of each pair as two batches of the session's model, first and second.</summary>
    public (ImageBatch First, ImageBatch Second) Batch(IReadOnlyList<Data.Pairs.ViewPair> pairs) => ExampleCity.Images(pairs, Model.Preprocess);

    public void Dispose() => Model.Dispose();
}
