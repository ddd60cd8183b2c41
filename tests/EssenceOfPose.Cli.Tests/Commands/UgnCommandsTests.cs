using System.Text.Json;
using EssenceOfPose.Data.Images;
using EssenceOfPose.Data.SyntheticCity;
using EssenceOfPose.Models;

namespace EssenceOfPose.Cli.Tests;

/// <summary>A He-initialised PoseNet saved as a checkpoint, a second one, and the tiny city, made once for the class.</summary>
public sealed class UgnFixture : IDisposable
{
    public UgnFixture()
    {
        torch.set_num_threads(1);
        Dir = Directory.CreateTempSubdirectory("eop-cli-ugn-").FullName;
        Model = Save("posenet.safetensors", 21);
        Other = Save("other.safetensors", 22);
        City = Path.Combine(Dir, "city");
        SyntheticCityGenerator.Generate(new SyntheticCityOptions { Targets = 24, ImageSize = 64, BlocksX = 4, BlocksY = 4, Seed = 5 }, City);
        var byTarget = Directory.GetFiles(City, "*.jpg").OrderBy(f => f, StringComparer.Ordinal)
            .GroupBy(f => Path.GetFileNameWithoutExtension(f).Split('_')[3]).Where(g => g.Count() >= 2).ToArray();
        Images = [byTarget[0].ElementAt(0), byTarget[1].ElementAt(0)];
        Partners = [byTarget[0].ElementAt(1), byTarget[1].ElementAt(1)];
    }

    string Save(string name, int seed)
    {
        var path = Path.Combine(Dir, name);
        torch.manual_seed(seed);
        using var net = new PoseNet();
        net.HeInit();
        Checkpoint.Save(path, net, new CheckpointInfo { Architecture = PoseNet.Name, Mean = [120, 115, 105] });
        return path;
    }

    public string Dir { get; }
    public string Model { get; }
    /// <summary>Another PoseNet: a generator trained on <see cref="Model"/>'s codes must refuse it.</summary>
    public string Other { get; }
    public string City { get; }
    public string[] Images { get; }
    public string[] Partners { get; }

    public string Out(string name) => Path.Combine(Dir, name + "-" + Guid.NewGuid().ToString("N")[..8]);

    public void Dispose() => Directory.Delete(Dir, recursive: true);
}

/// <summary>`eop train ugn` and `eop reconstruct` end to end on the tiny city, and their refusals.</summary>
public sealed class UgnCommandsTests(UgnFixture f) : IClassFixture<UgnFixture>
{
    string[] TrainArgs(string tap, string output, params string[] more) =>
        ["train", "ugn", "--tap", tap, "--data", f.City, "--out", output, "--model", f.Model, "--images", "16", "--epochs", "2", "--batch", "4", "--width", "8", "--threads", "1", .. more];

    string Trained(string tap)
    {
        var g = Path.Combine(f.Out("g"), tap + ".safetensors");
        var (code, _, err) = InProcessEop.Run(TrainArgs(tap, g));
        Assert.True(code == 0, err);
        return g;
    }

