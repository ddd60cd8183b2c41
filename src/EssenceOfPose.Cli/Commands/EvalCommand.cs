using System.CommandLine;
using EssenceOfPose.Display;
using EssenceOfPose.Experiments;
using EssenceOfPose.Models;
using EssenceOfPose.Notebooks;
using EssenceOfPose.Training;

namespace EssenceOfPose.Cli;

/// <summary>
/// `eop eval posenet`: a checkpoint on the held-out geographic split, beside two baselines, and on
/// whole cities it never saw; `eop eval symmetry`: the mirror probe on the same sets of pairs.
/// </summary>
internal static class EvalCommand
{
    public static Command Create() => new("eval", "Evaluation.") { Posenet(), Symmetry() };

    static Command Posenet()
    {
        var (model, data, unseen, json, threads) = Common();
        var chart = new Option<FileInfo?>("--chart") { Description = "write the matching ROC of every set of pairs, on one chart, to this HTML page (plotly.js copied beside it)" };
        var posenet = new Command("posenet", "Rotation, translation and matching figures on the held-out split and on unseen cities, with the mean-pose and raw-pixel baselines.")
            { model, data, unseen, json, chart, threads };
        posenet.SetAction(r => VerbSupport.Guard("eval posenet", () =>
        {
            if (r.GetValue(threads) is { } n) torch.set_num_threads(n);
            using var pose = VerbSupport.LoadModel(r.GetValue(model)!);
            var split = SplitSpec.Of(pose.Info, pose.Source);
            var results = new List<CityEvaluation>();
            foreach (var (name, load) in Sets(r.GetValue(data)!.FullName, split, r.GetValue(unseen) ?? []))
            {
                using var prepared = load();
                var eval = PoseNetEvaluator.Evaluate(pose.Net, pose.Info, prepared, baselines: true);
                Console.WriteLine($"{pose.Source} ({pose.Info.Architecture}, {pose.LabelKind}) on {name}: {eval.TestTargets} targets, {eval.TestPairs} pairs");
                Print(eval);
                Console.WriteLine();
                results.Add(new CityEvaluation(name, eval));
            }
            if (results.Count > 1) Console.WriteLine(EvaluationReport.Cities(results));
            if (r.GetValue(chart) is { } page)
            {
                var warning = ChartPage.Write(page.FullName, $"PoseNet matching ROC: {Path.GetFileName(pose.Source)}", [EvaluationReport.CitiesRocChart(results).ToJson()]);
                Console.WriteLine($"ROC chart: {page.FullName}{(warning is null ? "" : " (" + warning + ")")}");
            }
            if (r.GetValue(json) is { } file)
                JsonOutput.Write(file, new { model = pose.Source, split, evaluation = results[0].Evaluation, cities = results.Select(c => new { city = c.City, evaluation = c.Evaluation }) });
            return 0;
        }));
        return posenet;
    }

    static Command Symmetry()
    {
        var (model, data, unseen, json, threads) = Common();
        var symmetry = new Command("symmetry",
            "Mirror both images of every pair: a network that learned geometry reads the mirrored pose (Δheading, Δroll and lateral translation negated) and the same matching score. Prints the median disagreement.")
            { model, data, unseen, json, threads };
        symmetry.SetAction(r => VerbSupport.Guard("eval symmetry", () =>
        {
            if (r.GetValue(threads) is { } n) torch.set_num_threads(n);
            using var pose = VerbSupport.LoadModel(r.GetValue(model)!);
            var split = SplitSpec.Of(pose.Info, pose.Source);
            var results = new List<SymmetryProbeResult>();
            foreach (var (name, load) in Sets(r.GetValue(data)!.FullName, split, r.GetValue(unseen) ?? []))
            {
                using var prepared = load();
                results.Add(SymmetryProbe.Run(pose, prepared, name));
            }
            Console.WriteLine($"{pose.Source} ({pose.Info.Architecture}, {pose.LabelKind})");
            Console.WriteLine(EvaluationReport.Symmetry(results));
            if (r.GetValue(json) is { } file) JsonOutput.Write(file, new { model = pose.Source, split, probe = results });
            return 0;
        }));
        return symmetry;
    }

    static (Option<string> Model, Option<DirectoryInfo> Data, Option<DirectoryInfo[]> Unseen, Option<FileInfo?> Json, Option<int?> Threads) Common() =>
        (VerbSupport.ModelOption(),
         new Option<DirectoryInfo>("--data") { Description = "dataset root the checkpoint's held-out split is drawn from (the split is read from the checkpoint)", Required = true },
         new Option<DirectoryInfo[]>("--unseen")
         {
             Description = "cities the network never saw, each evaluated whole (every target's matching pairs and as many non-matching ones)",
             AllowMultipleArgumentsPerToken = true,
         },
         new Option<FileInfo?>("--json") { Description = "write every figure (and the ROC points) to this JSON file" },
         new Option<int?>("--threads"));

    /// <summary>The held-out split of the primary city, then each unseen city whole; loaded one at a time, as each holds its views in memory.</summary>
    static IEnumerable<(string Name, Func<PoseNetData> Load)> Sets(string primary, SplitSpec split, IReadOnlyList<DirectoryInfo> unseen)
    {
        // Every folder is checked before the first (long) evaluation starts.
        foreach (var dir in unseen.Prepend(new DirectoryInfo(primary)))
            if (!dir.Exists) throw new ArgumentException($"{(dir.FullName == primary ? "--data" : "--unseen")} {dir.FullName}: no such folder");
        return Load(primary, split, unseen);
    }

    static IEnumerable<(string Name, Func<PoseNetData> Load)> Load(string primary, SplitSpec split, IReadOnlyList<DirectoryInfo> unseen)
    {
        yield return ($"held-out split of {Path.GetFileName(primary)}", () => PoseNetData.Load(primary, split));
        foreach (var dir in unseen)
            yield return ($"unseen {dir.Name}", () => PoseNetData.Unseen(dir.FullName, split.Seed + 1, split.PositiveFraction));
    }

    public static void Print(PoseNetEvaluation e)
    {
        static string T(double? v, string unit) => v is { } x ? $"{x:F2} {unit}" : "-";
        Console.WriteLine($"{"",-22} {"median rot",12} {"mean rot",10} {"median trans",13} {"AUC",6} {"FPR95",6} {"accuracy",9}");
        Console.WriteLine($"{"PoseNet",-22} {T(e.Pose.MedianRotationDegrees, "°"),12} {T(e.Pose.MeanRotationDegrees, "°"),10} {T(e.Pose.MedianTranslationMetres, "m"),13} {e.Match.Auc,6:F3} {e.Match.Fpr95,6:F3} {e.Match.Accuracy,9:F3}");
        if (e.MeanPoseBaseline is { } m)
            Console.WriteLine($"{"training-mean pose",-22} {T(m.MedianRotationDegrees, "°"),12} {T(m.MeanRotationDegrees, "°"),10} {T(m.MedianTranslationMetres, "m"),13} {"",6} {"",6} {"",9}");
        if (e.PixelCosineBaseline is { } c)
            Console.WriteLine($"{"raw-pixel cosine",-22} {"",12} {"",10} {"",13} {c.Auc,6:F3} {c.Fpr95,6:F3} {c.Accuracy,9:F3} (best threshold)");
    }
}
