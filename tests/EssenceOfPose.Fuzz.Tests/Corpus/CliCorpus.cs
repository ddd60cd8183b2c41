using EssenceOfPose.Data.Images;
using EssenceOfPose.Models;

namespace EssenceOfPose.Fuzz.Tests;

/// <summary>One `eop` invocation: its arguments, the exit codes that mean a refusal, and whether its message is a report on stdout.</summary>
internal sealed record ProcessCase(FuzzCase Case, string[] Args, int[]? RefuseCodes = null, bool Report = false);

/// <summary>
/// `eop` as a user drives it, each case a process of its own: numeric options out of range or not
/// finite, folders, pipes and devices where files go, checkpoints with NaN weights, decompression
/// bombs as images, datasets with NaN coordinates or a view per target, `--resume` with nothing to
/// resume, `--json` at a folder. Needs the inputs <see cref="Prepare"/> writes.
/// </summary>
internal static class CliCorpus
{
    public const string Loader = "CLI arguments";

    /// <summary>Writes the shared inputs: a dataset copy, a valid and a NaN checkpoint, images, a pipe, and the rest.</summary>
    public static void Prepare(string dir, string fixture)
    {
        void Dataset(string name, Func<string, string, string>? edit = null)
        {
            var folder = Path.Combine(dir, name, "0011");
            Directory.CreateDirectory(folder);
            foreach (var f in Directory.EnumerateFiles(fixture).Where(f => !f.EndsWith(".md")))
            {
                var target = Path.Combine(folder, Path.GetFileName(f));
                if (edit is not null && f.EndsWith(".txt")) File.WriteAllText(target, edit(Path.GetFileName(f), File.ReadAllText(f)));
                else File.Copy(f, target);
            }
        }
        Dataset("data");
        Dataset("nan-data", (name, text) => name == "0011_1003_1_45.txt" ? ReplaceField(text, 5, "NaN") : text);
        // Every view its own target: no matching pair can be drawn.
        var next = 100;
        Dataset("single-views", (_, text) => ReplaceField(text, 2, (next++).ToString(System.Globalization.CultureInfo.InvariantCulture)));
        foreach (var f in Directory.EnumerateFiles(Path.Combine(dir, "single-views", "0011"), "*.jpg").ToList())
        {
            var parts = Path.GetFileNameWithoutExtension(f).Split('_');
            var txt = Path.ChangeExtension(f, ".txt");
            var target = File.ReadAllText(txt).Split(' ')[2];
            var renamed = Path.Combine(Path.GetDirectoryName(f)!, $"{parts[0]}_{parts[1]}_{parts[2]}_{target}{Path.GetExtension(f)}");
            if (renamed != f) File.Move(f, renamed);
        }
        foreach (var f in Directory.EnumerateFiles(Path.Combine(dir, "single-views", "0011"), "*.txt").ToList())
        {
            var parts = Path.GetFileNameWithoutExtension(f).Split('_');
            var target = File.ReadAllText(f).Split(' ')[2];
            var renamed = Path.Combine(Path.GetDirectoryName(f)!, $"{parts[0]}_{parts[1]}_{parts[2]}_{target}.txt");
            if (renamed != f) File.Move(f, renamed);
        }
        Dataset("zero-link");
        File.Delete(Path.Combine(dir, "zero-link", "0011", "0011_1003_1_45.txt"));
        File.CreateSymbolicLink(Path.Combine(dir, "zero-link", "0011", "0011_1003_1_45.txt"), "/dev/zero");

        using (var net = new PoseNet())
        {
            var info = new CheckpointInfo { Architecture = PoseNet.Name, Mean = [104, 117, 123] };
            Checkpoint.Save(Path.Combine(dir, "model.safetensors"), net, info);
            using (torch.no_grad()) net.state_dict()["fc6.bias"].fill_(float.NaN);
            Checkpoint.Save(Path.Combine(dir, "nan.safetensors"), net, info);
        }
        var pixels = new byte[32 * 32 * 3];
        new Random(5).NextBytes(pixels);
        var image = new RgbImage(32, 32, pixels);
        File.WriteAllBytes(Path.Combine(dir, "a.png"), image.EncodePng());
        File.WriteAllBytes(Path.Combine(dir, "b.png"), image.EncodePng());
        var jpeg = image.EncodeJpeg();
        for (var i = 2; i + 9 < jpeg.Length; i++)
            if (jpeg[i] == 0xFF && jpeg[i + 1] == 0xC0)
            {
                jpeg[i + 5] = 0x4E; jpeg[i + 6] = 0x20; jpeg[i + 7] = 0x4E; jpeg[i + 8] = 0x20; // 20000×20000
                break;
            }
        File.WriteAllBytes(Path.Combine(dir, "bomb.jpg"), jpeg);
        foreach (var (what, path) in Hostile.Entries(dir, "x").ToList())
        {
            var named = Path.Combine(dir, what.Replace(' ', '-').Replace('/', '-'));
            if (Directory.Exists(path)) Directory.Move(path, named);
            else if (what != "missing file") File.Move(path, named);
        }
        File.WriteAllText(Path.Combine(dir, "manifest.json"), """{"name": "fuzz", "kind": "synthetic", "generator": {"name": "fixture", "version": "1", "seed": 0}}""");
        Directory.CreateDirectory(Path.Combine(dir, "json-folder"));
        File.WriteAllText(Path.Combine(dir, "nb.ipynb"), """{"cells": [], "metadata": {}, "nbformat": 4, "nbformat_minor": 5}""");
    }