    [Theory]
    [InlineData("fc5")]
    [InlineData("conv4")]
    public void Train_then_reconstruct_writes_the_images_and_finite_numbers(string tap)
    {
        var dir = f.Out("train");
        var g = Path.Combine(dir, "g.safetensors");
        var trainJson = Path.Combine(dir, "train.json");
        var (code, output, err) = InProcessEop.Run(TrainArgs(tap, g, "--json", trainJson));
        Assert.True(code == 0, err);
        Assert.Contains("validation MSE", output);
        Assert.True(File.Exists(g));
        Assert.Equal(2, File.ReadAllLines(Path.ChangeExtension(g, ".jsonl")).Length);
        var train = JsonDocument.Parse(File.ReadAllText(trainJson)).RootElement;
        Assert.True(double.IsFinite(train.GetProperty("result").GetProperty("validationLoss").GetDouble()));

        var outDir = f.Out("reconstruct");
        var json = Path.Combine(outDir, "numbers.json");
        (code, output, err) = InProcessEop.Run("reconstruct", "--generator", g, "--model", f.Model, "--image", f.Images[0], "--image", f.Images[1],
            "--partner", f.Partners[0], "--partner", f.Partners[1], "--out", outDir, "--json", json);
        Assert.True(code == 0, err);
        Assert.Contains("mean feature error", output);
        var result = JsonDocument.Parse(File.ReadAllText(Path.Combine(outDir, "result.json"))).RootElement;
        Assert.Equal(tap, result.GetProperty("tap").GetString());
        var images = result.GetProperty("images").EnumerateArray().ToArray();
        Assert.Equal(2, images.Length);
        foreach (var x in images)
        {
            var folder = Path.Combine(outDir, x.GetProperty("folder").GetString()!);
            foreach (var png in new[] { "original.png", "reconstruction.png", "partner.png" })
            {
                var picture = RgbImage.Decode(Path.Combine(folder, png));
                Assert.Equal((101, 101), (picture.Width, picture.Height));
            }
            foreach (var field in new[] { "featureError", "psnr", "ssim", "seconds" })
                Assert.True(double.IsFinite(x.GetProperty(field).GetDouble()), $"{field} is not finite");
            Assert.True(x.GetProperty("featureError").GetDouble() >= 0);
            Assert.True(double.IsFinite(x.GetProperty("agreement").GetProperty("rotationDegrees").GetDouble()));
        }
        foreach (var field in new[] { "meanFeatureError", "meanPsnr", "meanSsim", "seconds", "secondsPerImage" })
            Assert.True(double.IsFinite(result.GetProperty(field).GetDouble()), $"{field} is not finite");
        Assert.True(double.IsFinite(result.GetProperty("agreement").GetProperty("meanRotationDegrees").GetDouble()));
        Assert.True(File.Exists(Path.Combine(outDir, "reconstructions.png")));
        Assert.Equal(result.GetProperty("meanPsnr").GetDouble(), JsonDocument.Parse(File.ReadAllText(json)).RootElement.GetProperty("meanPsnr").GetDouble());
    }

    [Theory]
    [InlineData("--tap", "fc7", "fc7")]
    [InlineData("--width", "2", "--width 2")]
    [InlineData("--batch", "1", "--batch 1")]
    [InlineData("--beta2", "1", "--beta2 1")]
    [InlineData("--images", "1", "--images 1")]
    public void Train_refuses_bad_options_naming_them(string option, string value, string expected) =>
        InProcessEop.RefusesOption(TrainArgs("fc5", Path.Combine(f.Out("bad"), "g.safetensors")), option, value, expected);

    [Fact]
    public void Train_refuses_a_resume_with_nothing_to_resume()
    {
        var (code, _, err) = InProcessEop.Run(TrainArgs("fc5", Path.Combine(f.Out("none"), "g.safetensors"), "--resume"));
        Assert.Equal(2, code);
        Assert.Contains("--resume", err);
    }

    [Fact]
    public void Reconstruct_refuses_a_missing_generator_a_posenet_checkpoint_and_another_network()
    {
        var g = Trained("fc5");
        var outDir = f.Out("refused");
        var missing = Path.Combine(f.Dir, "nowhere.safetensors");
        var (code, _, err) = InProcessEop.Run("reconstruct", "--generator", missing, "--model", f.Model, "--image", f.Images[0], "--out", outDir);
        Assert.Equal(2, code);
        Assert.Contains("--generator", err);
        Assert.Contains("nowhere.safetensors", err);

        (code, _, err) = InProcessEop.Run("reconstruct", "--generator", f.Model, "--model", f.Model, "--image", f.Images[0], "--out", outDir);
        Assert.Equal(2, code);
        Assert.Contains("field 'format'", err);

        (code, _, err) = InProcessEop.Run("reconstruct", "--generator", g, "--model", f.Other, "--image", f.Images[0], "--out", outDir);
        Assert.Equal(2, code);
        Assert.Contains("posenet_sha256", err);
        Assert.Contains(g, err);

        (code, _, err) = InProcessEop.Run("reconstruct", "--generator", g, "--model", f.Model, "--image", f.Images[0], "--partner", f.Partners[0], "--partner", f.Partners[1], "--out", outDir);
        Assert.Equal(2, code);
        Assert.Contains("--partner", err);
        Assert.False(Directory.Exists(outDir));
    }

