namespace EssenceOfPose.Models;

/// <summary>
/// The shape both PoseNet families share (Zamir et al., ECCV 2016): one tower applied to each
/// image of a pair with shared weights, the two codes concatenated, <c>common_fc</c> and its
/// activation, then the heads <c>pose_fc</c> (relative pose) and <c>ptch_fc</c> (2-way matching
/// logits). Parameters are registered under Caffe's layer names at the top level
/// (<c>conv1.weight</c>, <c>common_fc.bias</c>), as the siamese prototxts share them by param
/// name, so a checkpoint reads like the prototxt. Subclasses list their tower as stages.
/// </summary>
public abstract class SiameseNet : Module
{
    /// <summary>
    /// One layer of a tower: its Caffe name, its op, and the in-place activation Caffe applies after it
    /// (if any). Ops are modules (Conv2d, MaxPool2d, LocalResponseNorm, Linear; ReLU, PReLU), whose
    /// settings read back, so the Caffe importer derives the prototxt it expects from the model itself.
    /// </summary>
    protected internal sealed record Stage(string Name, Module Op, Module? Activation);

    readonly Stage[] stages;
    readonly Module commonActivation;
    readonly Linear commonFc, poseFc, ptchFc;

    protected SiameseNet(string name, IEnumerable<Stage> tower, long codeSize, int poseOutputs, Module commonActivation)
        : base(name)
    {
        if (poseOutputs < 1) throw new ArgumentOutOfRangeException(nameof(poseOutputs), poseOutputs, "pose_fc needs at least one output");
        stages = tower.ToArray();
        PoseOutputs = poseOutputs;
        register_module("common_fc", commonFc = nn.Linear(2 * codeSize, 512));
        // A learned activation (PReLU) is registered under its Caffe name, so checkpoints hold its slopes.
        if (commonActivation.parameters().Any()) register_module("relu_common", commonActivation);
        register_module("pose_fc", poseFc = nn.Linear(512, poseOutputs));
        register_module("ptch_fc", ptchFc = nn.Linear(512, 2));
        this.commonActivation = commonActivation;
    }

    /// <summary>The tower's stages in forward order, for the Caffe importer.</summary>
    internal IReadOnlyList<Stage> Stages => stages;

    /// <summary>The activation after <c>common_fc</c>, for the Caffe importer.</summary>
    internal Module CommonActivation => commonActivation;

    /// <summary>The architecture's name as checkpoints record it.</summary>
    public abstract string Architecture { get; }

    /// <summary>Number of outputs of <c>pose_fc</c>.</summary>
    public int PoseOutputs { get; }

    /// <summary>Side of the square input patch.</summary>
    public int InputSize => 101;

    /// <summary>The tower's layers in forward order; each is a tap, and "NAME:pre" is the value before its activation.</summary>
    public IReadOnlyList<string> TowerLayers => stages.Select(s => s.Name).ToArray();

    /// <summary>Runs one tower on a batch [N,3,101,101] up to <paramref name="tap"/> and returns that blob.</summary>
    public Tensor Tap(Tensor images, TapName tap) => Tap(images, tap, gradientLeak: 0);