    static string ReplaceField(string text, int index, string value)
    {
        var t = text.TrimEnd('\n').Split(' ');
        t[index] = value;
        return string.Join(' ', t) + "\n";
    }

    public static IEnumerable<ProcessCase> Build(bool slow)
    {
        ProcessCase C(string name, string mustName, params string[] args) => new(new FuzzCase(Loader, name, Expect.Reject, mustName), args);
        string[] train = ["train", "posenet", "--data", "data", "--out", "out/t.safetensors", "--profile", "quick"];
        string[] saliency = ["saliency", "--image", "a.png", "--partner", "b.png", "--out", "out/s"];

        // Numeric options, refused while parsing: no data is read.
        yield return C("--batch 0", "--batch", [.. train, "--batch", "0"]);
        yield return C("--epochs 0", "--epochs", [.. train, "--epochs", "0"]);
        yield return C("--lr NaN", "--lr", [.. train, "--lr", "NaN"]);
        yield return C("--lr -1", "--lr", [.. train, "--lr", "-1"]);
        yield return C("--threads 0", "--threads", [.. train, "--threads", "0"]);
        yield return C("--split-cell 0", "--split-cell", [.. train, "--split-cell", "0"]);
        yield return C("--pose-weight Infinity", "--pose-weight", [.. train, "--pose-weight", "Infinity"]);
        yield return C("--step-size -5", "--step-size", [.. train, "--step-size", "-5"]);
        yield return C("--batch 1e9 (not an integer)", "--batch", [.. train, "--batch", "1e9"]);
        yield return C("--steps 0", "--steps", ["invert", "--layer", "fc6", "--image", "a.png", "--out", "out/i", "--steps", "0"]);
        yield return C("--leak 5", "--leak", ["invert", "--layer", "fc6", "--image", "a.png", "--out", "out/i", "--leak", "5"]);
        yield return C("--octaves 0", "--octaves", ["dream", "--layer", "fc6", "--image", "a.png", "--out", "out/d", "--octaves", "0"]);
        yield return C("--count 0", "--count", ["neuron", "--layer", "fc6", "--out", "out/n", "--count", "0"]);
        yield return C("--timeout 0", "--timeout", ["notebooks", "run", "nb.ipynb", "--timeout", "0"]);
        yield return C("--size 0", "--size", ["dataset", "synth", "--out", "out/city", "--size", "0"]);
        yield return C("--max-image-pixels 0", "--max-image-pixels", [.. saliency, "--max-image-pixels", "0"]);
        yield return C("an unknown option", "--bogus", [.. saliency, "--bogus", "1"]);

        // Files that are not what they should be.
        yield return C("--model a folder", "json-folder", [.. saliency, "--model", "json-folder"]);
        yield return C("--model a named pipe", "named-pipe", [.. saliency, "--model", "named-pipe"]);
        yield return C("--model a link to /dev/zero", "link-to--dev-zero", [.. saliency, "--model", "link-to--dev-zero"]);
        yield return C("--model a 5 GB sparse file", "5-GB-sparse-file", [.. saliency, "--model", "5-GB-sparse-file"]);
        yield return C("--image a named pipe", "named-pipe", ["saliency", "--model", "model.safetensors", "--image", "named-pipe", "--partner", "b.png", "--out", "out/s"]);
        yield return C("--image a 20000×20000 JPEG bomb", "bomb.jpg", ["saliency", "--model", "model.safetensors", "--image", "bomb.jpg", "--partner", "b.png", "--out", "out/s"]);
        yield return C("--manifest a named pipe", "named-pipe", ["dataset", "verify", "--manifest", "named-pipe", "--root", "data"]);
        yield return C("--manifest a folder", "json-folder", ["dataset", "verify", "--manifest", "json-folder", "--root", "data"]);
        yield return C("--json a folder", "json-folder", ["dataset", "verify", "--manifest", "manifest.json", "--root", "data", "--json", "json-folder"]);
        yield return C("--resume with nothing to resume", "--resume", [.. train, "--resume"]);
        yield return C("--init-from a folder", "json-folder", [.. train, "--init-from", "json-folder"]);

        // Values checked where they enter.
        yield return C("checkpoint with NaN weights (saliency)", "nan.safetensors", ["saliency", "--model", "nan.safetensors", "--image", "a.png", "--partner", "b.png", "--out", "out/s"]);
        yield return C("checkpoint with NaN weights (eval)", "nan.safetensors", ["eval", "posenet", "--model", "nan.safetensors", "--data", "data"]);
        yield return C("a .txt with a NaN latitude (eval)", "0011_1003_1_45.txt", ["eval", "posenet", "--model", "model.safetensors", "--data", "nan-data"]);
        yield return C("a .txt linked to /dev/zero (eval)", "0011_1003_1_45.txt", ["eval", "posenet", "--model", "model.safetensors", "--data", "zero-link"]);
        yield return new(new FuzzCase(Loader, "a .txt linked to /dev/zero (dataset verify)", Expect.Reject, "0011_1003_1_45.txt"), ["dataset", "verify", "--manifest", "manifest.json", "--root", "zero-link"], [1, 2], Report: true);
        yield return new(new FuzzCase(Loader, "a .txt with a NaN latitude (dataset verify)", Expect.Reject, "0011_1003_1_45.txt"), ["dataset", "verify", "--manifest", "manifest.json", "--root", "nan-data"], [1, 2], Report: true);
        if (!slow) yield break;
        yield return C("every target one view (train)", "single-views", ["train", "posenet", "--data", "single-views", "--out", "out/t.safetensors", "--profile", "quick", "--epochs", "1"]);
        yield return C("one held-out target (eval on the fixture)", "data", ["eval", "posenet", "--model", "model.safetensors", "--data", "data"]);
        yield return C("every target one view (eval)", "single-views", ["eval", "posenet", "--model", "model.safetensors", "--data", "single-views"]);
        yield return C("--image a 20000×20000 JPEG bomb (dream)", "bomb.jpg", ["dream", "--model", "model.safetensors", "--layer", "fc6", "--image", "bomb.jpg", "--out", "out/d"]);
        yield return C("--image a 20000×20000 JPEG bomb (invert)", "bomb.jpg", ["invert", "--model", "model.safetensors", "--layer", "fc6", "--image", "bomb.jpg", "--out", "out/i", "--steps", "1"]);
        yield return C("checkpoint with NaN weights (invert)", "nan.safetensors", ["invert", "--model", "nan.safetensors", "--layer", "fc6", "--image", "a.png", "--out", "out/i", "--steps", "1"]);
    }

    public static string Describe(ProcessCase c) => "eop " + string.Join(' ', c.Args.Select(a => a.Contains(' ') ? $"'{a}'" : a));

    /// <summary>Temporaries a failed write left behind (the atomic writers' *.tmp).</summary>
    public static IEnumerable<string> Leftovers(string dir) =>
        Directory.EnumerateFiles(dir, "*.tmp", new EnumerationOptions { RecurseSubdirectories = true, AttributesToSkip = 0 });

}
