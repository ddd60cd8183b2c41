namespace EssenceOfPose.Inversion;

public static partial class Objectives
{
    /// <summary>
    /// Drives the siamese matching head (<c>ptch_fc</c>, Zamir et al., ECCV 2016) towards "match"
    /// for the pairs (x[i], <paramref name="partner"/>[i]): the loss is −(logit₁ − logit₀), the
    /// negated log-odds of class 1 (matching) under the softmax the head was trained with.
    /// </summary>
    public static Objective MatchLogit(Tensor partner)
    {
        var p = partner.detach().DetachFromDisposeScope();
        return new Objective("match_logit", ctx =>
        {
            var logits = ctx.Heads(p).MatchLogits;
            return logits.select(1, 0) - logits.select(1, 1);
        });
    }
}
