using System.Text.Json;

namespace EssenceOfPose.Cli.Tests;

/// <summary>`eop train gan` end to end on the tiny city (from a UGN, resumed, compared), and its refusals.</summary>
public sealed class GanCommandsTests(UgnFixture f) : IClassFixture<UgnFixture>
{
    string Ugn(string tap)
    {
        var g = Path.Combine(f.Out("ugn"), tap + ".safetensors");
        var (code, _, err) = InProcessEop.Run("train", "ugn", "--tap", tap, "--data", f.City, "--out", g, "--model", f.Model, "--images", "16", "--epochs", "1",
            "--batch", "4", "--width", "8", "--threads", "1");
        Assert.True(code == 0, err);
        return g;
    }

    string[] GanArgs(string tap, string output, params string[] more) =>
        ["train", "gan", "--tap", tap, "--data", f.City, "--out", output, "--model", f.Model, "--images", "16", "--epochs", "2", "--batch", "4", "--threads", "1", .. more];

    [Fact]
    public void Train_gan_from_a_UGN_writes_a_generator_its_log_and_samples_and_compare_names_it_GAN()
    {
        var ugn = Ugn("fc5");
        var dir = f.Out("gan");
        var g = Path.Combine(dir, "gan.safetensors");
        var json = Path.Combine(dir, "train.json");
        var (code, output, err) = InProcessEop.Run(GanArgs("fc5", g, "--init-from", ugn, "--lambda-adv", "5", "--json", json));
        Assert.True(code == 0, err);
        Assert.Contains("sharpness", output);
        Assert.Contains("λ img 2E-06 feat 0.3 adv 5", output);
        var log = File.ReadAllLines(Path.ChangeExtension(g, ".jsonl")).Select(l => JsonDocument.Parse(l).RootElement).ToArray();
        Assert.Equal(2, log.Count(l => l.GetProperty("kind").GetString() == "epoch"));
        Assert.True(File.Exists(Path.Combine(g + ".samples", "epoch-002.png")));
        var result = JsonDocument.Parse(File.ReadAllText(json)).RootElement;
        Assert.Equal(5, result.GetProperty("options").GetProperty("lambdaAdversarial").GetDouble());
        Assert.True(double.IsFinite(result.GetProperty("result").GetProperty("validationSharpness").GetDouble()));

        // A second run of the same command continues nothing: --resume after completion replays no step.
        (code, _, err) = InProcessEop.Run(GanArgs("fc5", g, "--init-from", ugn, "--lambda-adv", "5", "--resume"));
        Assert.True(code == 0, err);

        var compare = f.Out("compare");
        (code, output, err) = InProcessEop.Run("compare", "--generator", ugn, "--generator", g, "--model", f.Model, "--data", f.City,
            "--images", "2", "--no-optimisation", "--threads", "1", "--out", compare);
        Assert.True(code == 0, err);
        var rows = JsonDocument.Parse(File.ReadAllText(Path.Combine(compare, "comparison.json"))).RootElement.GetProperty("rows").EnumerateArray()
            .Select(r => r.GetProperty("method").GetString()!).ToArray();
        Assert.Equal(["UGN", "GAN", "other image"], rows);
        Assert.Contains("gradient W₁", output);
    }

    [Theory]
    [InlineData("--lambda-adv", "-1", "--lambda-adv -1")]
    [InlineData("--dropout", "1", "--dropout 1")]
    [InlineData("--batch", "1", "--batch 1")]
    [InlineData("--images", "2", "--images 2")]
    [InlineData("--comparator-tap", "fc9", "fc9")]
    [InlineData("--init-from", "/nowhere/ugn.safetensors", "--init-from /nowhere/ugn.safetensors")]
    public void Train_gan_refuses_bad_options_naming_them(string option, string value, string expected) =>
        InProcessEop.RefusesOption(GanArgs("fc5", Path.Combine(f.Out("bad"), "g.safetensors")), option, value, expected);

    [Fact]
    public void Train_gan_refuses_a_UGN_of_another_network()
    {
        var ugn = Ugn("fc5");
        var args = GanArgs("fc5", Path.Combine(f.Out("other"), "g.safetensors"), "--init-from", ugn).Select(a => a == f.Model ? f.Other : a).ToArray();
        var (code, _, err) = InProcessEop.Run(args);
        Assert.Equal(2, code);
        Assert.Contains("posenet_sha256", err);
    }
}
