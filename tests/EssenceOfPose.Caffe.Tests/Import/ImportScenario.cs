namespace EssenceOfPose.Caffe.Tests;

/// <summary>
/// A net to import as a user would have it: prototxt files (fixtures, or fixtures edited into a temp
/// folder) and a caffemodel with random weights written in either binary form at the suite's input size.
/// </summary>
internal sealed class ImportScenario : IDisposable
{
    public static readonly int[] Image = [1, 3, 101, 101];

    readonly string dir = Directory.CreateTempSubdirectory("eop-caffe-import-").FullName;

    public ImportScenario(IReadOnlyList<string> prototxts, Dictionary<string, int[]> inputs)
    {
        Prototxts = prototxts;
        Inputs = inputs;
    }

    public IReadOnlyList<string> Prototxts { get; private set; }

    public Dictionary<string, int[]> Inputs { get; }

    public string Folder => dir;

    /// <summary>PoseNet's deploy tower.</summary>
    public static ImportScenario PoseNetTower() => new([CaffeFixtures.Path("pose-l1-torch7-deploy.prototxt")], new() { ["data"] = Image });

    /// <summary>PoseNet's siamese net with both heads; pose_fc gets <paramref name="poseOutputs"/> outputs (the fixture's 4 when null).</summary>
    public static ImportScenario PoseNetSiamese(int? poseOutputs = 6)
    {
        var s = new ImportScenario([], new() { ["data"] = Image, ["data_p"] = Image });
        s.Prototxts =
        [
            CaffeFixtures.Path("pose_amir_window_siamese.prototxt"),
            poseOutputs is int n ? s.Edited("pose_loss_l1_layers.prototxt", ("num_output: 4", $"num_output: {n}")) : CaffeFixtures.Path("pose_loss_l1_layers.prototxt"),
            CaffeFixtures.Path("ptch_loss_layers.prototxt"),
        ];
        return s;
    }

    /// <summary>smallnet-v5's deploy net (declared at 227; imported at 101).</summary>
    public static ImportScenario SmallNetDeploy() =>
        new([CaffeFixtures.Path("smallnet-v5_window_siamese_fc5_deploy.prototxt")], new() { ["data"] = Image, ["data_p"] = Image });

    /// <summary>smallnet-v5's training net: pair slice, towers, both heads (pose_fc with the fixture's 4 outputs).</summary>
    public static ImportScenario SmallNetTraining() => new(
        new[] { "pose_layers.prototxt", "smallnet-v5_window_siamese_fc5.prototxt", "pose_loss_l1_layers.prototxt", "ptch_loss_layers.prototxt" }.Select(CaffeFixtures.Path).ToList(),
        new() { ["pair_data"] = [1, 6, 101, 101] });

    /// <summary>A copy of a fixture with text replaced (each replacement must apply); returns its path.</summary>
    public string Edited(string fixture, params (string From, string To)[] replacements)
    {
        var text = File.ReadAllText(CaffeFixtures.Path(fixture));
        foreach (var (from, to) in replacements)
        {
            Assert.Contains(from, text);
            text = text.Replace(from, to);
        }
        var path = Path.Combine(dir, fixture);
        File.WriteAllText(path, text);
        return path;
    }

    public CaffeNet Net() => CaffeNet.Merge(Prototxts.Select(CaffeNet.Load).ToList());

    /// <summary>Writes a random caffemodel for the net; <paramref name="edit"/> may change its layers first.</summary>
    public string WriteModel(CaffeLayerForm form, int seed = 1, Func<CaffeModel, CaffeModel>? edit = null)
    {
        var model = RandomCaffeModel.For(Net(), Inputs, seed);
        if (edit is not null)
            model = edit(model);
        return RandomCaffeModel.Write(Path.Combine(dir, $"net-{form}-{seed}.caffemodel"), model, form);
    }

    public void Dispose() => Directory.Delete(dir, recursive: true);
}
