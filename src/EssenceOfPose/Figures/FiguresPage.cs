using System.Globalization;
using System.Net;
using System.Text;
using EssenceOfPose.Data.Images;
using EssenceOfPose.Display;
using EssenceOfPose.Inversion;

namespace EssenceOfPose.Figures;

/// <summary>
/// The one page of a figures run, <c>index.html</c>: self-contained (figures embedded as PNG data
/// URIs, no script, nothing fetched), a section per figure with what it shows and which settings
/// and weights made it, the metrics tables and the bars.
/// </summary>
internal static class FiguresPage
{
    /// <summary>Section ids, in page order: settings, a–f, g–h (the generators), bars.</summary>
    public static IReadOnlyList<string> SectionIds { get; } = ["settings", "reconstructions", "regularisers", "neurons", "saliency", "deepdream", "metrics", "generators", "overfitting", "bars"];

    public static void Write(string path, PosterFiguresReport r, string figureDir)
    {
        var o = r.Options;
        var b = r.Bars;
        var weight = r.Reconstruction[0].Inversion.Weight;
        var html = new StringBuilder();
        html.Append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>The Essence of Pose: figures</title><style>")
            .Append("body{font-family:sans-serif;margin:2em;max-width:1400px}figure{margin:0;overflow-x:auto}img{image-rendering:pixelated}")
            .Append("table.metric-table{border-collapse:collapse;margin:1em 0}table.metric-table td,table.metric-table th{border:1px solid #ccc;padding:3px 8px}")
            .Append("caption{font-weight:bold;text-align:left;padding:4px 0}.note{color:#444}</style></head><body>\n");
        html.Append("<h1>The Essence of Pose: what PoseNet's codes keep</h1>\n<p class=\"note\">")
            .Append(E($"Weights {r.Model.Source} (sha256 {Short(r.Model.Sha256)}, {r.Model.Architecture}, {r.Model.LabelKind} labels; trained by: {(r.Model.TrainedBy is { Length: > 0 } trainedBy ? trainedBy : "not recorded")}). "))
            .Append(E($"Profile {o.Profile.Name()}; {b.Images} held-out images from a synthetic city rendered with seed {o.City.Seed} (the shipped weights were trained on seeds 1 and 3), {o.City.ImageSize} px, in {r.TestCity}. "))
            .Append(E(F($"Run on {r.Machine} in {r.Seconds:F0} s.")))
            .Append("</p>\n");

        Section(html, "settings", "Settings and weights");
        html.Append("<ul>")
            .Append(Li($"Reconstruction (a, f): {b.Preset}, {weight}, {b.StepsPerImage} steps per image, the {b.Batch} images as one batch per tap. " +
                       "The trained PoseNet leaves almost every conv4 ReLU dead on the start noise, so every render optimises with a surrogate gradient through dead ReLUs (the leak), which ends two to five times closer to the code than the true gradient; losses and errors are the true ones. With it the published C = 1 reconstructs best of the values tried."))
            .Append(Li($"Priors compared (b) at {o.RegulariserLayer} on {o.RegulariserImages} image(s): Mahendran–Vedaldi variants with the same C; Yosinski settings with inversion weights " +
                       string.Join(", ", r.Regularisers.Where(c => c.Preset.StartsWith("yosinski", StringComparison.Ordinal)).Select(c => $"{c.Preset}: {c.Weight}")) +
                       " (Yosinski et al. did not invert codes: the constant-rate settings 2 and 3 reconstruct best at 10, the progress-policy settings 1 and 4 at 1, of 0.1 to 10^4 on the shipped weights)."))
            .Append(Li($"Single units (c): {o.NeuronUnits} most active {o.NeuronLayer} units and {o.NeuronChannels} most active {o.NeuronConvLayer} channels on the held-out images, maximised by {o.Neurons.Name} ({o.Neurons.Steps} steps), pixels kept in 0–255."))
            .Append(Li($"Saliency (d): {string.Join(", ", o.SaliencyTargets)} on {o.SaliencyPairs} matching pairs. DeepDream (e): {o.Dream.Octaves} octaves × {o.Dream.IterationsPerOctave} steps at {string.Join(", ", o.DreamLayers)}."))
            .Append("</ul>\n");

        Section(html, "reconstructions", "a. Reconstructions by optimisation");
        html.Append(P("Each row: a held-out view A, then the image whose code at each tap matches A's (Mahendran & Vedaldi), captioned with the normalised feature error ‖Φ(x) − Φ₀‖/‖Φ₀‖ (and the start noise's), PSNR and SSIM against A."));
        Figure(html, figureDir, PosterFigures.FigureA);

        Section(html, "regularisers", "b. Priors compared");
        html.Append(P($"The same image(s) inverted at {o.RegulariserLayer} under each prior: TV isotropic or anisotropic with β = 2 or 1, without the α-norm, the TV weight λ_V swept, and Yosinski et al.'s four settings (L2 decay, blur, small-norm and small-contribution clipping)."));
        Figure(html, figureDir, PosterFigures.FigureB);
        var cells = new MetricTable("setting", "preset", "data-term weight", "objective", "mean feature error", "PSNR (dB)", "SSIM", "seconds") { NumberFormat = "F3" };
        foreach (var c in r.Regularisers) cells.AddRow(c.Label, c.Preset, c.Weight, c.Objective, c.MeanFeatureError, c.MeanPsnr, c.MeanSsim, c.Seconds);
        html.Append(cells.WithFormat("PSNR (dB)", "F2").WithFormat("seconds", "F1").ToHtml()).Append('\n');

        Section(html, "neurons", "c. Single units");
        html.Append(P($"Images that maximise one unit each, captioned with the unit and the activation reached ({r.Neurons.Preset}, {r.Neurons.Steps} steps)."));
        Figure(html, figureDir, PosterFigures.FigureC);

        Section(html, "saliency", "d. Saliency on both images of a pair");
        html.Append(P("M_ij = max_c |∂S/∂I_ijc| (Simonyan et al., 2014) for the match logit ptch_fc[1] − ptch_fc[0] and a pose_fc component, laid over A and B in grey."));
        Figure(html, figureDir, PosterFigures.FigureD);
        var sal = new MetricTable("pair", "score", "S", "p(match)", "peak on A", "peak on B", "mean on A", "mean on B") { NumberFormat = "G3" };
        foreach (var s in r.Saliency.Items) sal.AddRow($"{s.First} ~ {s.Second}", s.Score, s.Value, s.MatchProbability, s.FirstPeak, s.SecondPeak, s.FirstMean, s.SecondMean);
        html.Append(sal.ToHtml()).Append('\n');

        Section(html, "deepdream", "e. DeepDream");
        html.Append(P("What each tap amplifies: gradient ascent on ½‖a‖² at the tap, in octaves (google/deepdream)."));
        Figure(html, figureDir, PosterFigures.FigureE);

        Section(html, "metrics", "f. Metrics");
        html.Append(ReconstructionFigure.ErrorTable(r.Reconstruction).ToHtml()).Append('\n')
            .Append(ReconstructionFigure.AgreementTable(r.Reconstruction).ToHtml()).Append('\n');

        Section(html, "generators", "g. Reconstructions by networks: UGN and GAN");
        if (r.Generators is { } g && r.GeneratorTable is { } table)
        {
            html.Append(P("The poster's results panel: each held-out view, then one forward pass of the up-convolutional generator trained with MSE (UGN) and of the same generator trained adversarially (GAN, DeePSiM's losses with PoseNet as the comparator) from its code at conv4 and at fc5, captioned with the re-encoded feature error. " +
                "The table compares every method the suite has on the same images: the optimisation of (a), the generators, and another image as the baseline. Sharpness is the mean gradient magnitude over the original's (1 is as sharp); the W₁ columns are the distances of the gradient-magnitude and pixel-value distributions from the originals' (0 is indistinguishable by them); pose is how far PoseNet's reading of (x̂, B) moves from (A, B)."));
            Figure(html, figureDir, PosterFigures.FigureG);
            html.Append(table.ToHtml()).Append('\n');
            if (r.GeneratorBars is { Count: > 0 } bars)
                html.Append(P(string.Join("; ", bars.Values.Select(v => F($"{v.Tap}: GAN sharpness {v.GanSharpness:F2} against the UGN's {v.UgnSharpness:F2} ({(v.GanSharperThanUgn ? "sharper" : "NOT sharper")}), GAN feature error {v.GanFeatureError:F3} against another image's {v.OtherImageFeatureError:F3} ({(v.GanCloserThanOtherImage ? "closer" : "NOT closer")})"))) + "."));
            html.Append(P($"Generators: {string.Join(", ", g.Rows.Select(x => x.Method).Distinct().Where(m => m is "UGN" or "GAN"))} from {string.Join(", ", (r.Options.GeneratorFiles ?? []).DefaultIfEmpty("the shipped files (models/ugn-*.safetensors, models/gan-*.safetensors)"))}."));
        }
        else html.Append(P("Not run: no generators were given."));

        Section(html, "overfitting", "h. UGN: overfitting");
        if (r.Overfitting is { } ov)
        {
            html.Append(P(F($"The poster's \"UGN: Overfitting (FC5)\" panel, measured: a UGN trained for {ov.Epochs.Count} epochs on {ov.TrainImages} of the held-out city's views at {ov.Tap} reconstructs them at {ov.TrainingPsnr:F1} dB and the {ov.HeldOutImages} views it never saw at {ov.HeldOutPsnr:F1} dB") +
                (ov.PartingEpoch is { } e ? F($"; its held-out loss parts from its best after epoch {e}.") : ".") +
                " The shipped UGNs, trained on 16,588 views, do not part: their training logs ship beside them (notebook 06 charts them)."));
            Figure(html, figureDir, PosterFigures.FigureH);
        }
        else html.Append(P("Not run (OverfittingImages 0)."));

        Section(html, "bars", "Bars");
        html.Append(P(F($"Over {b.Images} held-out images with {b.Preset} ({weight}, {b.StepsPerImage} steps): ") +
            string.Join("; ", b.Layers.Select(l => F($"{l.Key}: reconstruction {l.Value.ReconstructionError:F3} vs start noise {l.Value.StartNoiseError:F3} and other image {l.Value.OtherImageError:F3} ({(l.Value.CloserThanOtherImage ? "closer" : "NOT closer")})"))) +
            F($". Closer to Φ₀ than a different image at every tap: {(b.CloserThanOtherImageAtEveryLayer ? "yes" : "no")}. {b.SecondsPerImage:F2} s per image for a batch of {b.Batch} (all taps).")));
        html.Append("</section>\n</body></html>\n");
        AtomicFile.WriteAllText(path, html.ToString());
    }

    /// <summary>Closes the previous section (if any) and opens the next.</summary>
    static void Section(StringBuilder html, string id, string title)
    {
        if (id != SectionIds[0]) html.Append("</section>\n");
        html.Append($"<section id=\"{id}\"><h2>{E(title)}</h2>\n");
    }

    static void Figure(StringBuilder html, string dir, string file)
    {
        var data = Convert.ToBase64String(File.ReadAllBytes(Path.Combine(dir, file)));
        html.Append($"<figure><img alt=\"{E(file)}\" src=\"data:image/png;base64,{data}\"><figcaption class=\"note\">{E(file)}</figcaption></figure>\n");
    }

    static string P(string text) => $"<p>{E(text)}</p>\n";

    static string Li(string text) => $"<li>{E(text)}</li>";

    static string E(string text) => WebUtility.HtmlEncode(text);

    static string F(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);

    static string Short(string sha) => sha.Length > 12 ? sha[..12] + "…" : sha;
}
