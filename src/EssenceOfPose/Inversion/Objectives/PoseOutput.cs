namespace EssenceOfPose.Inversion;

public static partial class Objectives
{
    /// <summary>
    /// Drives one component of the siamese pose head (<c>pose_fc</c>, Zamir et al., ECCV 2016) for
    /// the pairs (x[i], <paramref name="partner"/>[i]), x in the first slot: the loss is −pose[k]
    /// (negate the objective to drive it down). The partner batch is fixed and not optimised.
    /// </summary>
    public static Objective PoseOutput(Tensor partner, int component)
    {
        var p = partner.detach().DetachFromDisposeScope();
        return new Objective($"pose_output[{component}]", ctx =>
        {
            var pose = ctx.Heads(p).Pose;
            if (component < 0 || component >= pose.size(1)) throw new ArgumentOutOfRangeException(nameof(component), component, $"pose_fc has {pose.size(1)} outputs");
            return -pose.select(1, component);
        });
    }
}
