using System.Text.Json;

namespace EssenceOfPose.Cli.Tests;

/// <summary>`eop invert`, `neuron`, `saliency`, `dream`: files and numbers on a tiny case.</summary>
public sealed class ExperimentCommandsTests(ExperimentFixture f) : IClassFixture<ExperimentFixture>
{
    static JsonElement Json(string path) => JsonDocument.Parse(File.ReadAllText(path)).RootElement;

    static void Finite(JsonElement e, string name)
    {
        var v = e.GetProperty(name).GetDouble();
        Assert.True(double.IsFinite(v), $"{name} = {v}");
    }

    [Fact]
    public void Invert_writes_images_snapshots_loss_chart_options_and_every_metric()
    {
        var dir = f.Out("invert");
        var json = Path.Combine(dir, "cli.json");
        var (code, output, err) = ExperimentFixture.Eop("invert", "--model", f.Model, "--layer", "fc5", "--image", f.A, "--image", f.C,
            "--partner", f.B, "--partner", f.D, "--steps", "3", "--out", dir, "--json", json);
        Assert.True(code == 0, err);
        Assert.Contains("C = 1, ReLU gradient leak 0.3", output);
        var result = Json(Path.Combine(dir, "result.json"));
        Assert.Equal("fc5", result.GetProperty("tap").GetString());
        Assert.Equal(1, result.GetProperty("objectiveWeight").GetDouble());
        Assert.Equal(0.3, result.GetProperty("options").GetProperty("Preset").GetProperty("GradientLeak").GetDouble());
        var images = result.GetProperty("images").EnumerateArray().ToArray();
        Assert.Equal(2, images.Length);
        foreach (var x in images)
        {
            foreach (var name in new[] { "startFeatureError", "featureError", "psnr", "ssim" }) Finite(x, name);
            var agreement = x.GetProperty("agreement");
            foreach (var name in new[] { "rotationDegrees", "matchProbability", "reconstructionMatchProbability" }) Finite(agreement, name);
            var folder = Path.Combine(dir, x.GetProperty("folder").GetString()!);
            foreach (var file in new[] { "original.png", "reconstruction.png", "partner.png", "snapshots.png" })
                Assert.True(new FileInfo(Path.Combine(folder, file)).Length > 100, file);
        }
        Assert.True(result.GetProperty("agreement").GetProperty("meanRotationDegrees").GetDouble() >= 0);
        // 3 main steps and MV's slow phase of max(3/6, 1) = 1 step.
        Assert.Equal(4, result.GetProperty("steps").GetInt32());
        Assert.Equal("mahendran_vedaldi", result.GetProperty("options").GetProperty("Method").GetString());
        var options = Json(Path.Combine(dir, "options.json"));
        Assert.Equal(1, options.GetProperty("Preset").GetProperty("ObjectiveWeight").GetDouble());
        var chart = Json(Path.Combine(dir, "loss.plotly.json"));
        Assert.Equal(2, chart.GetProperty("data").GetArrayLength());
        Assert.Equal(4, chart.GetProperty("data")[0].GetProperty("y").GetArrayLength());
        Assert.Equal(result.GetProperty("meanFeatureError").GetDouble(), Json(json).GetProperty("meanFeatureError").GetDouble());
        Assert.True(new FileInfo(Path.Combine(dir, "reconstructions.png")).Length > 100);
    }

    [Fact]
    public void Invert_takes_any_tap_and_preset_and_reports_the_weight_used()
    {
        var dir = f.Out("invert-y4");
        var (code, output, err) = ExperimentFixture.Eop("invert", "--model", f.Model, "--layer", "conv4", "--image", f.A, "--preset", "Yosinski4", "--steps", "2", "--weight", "0.5", "--leak", "0", "--out", dir);
        Assert.True(code == 0, err);
        Assert.Contains("inversion weight 0.5, true gradient", output);
        var result = Json(Path.Combine(dir, "result.json"));
        Assert.Equal("yosinski4", result.GetProperty("preset").GetString());
        Assert.Equal(0.5, result.GetProperty("objectiveWeight").GetDouble());
        Assert.Equal(JsonValueKind.Null, result.GetProperty("images")[0].GetProperty("agreement").ValueKind);
    }

    [Theory]
    [InlineData("--layer", "conv9", "conv9")]
    [InlineData("--preset", "Simonyan", "--preset Simonyan")]
    [InlineData("--profile", "slow", "--profile slow")]
    public void Invert_rejects_bad_fields_with_exit_2_naming_them(string option, string value, string named)
    {
        var args = new List<string> { "invert", "--model", f.Model, "--layer", "fc5", "--image", f.A, "--out", f.Out("bad") };
        var at = args.IndexOf(option);
        if (at >= 0) args[at + 1] = value;
        else args.AddRange([option, value]);
        var (code, _, err) = ExperimentFixture.Eop([.. args]);
        Assert.Equal(2, code);
        Assert.Contains(named, err);
        Assert.DoesNotContain("   at ", err);
        Assert.Single(err.Trim().Split('\n'));
    }

