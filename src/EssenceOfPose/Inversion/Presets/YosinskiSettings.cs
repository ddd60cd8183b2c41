namespace EssenceOfPose.Inversion;

// The four regularisation settings of Yosinski et al. (2015), their table, one record each:
//
// | # | decay  | blur width / every | norm pct | contribution pct | iterations | lr                                   |
// |---|--------|--------------------|----------|------------------|------------|--------------------------------------|
// | 1 | 0      | 0.5 / 4            | 50       | –                | 500        | progress policy, max 100, desired 2  |
// | 2 | 0.3    | –                  | 20       | –                | 750        | 100                                  |
// | 3 | 0.0001 | 1.0 / 4            | –        | –                | 1000       | 100                                  |
// | 4 | 0      | 0.5 / 4            | –        | 90               | 1000       | progress policy, max 1e8, desired 2  |
//
// Quick runs a tenth of the iterations.

/// <summary>Yosinski et al. (2015) setting 1: blur 0.5 every 4, 50% small-norm clipping, progress policy (max 100, desired 2), 500 steps.</summary>
public sealed record Yosinski1 : YosinskiPreset
{
    public Yosinski1() => (Steps, BlurWidth, BlurEvery, NormPercentile, LearningRate, DesiredProgress) = (500, 0.5, 4, 50, 100, 2.0);

    public static Yosinski1 Full => new();

    public static Yosinski1 Quick => new() { Steps = 50 };

    public override string Name => "yosinski1";

    public override string Caption => "Y1: blur+norm clip 50%";
}

/// <summary>Yosinski et al. (2015) setting 2: decay 0.3, 20% small-norm clipping, constant rate 100, 750 steps.</summary>
public sealed record Yosinski2 : YosinskiPreset
{
    public Yosinski2() => (Steps, Decay, NormPercentile, LearningRate) = (750, 0.3, 20, 100);

    public static Yosinski2 Full => new();

    public static Yosinski2 Quick => new() { Steps = 75 };

    public override string Name => "yosinski2";

    public override string Caption => "Y2: decay 0.3+norm clip 20%";
}

/// <summary>Yosinski et al. (2015) setting 3: decay 0.0001, blur 1.0 every 4, constant rate 100, 1000 steps.</summary>
public sealed record Yosinski3 : YosinskiPreset
{
    public Yosinski3() => (Steps, Decay, BlurWidth, BlurEvery, LearningRate) = (1000, 0.0001, 1.0, 4, 100);

    public static Yosinski3 Full => new();

    public static Yosinski3 Quick => new() { Steps = 100 };

    public override string Name => "yosinski3";

    public override string Caption => "Y3: decay 1e-4+blur 1.0";
}

/// <summary>Yosinski et al. (2015) setting 4: blur 0.5 every 4, 90% small-contribution clipping, progress policy (max 1e8, desired 2), 1000 steps.</summary>
public sealed record Yosinski4 : YosinskiPreset
{
    public Yosinski4() => (Steps, BlurWidth, BlurEvery, ContributionPercentile, LearningRate, DesiredProgress) = (1000, 0.5, 4, 90, 1e8, 2.0);

    public static Yosinski4 Full => new();

    public static Yosinski4 Quick => new() { Steps = 100 };

    public override string Name => "yosinski4";

    public override string Caption => "Y4: blur+contrib. clip 90%";
}
