using System.Text.Json.Nodes;
using EssenceOfPose.Generators;

namespace EssenceOfPose.Fuzz.Tests;

/// <summary>
/// Generators (safetensors written by <c>eop train ugn</c>): a valid small fc5 generator, then its
/// metadata rewritten field by field (format, tap, code shape, output size, options, the PoseNet's
/// sha256, provenance) so that it contradicts the tensors or asks for absurd sizes, its tensors
/// removed, added, reshaped and poisoned, seeded flips and truncations, and the hostile file-system
/// entries. Each is loaded with <see cref="UgnCheckpoint.Load"/>, as <c>eop reconstruct</c> and
/// <c>eop compare</c> load it.
/// </summary>
internal static class GeneratorCorpus
{
    public const string Loader = "generators (UGN safetensors)";

    public static IEnumerable<(FuzzCase Case, string Path)> Build(string dir)
    {
        var valid = Path.Combine(dir, "generator.safetensors");
        var options = UgnOptions.Tiny;
        using (var g = new UpConvGenerator([500], options))
            UgnCheckpoint.Save(valid, g, new UgnInfo { Tap = "fc5", CodeShape = [500], PoseNetSha256 = new string('a', 64), Options = options });
        var cases = new SafetensorsCases(dir, "gen", Loader, valid);
        var (bytes, headerLength, header) = (cases.Bytes, cases.HeaderLength, cases.HeaderJson);
        var Write = cases.Write;
        var Header = cases.Header;
        var Meta = SafetensorsCases.Meta;
        string Options(Func<JsonObject, JsonObject> edit) => edit(JsonNode.Parse(options.ToJson())!.AsObject()).ToJsonString();

        yield return Write("valid fc5 generator (control)", bytes, Expect.Accept);
        yield return Header("header re-serialised unchanged (control)", _ => { }, Expect.Accept);

        // The metadata's own fields.
        yield return Header("no __metadata__", h => h.Remove("__metadata__"));
        yield return Header("format of a PoseNet checkpoint", h => Meta(h)["format"] = "essence-of-pose/posenet-checkpoint-v1");
        yield return Header("format missing", h => Meta(h).Remove("format"));
        // A tap no PoseNet has (fc9) is a well-formed name: the file loads, and the model it is used with refuses it (eop reconstruct's tests).
        yield return Header("tap of another network (control)", h => Meta(h)["tap"] = "fc9", Expect.Accept);
        yield return Header("tap with two colons", h => Meta(h)["tap"] = "fc5:pre:pre");
        yield return Header("tap empty", h => Meta(h)["tap"] = "");
        yield return Header("tap missing", h => Meta(h).Remove("tap"));
        yield return Header("code_shape not JSON", h => Meta(h)["code_shape"] = "[500");
        yield return Header("code_shape of four axes", h => Meta(h)["code_shape"] = "[500,1,1,1]");
        yield return Header("code_shape negative", h => Meta(h)["code_shape"] = "[-500]");
        yield return Header("code_shape 2^40", h => Meta(h)["code_shape"] = "[1099511627776]");
        yield return Header("code_shape a non-square map", h => Meta(h)["code_shape"] = "[160,4,5]");
        yield return Header("code_shape of a conv4 map over fc5 tensors", h => Meta(h)["code_shape"] = "[160,4,4]");
        yield return Header("code_shape 501 over 500-wide tensors", h => Meta(h)["code_shape"] = "[501]");
        yield return Header("output_size 0", h => Meta(h)["output_size"] = "0");
        yield return Header("output_size 100000", h => Meta(h)["output_size"] = "100000");
        yield return Header("output_size not a number", h => Meta(h)["output_size"] = "101px");
        yield return Header("posenet_sha256 not hex", h => Meta(h)["posenet_sha256"] = new string('z', 64));
        yield return Header("posenet_sha256 too short", h => Meta(h)["posenet_sha256"] = "abc");
        yield return Header("options not JSON", h => Meta(h)["options"] = "{channels:");
        yield return Header("options with an unknown field", h => Meta(h)["options"] = Options(o => { o["depth"] = 9; return o; }));
        yield return Header("options channels 0", h => Meta(h)["options"] = Options(o => { o["channels"] = 0; return o; }));
        yield return Header("options channels 4096 over tiny tensors", h => Meta(h)["options"] = Options(o => { o["channels"] = 4096; return o; }));
        yield return Header("options leaky slope 1", h => Meta(h)["options"] = Options(o => { o["leaky_slope"] = 1; return o; }));
        yield return Header("options output scale NaN", h => Meta(h)["options"] = Options(o => { o["output_scale"] = "NaN"; return o; }));
        yield return Header("options fc_layers 9", h => Meta(h)["options"] = Options(o => { o["fc_layers"] = 9; return o; }));
        yield return Header("options is null", h => Meta(h)["options"] = "null");
        yield return Header("provenance is not JSON", h => Meta(h)["provenance"] = "{not json");

        // Tensors that do not fit the generator the metadata describes.
        yield return Header("a tensor missing", h => h.Remove("conv_out.bias"));
        yield return Header("an unexpected tensor", h => h["conv9.weight"] = h["conv_out.bias"]!.DeepClone());
        yield return Header("a batch norm's statistics missing", h => h.Remove("deconv1_bn.running_var"));
        yield return Header("conv_out.bias of 4 values", h => h["conv_out.bias"]!["shape"] = new JsonArray(4));
        foreach (var (what, value) in new[] { ("NaN", float.NaN), ("+infinity", float.PositiveInfinity) })
            foreach (var tensor in new[] { "defc1.weight", "deconv1_bn.running_var", "conv_out.bias" })
                yield return Write($"{what} in {tensor}", SafetensorsCorpus.Poison(bytes, headerLength, header, tensor, value));
        yield return Write("data cut by 100 bytes", bytes[..^100]);
        yield return Write("data cut at the header", bytes[..(8 + headerLength)]);

        // Seeded blind mutations.
        var rng = new Random(12);
        for (var i = 0; i < 10; i++)
            yield return Write($"header byte flips, seed 12 #{i}", Mutate.Flip(bytes, rng, 8, 8 + headerLength, 1 + i % 3), Expect.Either);
        for (var i = 0; i < 4; i++)
            yield return Write($"data byte flips, seed 12 #{i}", Mutate.Flip(bytes, rng, 8 + headerLength, bytes.Length, 8), Expect.Either);
        for (var i = 0; i < 4; i++)
            yield return Write($"truncated at a random byte, seed 12 #{i}", Mutate.Truncate(bytes, rng.Next(0, bytes.Length - 1)));

        foreach (var (what, path) in Hostile.Entries(dir, "g.safetensors"))
            yield return (new FuzzCase(Loader, what, Expect.Reject, Path.GetFileName(path)), path);
    }
}
