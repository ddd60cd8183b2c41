using EssenceOfPose.Torch.Optim;

namespace EssenceOfPose.Torch.Tests;

public class SchedulerTests
{
    /// <summary>The lr of every group after construction (epoch 0) and after each of <paramref name="steps"/> steps.</summary>
    static List<double[]> Sequence(Func<Optimizer, LRScheduler> make, int steps, params double[] lrs)
    {
        using var scope = torch.NewDisposeScope();
        var groups = lrs.Select(lr => new ParamGroup([torch.tensor(new float[] { 1 }, 1)]) { lr = lr }).ToArray();
        using var opt = new SGD(groups, lr: 1);
        var sched = make(opt);
        var seen = new List<double[]>();
        for (var e = 0; e <= steps; e++)
        {
            if (e > 0) sched.step();
            Assert.Equal(e, sched.last_epoch);
            var lr = opt.param_groups.Select(g => g.lr).ToArray();
            Assert.Equal(lr, sched.get_last_lr());
            seen.Add(lr);
        }
        return seen;
    }

    [Fact]
    public void StepLR_multiplies_by_gamma_every_step_size_epochs()
    {
        var seen = Sequence(o => new StepLR(o, step_size: 3, gamma: 0.1), 9, 1.0, 0.5);
        double[] hand = [1, 1, 1, 0.1, 0.1, 0.1, 0.01, 0.01, 0.01, 0.001];
        for (var e = 0; e < seen.Count; e++)
        {
            Assert.Equal(hand[e], seen[e][0], 1e-15);
            Assert.Equal(0.5 * Math.Pow(0.1, e / 3), seen[e][1]);
        }
    }

    [Fact]
    public void ExponentialLR_multiplies_by_gamma_every_epoch()
    {
        var seen = Sequence(o => new ExponentialLR(o, gamma: 0.5), 6, 0.8);
        for (var e = 0; e < seen.Count; e++) Assert.Equal(0.8 * Math.Pow(0.5, e), seen[e][0]);
        Assert.Equal(0.0125, seen[6][0], 1e-15);
    }

    [Fact]
    public void CosineAnnealingLR_follows_half_cosine_from_base_to_eta_min()
    {
        var seen = Sequence(o => new CosineAnnealingLR(o, T_max: 4, eta_min: 0.1), 4, 1.1);
        Assert.Equal(1.1, seen[0][0], 1e-15);
        Assert.Equal(0.6, seen[2][0], 1e-15);
        Assert.Equal(0.1, seen[4][0], 1e-15);
        for (var e = 0; e < seen.Count; e++) Assert.Equal(0.1 + (1.1 - 0.1) * (1 + Math.Cos(Math.PI * e / 4)) / 2, seen[e][0]);
    }

    [Fact]
    public void Scheduler_state_round_trips_through_json_and_continues_the_sequence()
    {
        using var scope = torch.NewDisposeScope();
        var p = torch.tensor(new float[] { 1 }, 1);
        using var opt = new SGD([p], lr: 0.3);
        var sched = new StepLR(opt, step_size: 2, gamma: 0.5);
        for (var i = 0; i < 3; i++) sched.step();
        var json = sched.state_dict().ToJson();
        Assert.Contains("\"last_epoch\":3", json);

        using var opt2 = new SGD([p], lr: 9);
        var resumed = new StepLR(opt2, step_size: 7, gamma: 0.9);
        resumed.load_state_dict(LRSchedulerState.FromJson(json));
        Assert.Equal(2, resumed.step_size);
        Assert.Equal(0.5, resumed.gamma);
        Assert.Equal(new[] { 0.3 }, resumed.base_lrs);
        Assert.Equal(sched.get_last_lr(), resumed.get_last_lr());
        sched.step();
        resumed.step();
        Assert.Equal(opt.param_groups[0].lr, opt2.param_groups[0].lr);
        Assert.Equal(0.3 * 0.25, opt2.param_groups[0].lr);

        Assert.Contains("StepLR", Assert.Throws<ArgumentException>(() => new ExponentialLR(opt2, 0.5).load_state_dict(LRSchedulerState.FromJson(json))).Message);
    }

    [Fact]
    public void Resuming_by_last_epoch_needs_initial_lr_and_keeps_an_existing_one()
    {
        using var scope = torch.NewDisposeScope();
        var p = torch.tensor(new float[] { 1 }, 1);
        using var opt = new SGD([p], lr: 0.3);
        Assert.Contains("initial_lr", Assert.Throws<ArgumentException>(() => new ExponentialLR(opt, 0.5, last_epoch: 4)).Message);
        _ = new ExponentialLR(opt, 0.5);
        opt.param_groups[0].lr = 7;
        // initial_lr is set only when missing (PyTorch's setdefault), so base_lrs stay 0.3.
        var resumed = new ExponentialLR(opt, 0.5, last_epoch: 4);
        Assert.Equal(5, resumed.last_epoch);
        Assert.Equal(0.3 * Math.Pow(0.5, 5), opt.param_groups[0].lr);
    }
}
