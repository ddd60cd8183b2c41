using System.CommandLine;
using EssenceOfPose.Data.SyntheticCity;
using EssenceOfPose.Models;

namespace EssenceOfPose.Cli.Tests;

/// <summary>
/// What the experiment verbs' tests share, made once per class: a fresh PoseNet saved as a
/// checkpoint (weights redrawn at 1/√fan-in from a private generator, so activations are neither
/// vanishing nor shared with other tests' draws) and a tiny synthetic city of 64-pixel views.
/// </summary>
public sealed class ExperimentFixture : IDisposable
{
    public ExperimentFixture()
    {
        Dir = Directory.CreateTempSubdirectory("eop-cli-exp-").FullName;
        Model = Path.Combine(Dir, "posenet.safetensors");
        using (var net = new PoseNet())
        {
            using var g = new Generator(3);
            using (torch.NewDisposeScope())
            using (torch.no_grad())
                foreach (var (name, p) in net.named_parameters())
                {
                    if (SiameseNet.IsBias(name)) p.zero_();
                    else p.normal_(0, 1 / Math.Sqrt(p.numel() / p.size(0)), g);
                }
            Checkpoint.Save(Model, net, new CheckpointInfo { Architecture = PoseNet.Name, Mean = [120, 115, 105] });
        }
        var city = Path.Combine(Dir, "city");
        SyntheticCityGenerator.Generate(new SyntheticCityOptions { Targets = 3, ImageSize = 64, BlocksX = 4, BlocksY = 4, Seed = 5 }, city);
        // Views named <dataset>_<image>_<view>_<target>.jpg: group by target, two views each.
        var byTarget = Directory.GetFiles(city, "*.jpg").OrderBy(f => f, StringComparer.Ordinal)
            .GroupBy(f => Path.GetFileNameWithoutExtension(f).Split('_')[3]).Where(g => g.Count() >= 2).ToArray();
        A = byTarget[0].ElementAt(0);
        B = byTarget[0].ElementAt(1);
        C = byTarget[1].ElementAt(0);
        D = byTarget[1].ElementAt(1);
    }

    public string Dir { get; }

    public string Model { get; }

    /// <summary>Two views of one target (A, B) and two of another (C, D).</summary>
    public string A { get; }

    public string B { get; }

    public string C { get; }

    public string D { get; }

    public string Out(string name) => Path.Combine(Dir, name + "-" + Guid.NewGuid().ToString("N")[..8]);

    public void Dispose() => Directory.Delete(Dir, recursive: true);

    /// <summary>Runs `eop ARGS` in-process, capturing stdout and stderr.</summary>
    public static (int Code, string Out, string Err) Eop(params string[] args) => InProcessEop.Run(args);
}
