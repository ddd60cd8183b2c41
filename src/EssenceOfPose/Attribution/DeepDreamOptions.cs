namespace EssenceOfPose.Attribution;

/// <summary>
/// Settings of <see cref="DeepDream"/>. <see cref="Full"/> is google/deepdream's
/// <c>deepdream()</c> and <c>make_step()</c> defaults (4 octaves, scale 1.4, 10 iterations per
/// octave, step 1.5) with the jitter scaled to PoseNet's input; <see cref="Quick"/> is a
/// smaller run for tests, CI and a first look. Override with <c>with { ... }</c>.
/// </summary>
public sealed record DeepDreamOptions
{
    /// <summary>Number of octaves, the input size included (the original's <c>octave_n</c>).</summary>
    public int Octaves { get; init; } = 4;

    /// <summary>Each octave is this much smaller than the next finer one (<c>octave_scale</c>).</summary>
    public double OctaveScale { get; init; } = 1.4;

    /// <summary>Gradient steps per octave (<c>iter_n</c>).</summary>
    public int IterationsPerOctave { get; init; } = 10;

    /// <summary>Step length in units of the mean absolute gradient (<c>step_size</c>).</summary>
    public double StepSize { get; init; } = 1.5;

    /// <summary>
    /// Largest random shift, in pixels, of the circular roll before each step (<c>jitter</c>). The
    /// original's 32 belongs to GoogLeNet's 224-pixel input; scaled by the input sizes,
    /// 32 · 101 / 224 = 14.4, so 14 for PoseNet's 101-pixel patches. Like the original, the
    /// same shift bound is used at every octave.
    /// </summary>
    public int Jitter { get; init; } = 14;

    /// <summary>Clip each channel to the valid range [−mean, 255 − mean] after every step (<c>clip</c>).</summary>
    public bool Clip { get; init; } = true;

    /// <summary>Seed of the jitter shifts; the same seed and input give the same dream.</summary>
    public ulong Seed { get; init; }

    /// <summary>The original's settings (jitter scaled to 101-pixel inputs).</summary>
    public static DeepDreamOptions Full => new();

    /// <summary>3 octaves of 4 iterations: seconds for one 101×101 image on 2 CPU cores.</summary>
    public static DeepDreamOptions Quick => new() { Octaves = 3, IterationsPerOctave = 4 };

    internal void Validate()
    {
        if (Octaves < 1) throw new ArgumentOutOfRangeException(nameof(Octaves), Octaves, "at least one octave");
        if (!(OctaveScale >= 1)) throw new ArgumentOutOfRangeException(nameof(OctaveScale), OctaveScale, "an octave scale is 1 or more");
        if (IterationsPerOctave < 0) throw new ArgumentOutOfRangeException(nameof(IterationsPerOctave), IterationsPerOctave, "iterations cannot be negative");
        if (!(StepSize >= 0) || double.IsInfinity(StepSize)) throw new ArgumentOutOfRangeException(nameof(StepSize), StepSize, "a step size is finite and 0 or more");
        if (Jitter < 0) throw new ArgumentOutOfRangeException(nameof(Jitter), Jitter, "jitter cannot be negative");
    }
}
