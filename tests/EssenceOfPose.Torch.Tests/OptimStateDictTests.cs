using EssenceOfPose.Torch.Optim;

namespace EssenceOfPose.Torch.Tests;

public class OptimStateDictTests
{
    static readonly float[] W0 = [0.5f, -1.5f, 2.0f, 0.25f];
    static readonly float[] B0 = [0.1f, -0.2f];
    static readonly float[] A = [1.0f, 0.5f, -0.25f, 2.0f];

    static Optimizer Make(string kind, Tensor w, Tensor b, double lr) => kind switch
    {
        "sgd" => new SGD([new ParamGroup([w]), new ParamGroup([b]) { lr = lr / 2 }], lr: lr, momentum: 0.9, nesterov: true, weight_decay: 0.01),
        "adam" => new Adam([new ParamGroup([w]), new ParamGroup([b]) { lr = lr / 2 }], lr: lr, amsgrad: true, weight_decay: 0.01),
        "adamw" => new AdamW([new ParamGroup([w]), new ParamGroup([b]) { lr = lr / 2 }], lr: lr, weight_decay: 0.1),
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };

    /// <summary>One step on loss = Σ (A·w)² ⊙ b-ish: gradients depend on the parameters, so any state drift shows.</summary>
    static void TrainStep(Optimizer opt, LRScheduler sched, Tensor w, Tensor b)
    {
        using var scope = torch.NewDisposeScope();
        opt.zero_grad();
        var a = torch.tensor(A, 2, 2);
        var y = a.matmul(w) * b + b * b;
        y.backward(torch.tensor(new float[] { 1, 1, 1, 1 }, 2, 2));
        opt.step();
        sched.step();
    }

    [Theory]
    [InlineData("sgd")]
    [InlineData("adam")]
    [InlineData("adamw")]
    public void Resuming_from_a_saved_state_continues_bit_exactly(string kind)
    {
        using var dir = new TempDir();
        using var scope = torch.NewDisposeScope();

        var w1 = torch.tensor((float[])W0.Clone(), 2, 2).requires_grad_();
        var b1 = torch.tensor((float[])B0.Clone(), 2).requires_grad_();
        using var straight = Make(kind, w1, b1, 0.05);
        var straightSched = new CosineAnnealingLR(straight, T_max: 5, eta_min: 0.001);
        for (var i = 0; i < 6; i++) TrainStep(straight, straightSched, w1, b1);

        var w2 = torch.tensor((float[])W0.Clone(), 2, 2).requires_grad_();
        var b2 = torch.tensor((float[])B0.Clone(), 2).requires_grad_();
        float[] savedW, savedB;
        string schedJson;
        using (var first = Make(kind, w2, b2, 0.05))
        {
            var sched = new CosineAnnealingLR(first, T_max: 5, eta_min: 0.001);
            for (var i = 0; i < 3; i++) TrainStep(first, sched, w2, b2);
            using var sd = first.state_dict();
            sd.Save(dir.File("optim.safetensors"));
            schedJson = sched.state_dict().ToJson();
            (savedW, savedB) = (w2.ToArray<float>(), b2.ToArray<float>());
        }

        // A fresh process would rebuild the model from its checkpoint and the optimiser with any lr.
        var w3 = torch.tensor(savedW, 2, 2).requires_grad_();
        var b3 = torch.tensor(savedB, 2).requires_grad_();
        using var resumed = Make(kind, w3, b3, 123.0);
        var resumedSched = new CosineAnnealingLR(resumed, T_max: 5, eta_min: 0.001);
        using (var loaded = OptimizerStateDict.Load(dir.File("optim.safetensors")))
            resumed.load_state_dict(loaded);
        resumedSched.load_state_dict(LRSchedulerState.FromJson(schedJson));
        for (var i = 0; i < 3; i++) TrainStep(resumed, resumedSched, w3, b3);

        Assert.Equal(w1.ToArray<float>(), w3.ToArray<float>());
        Assert.Equal(b1.ToArray<float>(), b3.ToArray<float>());
        Assert.Equal(straight.param_groups.Select(g => g.lr), resumed.param_groups.Select(g => g.lr));
        Assert.Equal(straight.state[w1].step, resumed.state[w3].step);
    }

    [Fact]
    public void State_dict_names_buffers_by_parameter_index_and_keeps_scalars()
    {
        using var scope = torch.NewDisposeScope();
        var w = torch.tensor((float[])W0.Clone(), 2, 2).requires_grad_();
        var b = torch.tensor((float[])B0.Clone(), 2).requires_grad_();
        using var opt = new Adam([new ParamGroup([w]), new ParamGroup([b]) { lr = 0.5 }], lr: 0.1, amsgrad: true);
        w.grad = torch.tensor(new float[] { 1, 2, 3, 4 }, 2, 2);
        opt.step();
        opt.step();
        using var sd = opt.state_dict();
        Assert.Equal(new[] { "state.0.exp_avg", "state.0.exp_avg_sq", "state.0.max_exp_avg_sq" }, sd.Tensors.Keys.Order());
        Assert.Equal(new Dictionary<int, long> { [0] = 2 }, sd.Scalars.Steps);
        Assert.Equal("Adam", sd.Scalars.Type);
        Assert.Equal(new[] { new[] { 0 }, new[] { 1 } }, sd.Scalars.ParamGroups.Select(g => g.Params.ToArray()));
        Assert.Equal(0.5, sd.Scalars.ParamGroups[1].Options["lr"]);
        Assert.Equal(1, sd.Scalars.ParamGroups[0].Options["amsgrad"]);

        // The tensors are copies: training on does not change a state dict already taken.
        var before = sd.Tensors["state.0.exp_avg"].ToArray<float>();
        opt.step();
        Assert.Equal(before, sd.Tensors["state.0.exp_avg"].ToArray<float>());

        var json = sd.Scalars.ToJson();
        Assert.Contains("\"param_groups\"", json);
        Assert.Equal(json, OptimizerScalars.FromJson(json).ToJson());
    }

    [Fact]
    public void Loading_a_mismatched_state_throws_and_changes_nothing()
    {
        using var scope = torch.NewDisposeScope();
        var w = torch.tensor((float[])W0.Clone(), 2, 2).requires_grad_();
        var v = torch.tensor(new float[] { 1, 2, 3 }, 3).requires_grad_();
        using var source = new SGD([w], lr: 0.1, momentum: 0.9);
        w.grad = torch.tensor(new float[] { 1, 1, 1, 1 }, 2, 2);
        source.step();
        using var sd = source.state_dict();

        using var adam = new Adam([w]);
        Assert.Contains("SGD", Assert.Throws<ArgumentException>(() => adam.load_state_dict(sd)).Message);

        using var other = new SGD([v], lr: 0.7, momentum: 0.9);
        v.grad = torch.tensor(new float[] { 1, 1, 1 }, 3);
        other.step();
        var buffer = other.state[v].tensors["momentum_buffer"].ToArray<float>();
        Assert.Contains("shape", Assert.Throws<ArgumentException>(() => other.load_state_dict(sd)).Message);
        Assert.Equal(0.7, other.param_groups[0].lr);
        Assert.Equal(buffer, other.state[v].tensors["momentum_buffer"].ToArray<float>());

        using var two = new SGD([new ParamGroup([w]), new ParamGroup([v])], lr: 0.1);
        Assert.Contains("parameter groups", Assert.Throws<ArgumentException>(() => two.load_state_dict(sd)).Message);
    }
}
