using System.CommandLine;
using System.Globalization;
using EssenceOfPose.Data.Pairs;
using EssenceOfPose.Models;
using EssenceOfPose.Training;

namespace EssenceOfPose.Cli;

/// <summary>`eop train posenet`: the original objective and solver on a 3D Street View folder.</summary>
internal static class TrainCommand
{
    public static Command Create()
    {
        var data = new Option<DirectoryInfo[]>("--data")
        {
            Description = "dataset roots (3D Street View format: .jpg + .txt, folders or .tar); the first is split into training and held-out targets, any further ones are cities trained on whole",
            Required = true,
            AllowMultipleArgumentsPerToken = true,
        };
        var output = new Option<FileInfo>("--out") { Description = "checkpoint to write (.safetensors); OUT.jsonl gets per-epoch metrics, OUT.train/ the resumable state", Required = true };
        var profile = new Option<string>("--profile") { Description = "quick (smoke test) or full (the shipped weights' run)", DefaultValueFactory = _ => "full" };
        var arch = new Option<string?>("--arch") { Description = $"{PoseNet.Name} or {SmallNetV5.Name}" };
        var labels = new Option<PoseLabelKind?>("--labels") { Description = "Dof2, Dof5, Dof6 (default) or QuaternionTranslation" };
        var epochs = new Option<int?>("--epochs");
        var batch = new Option<int?>("--batch");
        var solver = new Option<PoseSolver?>("--solver") { Description = "Sgd (the original), Adam or AdamW" };
        var poseWeight = new Option<double?>("--pose-weight") { Description = "weight of the L1 pose loss beside the matching loss (default 10, the original's)" };
        var initFrom = new Option<FileInfo?>("--init-from") { Description = "start from this checkpoint's weights (same architecture and labels): fine-tuning" };
        var augment = new Option<bool>("--augment") { Description = "mirror pairs left-right (pose labels mirrored) and jitter each image's exposure and colour balance" };
        var freeze = new Option<string?>("--freeze-through") { Description = "with --init-from: keep the tower frozen through this tap (e.g. fc5) and train the layers above it on codes computed once; the codes, and the generators trained on them, stay valid" };
        var fixedNegatives = new Option<bool>("--fixed-negatives") { Description = "keep the first epoch's non-matching pairs for every epoch instead of drawing new ones" };
        var init = new Option<WeightInit?>("--init") { Description = "He (default) or Caffe (the prototxts' gaussian fillers)" };
        var lr = new Option<double?>("--lr") { Description = "base learning rate (default 0.001)" };
        var stepSize = new Option<int?>("--step-size") { Description = "iterations between learning-rate halvings" };
        var seed = new Option<int?>("--seed");
        var every = new Option<int?>("--checkpoint-every") { Description = "steps between resumable checkpoints" };
        var threads = new Option<int?>("--threads");
        var splitCell = new Option<double?>("--split-cell") { Description = "geographic split cell size in metres (default 250)" };
        var resume = new Option<bool>("--resume") { Description = "continue from OUT.train/ (same options)" };
        var json = new Option<FileInfo?>("--json") { Description = "write the final numbers to this JSON file" };
        var device = VerbSupport.DeviceOption();
        var posenet = new Command("posenet", "Train the siamese PoseNet (pose regression + matching) and write a checkpoint.")
        {
            data, output, profile, arch, labels, epochs, batch, solver, poseWeight, initFrom, freeze, augment, fixedNegatives, init, lr, stepSize, seed, every, threads, splitCell, resume, json, device,
        };
        posenet.SetAction((r, ct) => VerbSupport.Guard("train posenet", () =>
        {
            var o = VerbSupport.Profile(r, profile).Pick(PoseNetTrainingOptions.Quick, PoseNetTrainingOptions.Full);
            o = o with
            {
                Architecture = r.GetValue(arch) ?? o.Architecture,
                LabelKind = r.GetValue(labels) ?? o.LabelKind,
                Epochs = r.GetValue(epochs) ?? o.Epochs,
                BatchSize = r.GetValue(batch) ?? o.BatchSize,
                Solver = r.GetValue(solver) ?? o.Solver,
                Init = r.GetValue(init) ?? o.Init,
                BaseLr = r.GetValue(lr) ?? o.BaseLr,
                StepSize = r.GetValue(stepSize) ?? o.StepSize,
                Seed = r.GetValue(seed) ?? o.Seed,
                CheckpointEvery = r.GetValue(every) ?? o.CheckpointEvery,
                Threads = r.GetValue(threads) ?? o.Threads,
                SplitCellMetres = r.GetValue(splitCell) ?? o.SplitCellMetres,
                PoseLossWeight = r.GetValue(poseWeight) ?? o.PoseLossWeight,
                InitFrom = r.GetValue(initFrom)?.FullName ?? o.InitFrom,
                ResampleNegatives = !r.GetValue(fixedNegatives) && o.ResampleNegatives,
                Augment = r.GetValue(augment) || o.Augment,
                FreezeThrough = r.GetValue(freeze) ?? o.FreezeThrough,
                Device = r.GetValue(device)!,
            };
            DeviceName.Parse(o.Device); // refused before the data loads
            if (!(o.PoseLossWeight >= 0 && double.IsFinite(o.PoseLossWeight)))
                throw new ArgumentException($"--pose-weight {o.PoseLossWeight}: expected a finite weight >= 0");
            if (o.InitFrom is { } from && !File.Exists(from))
                throw new ArgumentException($"--init-from {from}: no such checkpoint");
            if (o.FreezeThrough is { } through)
            {
                if (o.InitFrom is null) throw new ArgumentException($"--freeze-through {through}: needs --init-from, the trained network whose tower is kept");
                using var shape = Checkpoint.Create(o.Architecture, o.LabelKind);
                try { shape.StageIndex(TapName.Parse(through)); }
                catch (Exception e) when (e is FormatException or ArgumentException) { throw new ArgumentException($"--freeze-through: {e.Message}"); }
            }
            var outPath = r.GetValue(output)!.FullName;
            if (r.GetValue(resume) && !File.Exists(Path.Combine(outPath + ".train", "state.json")))
                throw new ArgumentException($"--resume: nothing to resume, {outPath}.train/state.json does not exist; run without --resume to start fresh");
            var command = "eop " + string.Join(' ', Environment.GetCommandLineArgs().Skip(1));
            var dirs = r.GetValue(data)!.Select(d => d.FullName).ToArray();
            Console.WriteLine($"loading {string.Join(", ", dirs)} ...");
            using var prepared = PoseNetData.Load(dirs, SplitSpec.From(o));
            Console.WriteLine($"{prepared.Dataset.Views.Count} views, {prepared.Dataset.Targets.Count} targets; split {prepared.SplitReport}");
            if (prepared.Datasets.Count > 1)
                Console.WriteLine($"and {prepared.Datasets.Count - 1} training cities: {prepared.TrainTargets.Count} training targets in all");
            Console.WriteLine($"train pairs {prepared.TrainPairs.Count} ({prepared.TrainPairs.Positives.Count} matching), test pairs {prepared.TestPairs.Count}; {o.Solver}, batch {o.BatchSize}, {o.Epochs} epochs, {o.Threads} threads");
            if (o.FreezeThrough is { } frozen)
                Console.WriteLine($"tower frozen through {frozen}: its codes are computed once for {prepared.Cache.Views.Count} views{(o.Augment ? " in 4 variants (as is, mirrored, jittered, both)" : "")} before the first step");
            var progress = new ConsoleProgress<TrainingProgress>(Describe);
            var result = new PoseNetTrainer(o).Run(prepared, outPath, command, r.GetValue(resume), progress, ct);
            progress.Done();
            if (!result.Completed)
            {
                Console.WriteLine($"stopped at step {result.Steps}; continue with --resume");
                return 130;
            }
            Console.WriteLine($"wrote {outPath} after {result.Steps} steps in {result.Elapsed:hh\\:mm\\:ss} ({result.PairsPerSecond:F1} pairs/s)");
            EvalCommand.Print(result.Evaluation!);
            if (r.GetValue(json) is { } file)
                JsonOutput.Write(file, new { checkpoint = outPath, steps = result.Steps, seconds = result.Elapsed.TotalSeconds, pairsPerSecond = result.PairsPerSecond, options = o, evaluation = result.Evaluation });
            return 0;
        }));
        return new Command("train", "Training.") { posenet, UgnCommands.Train(), GanCommands.Train() };
    }

    static string Describe(TrainingProgress p) => string.Create(CultureInfo.InvariantCulture,
        $"epoch {p.Epoch}/{p.Epochs} step {p.Step}/{p.TotalSteps} loss {p.Loss:F4} (pose {p.PoseLoss:F4}, match {p.MatchLoss:F4}) lr {p.Lr:G3} {p.Elapsed:hh\\:mm\\:ss}");
}
