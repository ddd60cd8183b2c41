using System.Text.Json;
using EssenceOfPose.Data.Images;
using EssenceOfPose.Data.StreetView;
using EssenceOfPose.Models;
using EssenceOfPose.Notebooks;
using SharpFuzz;

// One parser per run, named by the first argument; libFuzzer (through libfuzzer-dotnet) feeds the
// bytes. A documented refusal is the parser working; any other exception, a hang or a memory
// blow-up is a finding, which libFuzzer saves as a crash-* file for the corpus.
var target = args.FirstOrDefault() ?? "";
Action<ReadOnlySpan<byte>>? run = target switch
{
    "safetensors" => data => ViaFile(data, ".safetensors", path => { using var _ = Safetensors.Load(path); }),
    "checkpoint" => data => ViaFile(data, ".safetensors", path => Checkpoint.Load(path).Model.Dispose()),
    "image" => data => RgbImage.Decode(data, "fuzz-input"),
    "streetview-text" => data => StreetViewText.Parse("fuzz.txt", System.Text.Encoding.UTF8.GetString(data)),
    "tar" => data => ViaFile(data, ".tar", path => StreetViewDataset.Load(path, LoadOptions.Lenient)),
    "notebook" => data => ViaFile(data, ".ipynb", path => NotebookFile.Load(path)),
    _ => null,
};
if (run is null)
{
    Console.Error.WriteLine("usage: EssenceOfPose.Fuzz.Harness safetensors|checkpoint|image|streetview-text|tar|notebook  (run under libfuzzer-dotnet)");
    return 2;
}
Fuzzer.LibFuzzer.Run(span =>
{
    try
    {
        run(span);
    }
    catch (Exception e) when (e is IOException or FormatException or InvalidDataException or JsonException
        or SafetensorsException or CheckpointException or ArgumentException)
    {
        // A clear refusal: what the parser is for.
    }
});
return 0;

static void ViaFile(ReadOnlySpan<byte> data, string extension, Action<string> load)
{
    var path = Path.Combine(Path.GetTempPath(), $"eop-fuzz-{Environment.ProcessId}{extension}");
    File.WriteAllBytes(path, data.ToArray());
    try
    {
        load(path);
    }
    finally
    {
        File.Delete(path);
    }
}
