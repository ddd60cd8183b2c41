using System.CommandLine;
using EssenceOfPose.Data.StreetView;
using EssenceOfPose.Display;

namespace EssenceOfPose.Cli;

/// <summary>`eop dataset show`: one target's views as a captioned PNG grid.</summary>
internal static class DatasetShowCommand
{
    public static Command Create()
    {
        var root = new Option<DirectoryInfo>("--root") { Description = "dataset root (folders or .tar bundles)", Required = true };
        var target = new Option<string>("--target") { Description = "TargetID (or DATASET/TARGET)", Required = true };
        var output = new Option<FileInfo>("--out") { Description = "PNG to write", Required = true };
        var cmd = new Command("show", "Draw one target's views, captioned with heading, pitch and distance, into a PNG.") { root, target, output };
        cmd.SetAction(r =>
        {
            var dataset = StreetViewDataset.Load(r.GetValue(root)!.FullName);
            var t = DatasetTour.Find(dataset, r.GetValue(target)!);
            var path = r.GetValue(output)!.FullName;
            DatasetTour.Target(t).Save(path);
            Console.WriteLine($"{t}: wrote {path}");
            return 0;
        });
        return cmd;
    }
}