    [Fact]
    public void A_missing_image_or_checkpoint_exits_2_naming_the_file()
    {
        var missing = Path.Combine(f.Dir, "no-such-view.jpg");
        foreach (var verb in new[] { new[] { "invert", "--layer", "fc5", "--image", missing }, ["saliency", "--image", f.A, "--partner", missing], ["dream", "--layer", "conv3", "--image", missing] })
        {
            var (code, _, err) = ExperimentFixture.Eop([.. verb, "--model", f.Model, "--out", f.Out("missing")]);
            Assert.Equal(2, code);
            Assert.Contains(missing, err);
        }
        var ghost = Path.Combine(f.Dir, "ghost.safetensors");
        var (c2, _, e2) = ExperimentFixture.Eop("neuron", "--model", ghost, "--layer", "fc5", "--count", "1", "--out", f.Out("ghost"));
        Assert.Equal(2, c2);
        Assert.Contains(ghost, e2);
    }

    [Fact]
    public void Neuron_writes_a_captioned_grid_and_the_activations()
    {
        var dir = f.Out("neuron");
        var (code, output, err) = ExperimentFixture.Eop("neuron", "--model", f.Model, "--layer", "fc5", "--units", "0,7,3", "--steps", "3", "--out", dir);
        Assert.True(code == 0, err);
        Assert.Contains("fc5[7]", output);
        Assert.True(new FileInfo(Path.Combine(dir, "neurons.png")).Length > 100);
        var result = Json(Path.Combine(dir, "result.json"));
        Assert.Equal(new[] { "fc5[0]", "fc5[7]", "fc5[3]" }, result.GetProperty("units").EnumerateArray().Select(u => u.GetString()!).ToArray());
        Assert.All(result.GetProperty("activations").EnumerateArray(), a => Assert.True(double.IsFinite(a.GetDouble())));
        Assert.True(File.Exists(Path.Combine(dir, "options.json")));

        var conv = f.Out("neuron-conv");
        var (c2, _, e2) = ExperimentFixture.Eop("neuron", "--model", f.Model, "--layer", "conv4", "--count", "2", "--steps", "2", "--preset", "MahendranVedaldi", "--out", conv);
        Assert.True(c2 == 0, e2);
        Assert.Equal("conv4[1]@(2,2)", Json(Path.Combine(conv, "result.json")).GetProperty("units")[1].GetString());

        var (c3, _, e3) = ExperimentFixture.Eop("neuron", "--model", f.Model, "--layer", "fc5", "--units", "0,999", "--out", f.Out("neuron-bad"));
        Assert.Equal(2, c3);
        Assert.Contains("fc5[999]", e3);
    }

    [Fact]
    public void Saliency_overlays_both_images_for_each_score()
    {
        var dir = f.Out("saliency");
        var json = Path.Combine(dir, "cli.json");
        var (code, output, err) = ExperimentFixture.Eop("saliency", "--model", f.Model, "--image", f.A, "--partner", f.B, "--target", "match", "--target", "pose:1", "--out", dir, "--json", json);
        Assert.True(code == 0, err);
        Assert.Contains("pose_fc[1]", output);
        var items = Json(json).GetProperty("items").EnumerateArray().ToArray();
        Assert.Equal(new[] { "match", "pose:1" }, items.Select(i => i.GetProperty("target").GetString()!).ToArray());
        foreach (var i in items)
        {
            foreach (var name in new[] { "value", "matchProbability", "firstPeak", "secondPeak", "firstMean", "secondMean" }) Finite(i, name);
            Assert.True(i.GetProperty("firstPeak").GetDouble() > 0);
            Assert.True(new FileInfo(Path.Combine(dir, i.GetProperty("firstOverlay").GetString()!)).Length > 100);
            Assert.True(new FileInfo(Path.Combine(dir, i.GetProperty("secondOverlay").GetString()!)).Length > 100);
        }
        Assert.True(File.Exists(Path.Combine(dir, "saliency.png")));

        var (c2, _, e2) = ExperimentFixture.Eop("saliency", "--model", f.Model, "--image", f.A, "--partner", f.B, "--target", "pose:6", "--out", f.Out("sal-bad"));
        Assert.Equal(2, c2);
        Assert.Contains("pose:6", e2);
    }

    [Fact]
    public void Dream_writes_the_dream_and_its_objective()
    {
        var dir = f.Out("dream");
        var (code, _, err) = ExperimentFixture.Eop("dream", "--model", f.Model, "--image", f.A, "--layer", "conv3", "--octaves", "2", "--iterations", "2", "--out", dir);
        Assert.True(code == 0, err);
        var result = Json(Path.Combine(dir, "result.json"));
        var item = result.GetProperty("items")[0];
        Assert.Equal("conv3", item.GetProperty("tap").GetString());
        Finite(item, "objectiveStart");
        Finite(item, "objectiveFinal");
        // Gradient ascent on ½‖a‖²: the dream amplifies what the tap sees.
        Assert.True(item.GetProperty("objectiveFinal").GetDouble() > item.GetProperty("objectiveStart").GetDouble());
        Assert.True(new FileInfo(Path.Combine(dir, item.GetProperty("files")[0].GetString()!)).Length > 100);
        Assert.True(new FileInfo(Path.Combine(dir, "dream.png")).Length > 100);
        Assert.Equal(2, Json(Path.Combine(dir, "options.json")).GetProperty("octaves").GetInt32());
    }

    [Fact]
    public void Figures_with_a_missing_checkpoint_exits_2_naming_it()
    {
        var ghost = Path.Combine(f.Dir, "none.safetensors");
        var (code, _, err) = ExperimentFixture.Eop("figures", "--model", ghost, "--out", f.Out("fig"));
        Assert.Equal(2, code);
        Assert.Contains(ghost, err);
    }
}
