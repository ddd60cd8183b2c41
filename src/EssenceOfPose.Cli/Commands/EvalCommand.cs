using System.CommandLine;
using System.Text.Json;
using EssenceOfPose.Models;
using EssenceOfPose.Training;

namespace EssenceOfPose.Cli;

/// <summary>`eop eval posenet`: a checkpoint on the held-out geographic split, beside two baselines.</summary>
internal static class EvalCommand
{
    public static Command Create()
    {
        var model = new Option<FileInfo>("--model") { Description = "checkpoint (.safetensors) written by eop train posenet or eop import caffe", Required = true };
        var data = new Option<DirectoryInfo>("--data") { Description = "dataset root the split is drawn from", Required = true };
        var json = new Option<FileInfo?>("--json") { Description = "write every figure (and the ROC points) to this JSON file" };
        var threads = new Option<int?>("--threads");
        var posenet = new Command("posenet", "Rotation, translation and matching figures on the held-out split, with the mean-pose and raw-pixel baselines.") { model, data, json, threads };
        posenet.SetAction(r =>
        {
            if (r.GetValue(threads) is { } n) torch.set_num_threads(n);
            var path = r.GetValue(model)!.FullName;
            var (net, info) = Checkpoint.Load(path);
            using var _ = net;
            // The split the checkpoint was trained with, so the held-out targets are the same ones.
            var split = SplitSpec.Of(info, path);
            using var prepared = PoseNetData.Load(r.GetValue(data)!.FullName, split);
            var eval = PoseNetEvaluator.Evaluate(net, info, prepared, baselines: true);
            Console.WriteLine($"{path} ({info.Architecture}, {info.LabelKind}) on {eval.TestTargets} held-out targets, {eval.TestPairs} pairs");
            Print(eval);
            if (r.GetValue(json) is { } file) JsonOutput.Write(file, new { model = path, split, evaluation = eval });
            return 0;
        });
        return new Command("eval", "Evaluation.") { posenet };
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