    [Fact]
    public void Train_takes_the_configuration_a_search_chose_and_options_given_win()
    {
        var search = f.Out("search");
        string[] S(params string[] more) => ["search", "ugn", "--tap", "fc5", "--data", f.City, "--out", search, "--model", f.Model, "--trials", "3", "--budget", "8", "--images", "16", .. more];
        Assert.Equal(0, InProcessEop.Run(S("--schedule", "random")).Code);
        var dir = f.Out("from-search");
        var g = Path.Combine(dir, "g.safetensors");
        var json = Path.Combine(dir, "train.json");
        // No --width or --batch: those come from the search; --leaky-slope is given and wins.
        var (code, output, err) = InProcessEop.Run("train", "ugn", "--tap", "fc5", "--data", f.City, "--out", g, "--model", f.Model, "--images", "16", "--epochs", "2",
            "--threads", "1", "--from-search", search, "--schedule", "random", "--json", json, "--leaky-slope", "0.05");
        Assert.True(code == 0, err);
        Assert.Contains("configuration of random trial", output);
        var picks = Enumerable.Range(0, 3).Select(i => JsonDocument.Parse(File.ReadAllText(Path.Combine(search, "random", $"trial-{i:D5}.json"))).RootElement)
            .Where(t => !t.GetProperty("diverged").GetBoolean()).OrderBy(t => t.GetProperty("validationLoss").GetDouble()).ThenBy(t => t.GetProperty("trial").GetInt32())
            .First().GetProperty("config");
        var options = JsonDocument.Parse(File.ReadAllText(json)).RootElement.GetProperty("options");
        Assert.Equal(picks.GetProperty("lr").GetDouble(), options.GetProperty("lr").GetDouble());
        Assert.Equal(picks.GetProperty("batchSize").GetInt32(), options.GetProperty("batchSize").GetInt32());
        Assert.Equal(picks.GetProperty("width").GetInt32(), options.GetProperty("generator").GetProperty("channels").GetInt32());
        Assert.Equal(0.05, options.GetProperty("generator").GetProperty("leakySlope").GetDouble());
        Assert.Equal(2, options.GetProperty("epochs").GetInt32());

        // A search of another tap, and --schedule without a search, are refused.
        (code, _, err) = InProcessEop.Run([.. TrainArgs("conv4", Path.Combine(f.Out("x"), "g.safetensors"), "--from-search", search)]);
        Assert.Equal(2, code);
        Assert.Contains("field 'tap'", err);
        (code, _, err) = InProcessEop.Run([.. TrainArgs("fc5", Path.Combine(f.Out("x"), "g.safetensors"), "--schedule", "random")]);
        Assert.Equal(2, code);
        Assert.Contains("--from-search", err);
    }

    [Fact]
    public void Compare_scores_every_method_at_each_generators_tap_on_the_same_images()
    {
        var fc5 = Trained("fc5");
        var conv4 = Trained("conv4");
        var outDir = f.Out("compare");
        var (code, output, err) = InProcessEop.Run("compare", "--generator", fc5, "--generator", "UGN=" + conv4, "--model", f.Model, "--data", f.City,
            "--images", "3", "--steps", "2", "--threads", "1", "--out", outDir);
        Assert.True(code == 0, err);
        Assert.Contains("seconds per image", output);
        var rows = JsonDocument.Parse(File.ReadAllText(Path.Combine(outDir, "comparison.json"))).RootElement.GetProperty("rows").EnumerateArray()
            .Select(r => (r.GetProperty("method").GetString(), r.GetProperty("tap").GetString())).ToArray();
        Assert.Equal([("UGN", "fc5"), ("optimisation (MV)", "fc5"), ("other image", "fc5"), ("UGN", "conv4"), ("optimisation (MV)", "conv4"), ("other image", "conv4")], rows);
        Assert.True(File.Exists(Path.Combine(outDir, "comparison.png")));

        (code, _, err) = InProcessEop.Run("compare", "--generator", "=" + fc5, "--model", f.Model, "--data", f.City, "--out", f.Out("bad"));
        Assert.Equal(2, code);
        Assert.Contains("NAME=PATH", err);
        (code, _, err) = InProcessEop.Run("compare", "--generator", fc5, "--model", f.Other, "--data", f.City, "--images", "2", "--out", f.Out("bad"));
        Assert.Equal(2, code);
        Assert.Contains("posenet_sha256", err);
    }
}
