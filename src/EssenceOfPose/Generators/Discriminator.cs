using System.Text.Json;

namespace EssenceOfPose.Generators;

/// <summary>Width, dropout and conditioning of a <see cref="Discriminator"/>.</summary>
public sealed record DiscriminatorOptions
{
    /// <summary>Channels of the first convolution; the others are 2×, 4×, 8× and 8× it (DeePSiM: 32, 64, 128, 256, 256).</summary>
    public int Channels { get; init; } = 32;

    /// <summary>Units of the hidden fully connected layer (DeePSiM: 256).</summary>
    public int FcWidth { get; init; } = 256;

    /// <summary>Dropout probability before each fully connected layer, in training only (DeePSiM: 0.5).</summary>
    public double Dropout { get; init; } = 0.5;

    /// <summary>Also feed the code the image should have (through its own fully connected layer) beside the pooled image features, as DeePSiM probably did.</summary>
    public bool Conditioned { get; init; }

    public static DiscriminatorOptions Default { get; } = new();

    /// <summary>A narrow discriminator for tests.</summary>
    public static DiscriminatorOptions Tiny { get; } = new() { Channels = 4, FcWidth = 16 };

    /// <summary>The first option out of range, in words; null when all are valid.</summary>
    public string? Problem() =>
        Channels is < 1 or > 1024 ? $"discriminator channels {Channels}: expected 1 to 1024"
        : FcWidth is < 1 or > 65536 ? $"discriminator fc_width {FcWidth}: expected 1 to 65536"
        : !(Dropout >= 0 && Dropout < 1) ? $"--dropout {Dropout}: expected 0 to 1 (exclusive)"
        : null;

    public string ToJson() => JsonSerializer.Serialize(this, Json);

    static readonly JsonSerializerOptions Json = new() { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };
}

/// <summary>
/// The adversary of DeePSiM (Dosovitskiy &amp; Brox, NIPS 2016), scaled to PoseNet's 101×101
/// patches: convolutions 32@7×7 stride 4 (101 → 26), 64@5×5, 128@3×3 stride 2 (→ 13), 256@3×3,
/// 256@3×3 stride 2 (→ 7), each followed by a ReLU and none by batch norm; global average pooling;
/// dropout, a fully connected layer of 256 with ReLU, dropout, and two logits (generated, real).
/// With <see cref="DiscriminatorOptions.Conditioned"/> the code goes through its own fully
/// connected layer and ReLU and is concatenated with the pooled features. Images come in the
/// network's input space (mean subtracted, about ±128) and are divided by 64 on the way in.
/// </summary>
public sealed class Discriminator : nn.Module<Tensor, Tensor?, Tensor>
{
    readonly Module[] convs;
    readonly Linear? codeFc;
    readonly Linear fc6, fc7;
    readonly Dropout drop6, drop7;

    public const double InputScale = 1.0 / 64;

    /// <summary>Class index of a real image among the two logits (0 is generated).</summary>
    public const long Real = 1;

    /// <param name="codeShape">The code's shape (no batch axis); used only when conditioned.</param>
    public Discriminator(IReadOnlyList<long> codeShape, DiscriminatorOptions options) : base("discriminator")
    {
        if (options.Problem() is { } problem) throw new ArgumentException(problem);
        Options = options;
        CodeShape = codeShape.ToArray();
        var c = options.Channels;
        convs =
        [
            nn.Conv2d(3, c, 7, stride: 4, padding: 3),
            nn.Conv2d(c, 2 * c, 5, padding: 2),
            nn.Conv2d(2 * c, 4 * c, 3, stride: 2, padding: 1),
            nn.Conv2d(4 * c, 8 * c, 3, padding: 1),
            nn.Conv2d(8 * c, 8 * c, 3, stride: 2, padding: 1),
        ];
        for (var i = 0; i < convs.Length; i++) register_module($"conv{i + 1}", convs[i]);
        var features = 8L * c;
        if (options.Conditioned)
        {
            register_module("code_fc", codeFc = nn.Linear(CodeShape.Aggregate(1L, (a, b) => a * b), options.FcWidth));
            features += options.FcWidth;
        }
        register_module("drop6", drop6 = nn.Dropout(options.Dropout));
        register_module("fc6", fc6 = nn.Linear(features, options.FcWidth));
        register_module("drop7", drop7 = nn.Dropout(options.Dropout));
        register_module("fc7", fc7 = nn.Linear(options.FcWidth, 2));
    }

    public DiscriminatorOptions Options { get; }

    public IReadOnlyList<long> CodeShape { get; }

    /// <summary>Images [N,3,H,W] (and, when conditioned, their codes) to logits [N,2]: column 0 generated, column 1 real.</summary>
    public override Tensor forward(Tensor images, Tensor? codes)
    {
        using var scope = torch.NewDisposeScope();
        var x = images * InputScale;
        foreach (var conv in convs) x = F.relu(conv.call(x));
        x = x.mean([2, 3]);
        if (codeFc is not null)
        {
            if (codes is null) throw new ArgumentException("a conditioned discriminator needs the codes beside the images");
            x = torch.cat([x, F.relu(codeFc.call(codes.flatten(1)))], 1);
        }
        x = fc7.call(drop7.call(F.relu(fc6.call(drop6.call(x)))));
        return scope.MoveToOuter(x);
    }

    /// <summary>Cross-entropy of the logits against one class for the whole batch: −log D(x) for <see cref="Real"/>, −log(1 − D(x)) for generated.</summary>
    public static Tensor Loss(Tensor logits, long label) =>
        F.cross_entropy(logits, torch.full([logits.size(0)], label, ScalarType.Int64, device: logits.device));

    /// <summary>D(x): the probability each image is real.</summary>
    public static Tensor RealProbability(Tensor logits) => logits.softmax(1).select(1, Real);

    /// <summary>The architecture as a table: each layer, its output and its learned values.</summary>
    public Display.MetricTable Summary()
    {
        var table = new Display.MetricTable("layer", "kind", "output", "parameters")
        {
            Title = $"Discriminator: {parameters().Sum(p => p.numel()):N0} learned values, no batch norm, dropout {Options.Dropout:G2} before each fully connected layer{(Options.Conditioned ? ", conditioned on the code" : "")}",
        };
        var side = 101L;
        var kernels = new[] { (7, 4), (5, 1), (3, 2), (3, 1), (3, 2) };
        for (var i = 0; i < convs.Length; i++)
        {
            var (k, s) = kernels[i];
            side = (side + 2 * (k / 2) - k) / s + 1;
            var conv = (Conv2d)convs[i];
            table.AddRow($"conv{i + 1}", $"{k}×{k} convolution, stride {s} + ReLU", $"{conv.weight!.size(0)}×{side}×{side}", conv.parameters().Sum(p => p.numel()));
        }
        table.AddRow("pool", "global average", $"{8 * Options.Channels}", 0L);
        if (codeFc is not null) table.AddRow("code_fc", "fully connected + ReLU, on the code", $"{Options.FcWidth}", codeFc.parameters().Sum(p => p.numel()));
        table.AddRow("fc6", "dropout + fully connected + ReLU", $"{Options.FcWidth}", fc6.parameters().Sum(p => p.numel()));
        table.AddRow("fc7", "dropout + fully connected", "2 (generated, real)", fc7.parameters().Sum(p => p.numel()));
        return table.WithFormat("parameters", "N0");
    }
}
