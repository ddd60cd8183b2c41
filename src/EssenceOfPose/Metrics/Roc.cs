namespace EssenceOfPose.Metrics;

/// <summary>One operating point of a ROC curve: the threshold and the rates it gives.</summary>
public readonly record struct RocPoint(double Threshold, double FalsePositiveRate, double TruePositiveRate);

/// <summary>
/// ROC analysis of a matching score (higher = more likely a match): the curve, its area, and the
/// false-positive rate at 95% recall (FPR95), the usual figure of wide-baseline patch matching
/// (Brown, Hua and Winder's benchmark; the 3D Street View matching evaluation reports it too).
/// </summary>
public sealed record Roc(IReadOnlyList<RocPoint> Points, double Auc, double Fpr95, int Positives, int Negatives)
{
    /// <summary>Builds the curve from scores and labels (true = matching pair). Tied scores form one point.</summary>
    public static Roc Compute(IReadOnlyList<double> scores, IReadOnlyList<bool> labels)
    {
        if (scores.Count != labels.Count) throw new ArgumentException($"{scores.Count} scores but {labels.Count} labels");
        var pos = labels.Count(l => l);
        var neg = labels.Count - pos;
        if (pos == 0 || neg == 0) throw new ArgumentException($"ROC needs both classes; got {pos} positives and {neg} negatives");
        if (scores.Any(double.IsNaN)) throw new ArgumentException("a score is NaN");

        var order = Enumerable.Range(0, scores.Count).OrderByDescending(i => scores[i]).ToArray();
        var points = new List<RocPoint> { new(double.PositiveInfinity, 0, 0) };
        int tp = 0, fp = 0;
        for (var k = 0; k < order.Length; k++)
        {
            if (labels[order[k]]) tp++; else fp++;
            var last = k == order.Length - 1 || scores[order[k + 1]] != scores[order[k]];
            if (last) points.Add(new RocPoint(scores[order[k]], (double)fp / neg, (double)tp / pos));
        }

        double auc = 0;
        for (var k = 1; k < points.Count; k++)
            auc += (points[k].FalsePositiveRate - points[k - 1].FalsePositiveRate) * (points[k].TruePositiveRate + points[k - 1].TruePositiveRate) / 2;

        // The lowest false-positive rate among thresholds that reach 95% recall.
        var fpr95 = points.Where(p => p.TruePositiveRate >= 0.95).Min(p => p.FalsePositiveRate);
        return new Roc(points, auc, fpr95, pos, neg);
    }

    /// <summary>Accuracy of the decision score ≥ <paramref name="threshold"/>.</summary>
    public static double Accuracy(IReadOnlyList<double> scores, IReadOnlyList<bool> labels, double threshold)
    {
        var right = 0;
        for (var i = 0; i < scores.Count; i++)
            if ((scores[i] >= threshold) == labels[i]) right++;
        return (double)right / scores.Count;
    }

    /// <summary>At most <paramref name="max"/> points spread along the curve, ends kept, for plotting.</summary>
    public IReadOnlyList<RocPoint> Thinned(int max = 200)
    {
        if (Points.Count <= max) return Points;
        return Enumerable.Range(0, max).Select(i => Points[(int)Math.Round((double)i * (Points.Count - 1) / (max - 1))]).ToArray();
    }
}
