using System.Text;
using EssenceOfPose.Generators;

namespace EssenceOfPose.Fuzz.Tests;

/// <summary>
/// The generators' training logs (<c>OUT.jsonl</c> of <c>eop train ugn</c> and <c>eop train gan</c>),
/// which notebooks 06 and 07 chart and a resumed GAN run trims: valid logs, then lines that are not
/// JSON, not objects, of another kind, with steps or epochs below 1 or of the wrong type, bad bytes,
/// seeded flips and truncations, and the hostile file-system entries. Each is read with
/// <see cref="GanTrainingLog.Read"/> or <see cref="UgnTrainingLog.Read"/>.
/// </summary>
internal static class TrainingLogCorpus
{
    public const string Loader = "generator training logs (jsonl)";

    const string Gan = """
        {"kind":"trace","epoch":1,"step":25,"dReal":0.61,"dGenerated":0.66,"adversarial":0.9,"image":15000000,"feature":300,"ratio":1.4,"dTrained":0.8,"gTrained":1,"seconds":12.5}
        {"kind":"epoch","epoch":1,"step":50,"dReal":0.6,"dGenerated":0.6,"adversarial":1,"image":14000000,"feature":280,"ratio":1.2,"dTrained":0.7,"gTrained":1,"validationMse":1100,"validationFeatureError":0.4,"validationSharpness":0.8,"realProbability":0.6,"generatedProbability":0.4,"seconds":25}
        """;

    const string Ugn = """
        {"epoch":1,"step":100,"trainLoss":1500.5,"validationLoss":1400.25,"seconds":30}
        {"epoch":2,"step":200,"trainLoss":1200,"validationLoss":1250,"seconds":60}
        """;

    public static IEnumerable<(FuzzCase Case, Action Load)> Build(string dir)
    {
        var n = 0;
        (FuzzCase, Action) Case(string name, bool gan, byte[] content, Expect expect = Expect.Reject)
        {
            var path = Path.Combine(dir, $"log{n++:D3}.jsonl");
            File.WriteAllBytes(path, content);
            return Read(name, gan, path, expect);
        }
        (FuzzCase, Action) G(string name, string text, Expect expect = Expect.Reject) => Case("GAN log: " + name, true, Encoding.UTF8.GetBytes(text), expect);
        (FuzzCase, Action) U(string name, string text, Expect expect = Expect.Reject) => Case("UGN log: " + name, false, Encoding.UTF8.GetBytes(text), expect);

        yield return G("valid (control)", Gan, Expect.Accept);
        yield return G("empty: a run before its first line (control)", "", Expect.Accept);
        yield return G("CRLF line ends (control)", Gan.Replace("\n", "\r\n"), Expect.Accept);
        yield return G("NaN losses, as a diverging run writes them (control)", Gan.Replace("\"ratio\":1.4", "\"ratio\":\"NaN\""), Expect.Accept);
        yield return G("a line that is not JSON", Gan + "\n{\"kind\":\"trace\",");
        yield return G("a line that is an array", Gan + "\n[1,2]");
        yield return G("a line that is null", "null");
        yield return G("kind missing", Gan.Replace("\"kind\":\"trace\",", ""));
        yield return G("kind of another log", Gan.Replace("\"kind\":\"trace\"", "\"kind\":\"window\""));
        yield return G("kind a number", Gan.Replace("\"kind\":\"trace\"", "\"kind\":3"));
        yield return G("step 0", Gan.Replace("\"step\":25", "\"step\":0"));
        yield return G("epoch negative", Gan.Replace("\"epoch\":1,\"step\":50", "\"epoch\":-1,\"step\":50"));
        yield return G("step a string", Gan.Replace("\"step\":25", "\"step\":\"25\""));
        yield return G("step beyond int", Gan.Replace("\"step\":25", "\"step\":99999999999"));
        yield return G("a UGN log given as a GAN log", Ugn);
        yield return Case("GAN log: invalid UTF-8", true, [.. Encoding.UTF8.GetBytes(Gan), 0xff, 0xfe, (byte)'\n']);
        var bytes = Encoding.UTF8.GetBytes(Gan);
        var rng = new Random(21);
        for (var i = 0; i < 6; i++) yield return Case($"GAN log: byte flips, seed 21 #{i}", true, Mutate.Flip(bytes, rng, 0, bytes.Length, 1 + i % 3), Expect.Either);
        for (var i = 0; i < 4; i++) yield return Case($"GAN log: truncated, seed 21 #{i}", true, Mutate.Truncate(bytes, rng.Next(1, bytes.Length - 1)), Expect.Either);

        yield return U("valid (control)", Ugn, Expect.Accept);
        yield return U("a line that is not JSON", Ugn + "\nepoch 3");
        yield return U("epoch 0", Ugn.Replace("\"epoch\":2", "\"epoch\":0"));
        yield return U("trainLoss a string", Ugn.Replace("1500.5", "\"much\""));
        yield return U("a line that is null", "null");

        foreach (var (what, path) in Hostile.Entries(dir, "g.jsonl").Where(e => e.Name != "empty file"))
            yield return Read("GAN log: " + what, true, path, Expect.Reject);
    }

    static (FuzzCase, Action) Read(string name, bool gan, string path, Expect expect) =>
        (new FuzzCase(Loader, name, expect, Path.GetFileName(path)), () =>
        {
            if (gan) GanTrainingLog.Read(path);
            else UgnTrainingLog.Read(path);
        });
}