    /// <summary>
    /// <see cref="Tap(Tensor, TapName)"/> with a surrogate gradient: the values are exactly the
    /// same, but wherever an activation's input is not positive (where ReLU passes no gradient) the backward pass gets an extra slope
    /// of <paramref name="gradientLeak"/> — a leaky ReLU in the backward pass only. An image that
    /// leaves most ReLUs of a trained tower dead (noise, for a net whose conv4 fires on a few per cent
    /// of its units) gets no gradient through the true ReLU; this lets an optimisation find its
    /// way out, as Lucid's "redirected ReLU" does (Olah et al., Distill 2017). 0 is the true gradient.
    /// </summary>
    public Tensor Tap(Tensor images, TapName tap, double gradientLeak)
    {
        if (!(gradientLeak >= 0 && gradientLeak <= 1)) throw new ArgumentOutOfRangeException(nameof(gradientLeak), gradientLeak, "a gradient leak is in [0, 1]");
        Tensor Activate(Module activation, Tensor y) =>
            gradientLeak == 0 || !y.requires_grad
                ? activation.call(y)
                // y − y.detach() is zero in value and the identity in the backward pass.
                : activation.call(y) + (y - y.detach()) * (y <= 0).to(y.dtype) * gradientLeak;
        var x = ChannelsLast(images);
        foreach (var s in stages)
        {
            // An inner product reads its input flattened from axis 1 on, as Caffe's InnerProduct does.
            var y = s.Op.call(s.Op is Linear ? x.flatten(1) : x);
            if (s.Name == tap.Layer)
            {
                if (tap.PreActivation && s.Activation is null)
                    throw new ArgumentException($"tap '{tap}': {s.Name} has no activation after it; ask for '{s.Name}'");
                return tap.PreActivation || s.Activation is null ? y : Activate(s.Activation, y);
            }
            x = s.Activation is null ? y : Activate(s.Activation, y);
        }
        throw new ArgumentException($"tap '{tap}': {Architecture} has no tower layer of that name; its taps are {string.Join(", ", TowerLayers)} (':pre' for the value before the activation), and common_fc through Common()");
    }

    /// <summary>
    /// The same images with channels-last strides (NHWC in memory; shape and values unchanged):
    /// libtorch's CPU convolutions (oneDNN) and max pooling keep that layout through the tower and
    /// run much faster on it. Measured on 2 cores, batch 16 to conv4: forward 28 ms against 58–90 ms
    /// in the default layout, max pooling of conv1's output 2.3 ms against 10.5 ms. A no-op copy
    /// for a batch already laid out so.
    /// </summary>
    static Tensor ChannelsLast(Tensor images) => images.dim() == 4 ? images.permute(0, 2, 3, 1).contiguous().permute(0, 3, 1, 2) : images;

    /// <summary>The tower's code (its last blob) for a batch of images.</summary>
    public Tensor Embed(Tensor images) => Tap(images, stages[^1].Name);

    /// <summary><c>common_fc</c> after its activation for a batch of pairs.</summary>
    public Tensor Common(Tensor first, Tensor second)
    {
        var n = first.size(0);
        if (second.size(0) != n) throw new ArgumentException($"pair batch sizes differ: {n} and {second.size(0)}");
        // One tower pass over both images: the same weights, a batch twice as large.
        var codes = Embed(torch.cat([first, second], 0));
        var concat = torch.cat([codes.narrow(0, 0, n), codes.narrow(0, n, n)], 1);
        return commonActivation.call(commonFc.call(concat));
    }

    /// <summary>Relative pose [N, PoseOutputs] and matching logits [N, 2] for a batch of pairs.</summary>
    public (Tensor Pose, Tensor MatchLogits) forward(Tensor first, Tensor second)
    {
        var common = Common(first, second);
        return (poseFc.call(common), ptchFc.call(common));
    }

    /// <summary>
    /// The siamese head on two batches of tower codes (<see cref="Embed"/>'s output): concat →
    /// <c>common_fc</c> → its activation → pose and matching logits. <c>forward(a, b)</c> is
    /// <c>Heads(Embed(a), Embed(b))</c>.
    /// </summary>
    public (Tensor Pose, Tensor MatchLogits) Heads(Tensor firstCode, Tensor secondCode)
    {
        var common = commonActivation.call(commonFc.call(torch.cat([firstCode.flatten(1), secondCode.flatten(1)], 1)));
        return (poseFc.call(common), ptchFc.call(common));
    }

    /// <summary>
    /// Runs the rest of the tower on a blob taken at <paramref name="tap"/> (after its activation)
    /// and returns the tower's code: <c>EmbedFrom(Tap(x, t), t)</c> is <c>Embed(x)</c>. Training
    /// the layers above a frozen tap uses it on codes computed once.
    /// </summary>
    public Tensor EmbedFrom(Tensor blob, TapName tap)
    {
        var x = blob;
        for (var i = StageIndex(tap) + 1; i < stages.Length; i++)
        {
            var s = stages[i];
            var y = s.Op.call(s.Op is Linear ? x.flatten(1) : x);
            x = s.Activation is null ? y : s.Activation.call(y);
        }
        return x;
    }

