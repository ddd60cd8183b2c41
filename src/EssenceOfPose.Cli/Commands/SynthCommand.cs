using System.CommandLine;
using System.Text.Json;
using EssenceOfPose.Data.Images;
using EssenceOfPose.Data.SyntheticCity;

namespace EssenceOfPose.Cli;

/// <summary>
/// <c>synth</c>: render the synthetic city dataset (3D Street View format) into a folder. Meant
/// to sit under <c>eop dataset</c>; see <see cref="Create"/>.
/// </summary>
internal static class SynthCommand
{
    public static Command Create()
    {
        var defaults = SyntheticCityOptions.Default;
        var output = new Option<DirectoryInfo>("--out") { Description = "output folder (created; an earlier synthetic city in it is replaced)", Required = true };
        var targets = new Option<int>("--targets") { Description = "target points, each seen by 2-7 views", DefaultValueFactory = _ => defaults.Targets };
        var seed = new Option<long>("--seed") { Description = "random seed: same seed and options, same bytes", DefaultValueFactory = _ => defaults.Seed };
        var size = new Option<int>("--size") { Description = "image width and height in pixels", DefaultValueFactory = _ => defaults.ImageSize };
        var threads = new Option<int>("--threads") { Description = "images rendered at once (-1: all cores); does not change the output", DefaultValueFactory = _ => -1 };
        var variety = new Option<CityVariety>("--variety") { Description = "Fixed (the default look) or Wide (the seed also draws street sizes, camera distances, façade palette and time of day)", DefaultValueFactory = _ => defaults.Variety };
        var datasetId = new Option<int>("--dataset-id") { Description = "the DatasetID in file names (0-9999); give cities that are trained on together distinct ids", DefaultValueFactory = _ => defaults.DatasetId };
        var sheet = new Option<FileInfo?>("--sheet") { Description = "also write a PNG contact sheet of the first views (up to 24) to this file" };
        var json = new Option<FileInfo?>("--json") { Description = "write the numbers to this JSON file" };
        var cmd = new Command("synth", "Render the synthetic city: façade targets seen from 2-7 street-level cameras, as 3D Street View .jpg/.txt pairs plus city.json.")
        {
            output, targets, seed, size, variety, datasetId, threads, sheet, json,
        };
        cmd.SetAction((ParseResult r, CancellationToken ct) =>
        {
            var options = defaults with { Targets = r.GetValue(targets), Seed = r.GetValue(seed), ImageSize = r.GetValue(size), Variety = r.GetValue(variety), DatasetId = r.GetValue(datasetId) };
            var threadCount = r.GetValue(threads);
            var result = SyntheticCityGenerator.Generate(options, r.GetValue(output)!.FullName, threadCount, new ProgressLine(), ct);
            Console.WriteLine(
                $"synthetic city: {result.Targets} targets, {result.Images} images from {result.StreetViews} street views, " +
                $"{result.Seconds:F2} s, {result.ImagesPerSecond:F1} images/s, {result.BytesOnDisk / 1e6:F2} MB on disk -> {result.OutputDirectory}");
            if (r.GetValue(sheet) is { } sheetFile) WriteSheet(result.OutputDirectory, sheetFile.FullName);
            if (r.GetValue(json) is { } jsonFile)
            {
                var numbers = new
                {
                    targets = result.Targets,
                    images = result.Images,
                    streetViews = result.StreetViews,
                    seconds = result.Seconds,
                    imagesPerSecond = result.ImagesPerSecond,
                    bytesOnDisk = result.BytesOnDisk,
                    seed = options.Seed,
                    size = options.ImageSize,
                    variety = options.Variety.ToString(),
                    threads = threadCount < 1 ? Environment.ProcessorCount : threadCount,
                    outputDirectory = result.OutputDirectory,
                };
                JsonOutput.WriteText(jsonFile, JsonSerializer.Serialize(numbers, new JsonSerializerOptions { WriteIndented = true }) + "\n");
            }
            return Task.FromResult(0);
        });
        return cmd;
    }

    private static void WriteSheet(string root, string path)
    {
        // Names sort by PatchID only within equal widths; order by the number to keep target groups together.
        var images = Directory.EnumerateFiles(root, "*.jpg")
            .OrderBy(f => long.Parse(Path.GetFileName(f).Split('_')[1], System.Globalization.CultureInfo.InvariantCulture))
            .Take(24).Select(RgbImage.Decode).ToList();
        RgbImage.Tile(images, columns: 6).SavePng(path);
        Console.WriteLine($"contact sheet: {images.Count} views -> {path}");
    }

    /// <summary>One line per step: rewritten in place on a terminal, appended otherwise (logs, CI).</summary>
    private sealed class ProgressLine : IProgress<SyntheticCityProgress>
    {
        private readonly Lock _gate = new();
        private readonly bool _terminal = !Console.IsOutputRedirected;
        private int _lastTenth = -1;

        public void Report(SyntheticCityProgress value)
        {
            lock (_gate)
            {
                if (_terminal)
                {
                    Console.Write($"\rrendering {value.ImagesDone}/{value.ImagesTotal} images");
                    if (value.ImagesDone == value.ImagesTotal) Console.WriteLine();
                    return;
                }
                var tenth = value.ImagesDone * 10 / value.ImagesTotal;
                if (tenth <= _lastTenth) return;
                _lastTenth = tenth;
                Console.WriteLine($"rendering {value.ImagesDone}/{value.ImagesTotal} images");
            }
        }
    }
}
