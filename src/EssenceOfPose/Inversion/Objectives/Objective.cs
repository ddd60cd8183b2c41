using System.Globalization;

namespace EssenceOfPose.Inversion;

/// <summary>
/// A loss to minimise, one value per image of the batch ([N]), as a value that adds, scales and
/// negates (Lucent's <c>objectives.py</c>; Olah et al., "Feature Visualization", Distill 2017).
/// An objective is a weighted sum of named terms; <see cref="Name"/> is built from the terms
/// (<c>"feature_match(fc5) + 0.0066*tv(β=2,iso)"</c>) so a notebook can print what was optimised,
/// and the render loop reports every term's value per step. Maximising a unit is minimising its
/// negative: the unit objectives in <see cref="Objectives"/> already return −activation.
/// </summary>
public sealed class Objective
{
    readonly ObjectiveTerm[] terms;

    /// <summary>A single term: <paramref name="loss"/> maps a context to a loss per image [N].</summary>
    public Objective(string name, Func<RenderContext, Tensor> loss)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(loss);
        terms = [new ObjectiveTerm(1, name, loss)];
    }

    Objective(ObjectiveTerm[] terms) => this.terms = terms;

    /// <summary>The weighted terms, in the order they were added; equal terms (the same leaf) are merged.</summary>
    public IReadOnlyList<ObjectiveTerm> Terms => terms;

    /// <summary>The readable sum of the terms, e.g. <c>"a + 0.5*b - c"</c>.</summary>
    public string Name
    {
        get
        {
            var s = terms[0].Name;
            for (var i = 1; i < terms.Length; i++)
                s += terms[i].Weight < 0 ? " - " + terms[i].WithWeight(-terms[i].Weight).Name : " + " + terms[i].Name;
            return s;
        }
    }

    public override string ToString() => Name;

    /// <summary>The total loss per image [N]: Σ weight · term.</summary>
    public Tensor Evaluate(RenderContext context)
    {
        var values = EvaluateTerms(context);
        var total = values[0];
        for (var i = 1; i < values.Length; i++) total = total + values[i];
        return total;
    }

    /// <summary>Each weighted term per image [N], in the order of <see cref="Terms"/>.</summary>
    public Tensor[] EvaluateTerms(RenderContext context) => terms.Select(t => t.Evaluate(context)).ToArray();

    public static Objective operator +(Objective a, Objective b)
    {
        var merged = new List<ObjectiveTerm>(a.terms);
        foreach (var t in b.terms)
        {
            var k = merged.FindIndex(m => m.SameLeaf(t));
            if (k < 0) merged.Add(t);
            else if (merged[k].Weight + t.Weight == 0) merged.RemoveAt(k);
            else merged[k] = merged[k].WithWeight(merged[k].Weight + t.Weight);
        }
        if (merged.Count == 0) throw new ArgumentException($"'{a.Name}' and '{b.Name}' cancel: an objective needs at least one term");
        return new Objective(merged.ToArray());
    }

    public static Objective operator -(Objective a, Objective b) => a + -b;

    public static Objective operator -(Objective a) => a * -1;

    public static Objective operator *(double weight, Objective a)
    {
        if (!double.IsFinite(weight) || weight == 0) throw new ArgumentOutOfRangeException(nameof(weight), weight, "an objective's weight must be finite and non-zero");
        return new Objective(a.terms.Select(t => t.WithWeight(t.Weight * weight)).ToArray());
    }

    public static Objective operator *(Objective a, double weight) => weight * a;

    public static Objective operator /(Objective a, double divisor) => (1 / divisor) * a;

    /// <summary>How weights print in names: up to four significant digits, invariant culture.</summary>
    internal static string FormatNumber(double value) => value.ToString("G4", CultureInfo.InvariantCulture);
}