    /// <summary>The position of a tap's layer in the tower, refusing a pre-activation tap (a tower is cut after an activation) or an unknown layer.</summary>
    public int StageIndex(TapName tap)
    {
        if (tap.PreActivation)
            throw new ArgumentException($"tap '{tap}': the tower can be cut only after a layer's activation; ask for '{tap.Layer}'");
        var i = Array.FindIndex(stages, s => s.Name == tap.Layer);
        return i >= 0 ? i : throw new ArgumentException($"tap '{tap}': {Architecture} has no tower layer of that name; its taps are {string.Join(", ", TowerLayers)}");
    }

    /// <summary>
    /// The learned values the tower's blob at <paramref name="tap"/> depends on: those of every
    /// layer and activation up to and including it, by name, in the order of <c>named_parameters</c>.
    /// </summary>
    public IReadOnlyList<(string Name, Parameter Parameter)> ParametersThrough(TapName tap)
    {
        var last = StageIndex(tap);
        var handles = stages.Take(last + 1)
            .SelectMany(s => s.Activation is null ? s.Op.parameters() : s.Op.parameters().Concat(s.Activation.parameters()))
            .Select(p => p.Handle).ToHashSet();
        return named_parameters().Where(p => handles.Contains(p.parameter.Handle)).Select(p => (p.name, p.parameter)).ToArray();
    }

    /// <summary>A single input runs the tower to its last layer.</summary>
    public override Tensor forward(Tensor images) => Embed(images);

    /// <summary>Whether a parameter is a weight (decayed, base learning rate) rather than a bias (lr ×2, no decay), as the prototxts' param blocks say.</summary>
    public static bool IsBias(string parameterName) => parameterName.EndsWith(".bias", StringComparison.Ordinal);

    /// <summary>
    /// Re-initialises for training from scratch: He et al. (ICCV 2015) normal weights, std
    /// sqrt(2/fan_in), for every layer followed by a ReLU/PReLU, Xavier-uniform for the heads, zero
    /// biases. The prototxts' gaussian std 0.01 shrinks the signal about tenfold per layer here,
    /// so common_fc's bias of 1 drowns the tower's code and nothing learns in CPU-sized runs.
    /// </summary>
    public void HeInit()
    {
        using var scope = torch.NewDisposeScope();
        using var _ = torch.no_grad();
        foreach (var (name, p) in named_parameters())
        {
            if (IsBias(name)) nn.init.zeros_(p);
            else if (p.dim() < 2) continue; // PReLU slopes keep their 0.25
            else if (name.StartsWith("pose_fc.", StringComparison.Ordinal) || name.StartsWith("ptch_fc.", StringComparison.Ordinal)) nn.init.xavier_uniform_(p);
            else nn.init.kaiming_normal_(p, mode: nn.init.FanInOut.FanIn, nonlinearity: nn.init.NonlinearityType.ReLU);
        }
    }

    /// <summary>
    /// Initialises every layer with its prototxt filler: gaussian weights of the given std and
    /// constant biases. The heads use std 0.005 and bias 1, as pose_loss_l1_layers.prototxt does.
    /// </summary>
    protected void CaffeFill(IEnumerable<(string Layer, double Std, double Bias)> fillers)
    {
        using var scope = torch.NewDisposeScope();
        using var _ = torch.no_grad();
        var p = named_parameters().ToDictionary(x => x.name, x => x.parameter);
        foreach (var (layer, std, bias) in fillers)
        {
            nn.init.normal_(p[layer + ".weight"], 0, std);
            if (p.TryGetValue(layer + ".bias", out var b)) nn.init.constant_(b, bias);
        }
    }
}
