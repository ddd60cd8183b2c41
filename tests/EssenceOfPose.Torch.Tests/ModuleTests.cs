using EssenceOfPose.Torch;
using EssenceOfPose.Torch.NN;

namespace EssenceOfPose.Torch.Tests;

/// <summary>The Module base: registration and names, modes, state dictionaries, conversion and lifetime.</summary>
public class ModuleTests
{
    static Sequential SmallNet() =>
        new(new Conv2d(3, 4, 3, padding: 1), new BatchNorm2d(4), new ReLU(), new Flatten(), new Linear(4 * 2 * 2, 5));

    static Dictionary<string, float[]> Snapshot(Module m) =>
        m.named_parameters().Concat(m.named_buffers().Where(b => b.buffer.dtype == ScalarType.Float32))
            .ToDictionary(p => p.Item1, p => p.Item2.ToArray<float>());

    [Fact]
    public void Sequential_names_and_counts_its_parameters()
    {
        using var scope = torch.NewDisposeScope();
        using var net = SmallNet();
        var names = net.named_parameters().Select(p => p.name).ToArray();
        Assert.Equal(new[] { "0.weight", "0.bias", "1.weight", "1.bias", "4.weight", "4.bias" }, names);
        Assert.Equal(4 * 3 * 3 * 3 + 4 + 4 + 4 + 5 * 16 + 5, net.parameters().Sum(p => p.numel()));
        Assert.Equal(new[] { "1.running_mean", "1.running_var", "1.num_batches_tracked" }, net.named_buffers().Select(b => b.name));
        Assert.Equal(new[] { "0", "1", "2", "3", "4" }, net.named_children().Select(c => c.name));
        Assert.Equal(new[] { "", "0", "1", "2", "3", "4" }, net.named_modules().Select(m => m.name));
        Assert.IsType<ReLU>(net[2]);
        Assert.IsType<Linear>(net[-1]);
        Assert.All(net.parameters(), p => Assert.True(p.requires_grad && p.is_leaf));
        Assert.Equal(new long[] { 2, 5 }, net.call(torch.tensor(new float[2 * 3 * 2 * 2], 2, 3, 2, 2)).shape);
    }

    [Fact]
    public void Nested_modules_give_dotted_names()
    {
        using var model = new Sequential(
            ("features", new Sequential(("conv1", new Conv2d(3, 2, 1)), ("relu", new ReLU()))),
            ("head", new Linear(2, 1)));
        Assert.Equal(new[] { "features.conv1.weight", "features.conv1.bias", "head.weight", "head.bias" },
            model.named_parameters().Select(p => p.name));
        Assert.Equal(new[] { "", "features", "features.conv1", "features.relu", "head" }, model.named_modules().Select(m => m.name));
        Assert.Empty(model.named_parameters(recurse: false));
        Assert.Equal(new[] { "net.head.weight", "net.head.bias" }, model.named_parameters("net").Skip(2).Select(p => p.name));
    }

    [Fact]
    public void A_module_shared_twice_is_listed_once()
    {
        using var shared = new Linear(2, 2);
        using var net = new Sequential(shared, new ReLU(), shared);
        Assert.Equal(new[] { "0.weight", "0.bias" }, net.named_parameters().Select(p => p.name));
        Assert.Equal(3, net.named_modules().Count());
    }

    [Fact]
    public void Registration_rejects_bad_names_and_non_leaves()
    {
        using var scope = torch.NewDisposeScope();
        using var m = new Sequential();
        m.register_parameter("w", torch.tensor(new float[] { 1 }, 1));
        Assert.Throws<ArgumentException>(() => m.register_buffer("w", torch.tensor(new float[] { 1 }, 1)));
        Assert.Throws<ArgumentException>(() => m.register_module("a.b", new ReLU()));
        Assert.Throws<ArgumentException>(() => m.register_parameter("", torch.tensor(new float[] { 1 }, 1)));
        var leaf = torch.tensor(new float[] { 1 }, 1).requires_grad_();
        var ex = Assert.Throws<ArgumentException>(() => m.register_parameter("computed", leaf * 2.0));
        Assert.Contains("not a leaf", ex.Message);
        Assert.True(m.named_parameters().Single().parameter.requires_grad);

        // A non-persistent buffer is a buffer but stays out of the state dictionary.
        m.register_buffer("kept", torch.tensor(new float[] { 2 }, 1));
        m.register_buffer("scratch", torch.tensor(new float[] { 3 }, 1), persistent: false);
        Assert.Equal(new[] { "kept", "scratch" }, m.named_buffers().Select(b => b.name));
        Assert.Equal(new[] { "w", "kept" }, m.state_dict().Keys);
    }

    [Fact]
    public void Train_and_eval_switch_dropout_and_batch_norm()
    {
        using var scope = torch.NewDisposeScope();
        torch.manual_seed(11);
        using var net = new Sequential(new BatchNorm1d(3), new Dropout(0.5));
        var bn = (BatchNorm1d)net[0];
        var x = torch.tensor(new float[] { 1, 2, 3, 5, 6, 9, 2, 2, 2, 4, 0, 1 }, 4, 3);
        Assert.True(net.training && net[1].training);

        var trained = net.call(x).ToArray<float>();
        Assert.Contains(0f, trained); // dropout dropped something
        Assert.Equal(1, bn.num_batches_tracked!.item_long());
        Assert.NotEqual(new float[3], bn.running_mean!.ToArray<float>());

        net.eval();
        Assert.False(net.training);
        Assert.False(net[0].training || net[1].training);
        var mean = bn.running_mean.ToArray<float>();
        var variance = bn.running_var!.ToArray<float>();
        var y = net.call(x).ToArray<float>();
        var xs = x.ToArray<float>();
        // Eval: no dropout, running statistics, nothing updated.
        for (var i = 0; i < xs.Length; i++)
            Assert.Equal((xs[i] - mean[i % 3]) / MathF.Sqrt(variance[i % 3] + 1e-5f), y[i], 4);
        Assert.Equal(y, net.call(x).ToArray<float>());
        Assert.Equal(1, bn.num_batches_tracked.item_long());
        Assert.Equal(mean, bn.running_mean.ToArray<float>());

        net.train();
        Assert.True(net[1].training);
    }

    [Fact]
    public void State_dict_round_trip_gives_identical_outputs()
    {
        using var scope = torch.NewDisposeScope();
        torch.manual_seed(1);
        using var a = new TinyNet();
        a.call(TinyNet.Input(3)); // training step: running statistics move away from their initial values
        torch.manual_seed(2);
        using var b = new TinyNet();
        a.eval();
        b.eval();
        var x = TinyNet.Input(4);
        Assert.NotEqual(a.call(x).ToArray<float>(), b.call(x).ToArray<float>());

        var state = a.state_dict();
        Assert.Equal(new[]
        {
            "conv1.weight", "conv1.bias", "bn.weight", "bn.bias", "bn.running_mean", "bn.running_var", "bn.num_batches_tracked",
            "fc.weight", "fc.bias",
        }, state.Keys);
        Assert.All(state.Values, t => Assert.False(t.requires_grad));
        var loaded = b.load_state_dict(state);
        Assert.Empty(loaded.missing_keys);
        Assert.Empty(loaded.unexpected_keys);
        Assert.Equal(a.call(x).ToArray<float>(), b.call(x).ToArray<float>());
        Assert.Equal(1, b.bn.num_batches_tracked!.item_long());
        Assert.All(b.parameters(), p => Assert.True(p.is_leaf && p.requires_grad));

        // Disposing the state dictionary's tensors leaves the module intact.
        foreach (var t in state.Values) t.Dispose();
        Assert.Equal(a.call(x).ToArray<float>(), b.call(x).ToArray<float>());
    }

    [Fact]
    public void Load_state_dict_reports_every_problem_at_once_and_loads_nothing()
    {
        using var scope = torch.NewDisposeScope();
        using var net = new TinyNet();
        var before = Snapshot(net);
        var state = new Dictionary<string, Tensor>(net.state_dict());
        foreach (var key in state.Keys.ToList()) state[key] = state[key].clone().add(1.0).to(state[key].dtype);
        state.Remove("fc.bias");
        state["fc.extra"] = torch.tensor(new float[] { 1 }, 1);
        state["conv1.weight"] = torch.tensor(new float[20 * 3 * 5 * 5], 20, 3, 5, 5);

        var ex = Assert.Throws<StateDictException>(() => net.load_state_dict(state));
        Assert.Contains("\"fc.bias\"", ex.Message);
        Assert.Contains("\"fc.extra\"", ex.Message);
        Assert.Contains("conv1.weight: expected [20, 3, 7, 7], got [20, 3, 5, 5]", ex.Message);
        Assert.Equal(["fc.bias"], ex.MissingKeys);
        Assert.Equal(["fc.extra"], ex.UnexpectedKeys);
        Assert.Single(ex.SizeMismatches);
        var after = Snapshot(net);
        foreach (var (name, values) in before) Assert.Equal(values, after[name]);
        Assert.Equal(0, net.bn.num_batches_tracked!.item_long());

        // Not strict: missing and unexpected keys are reported, the rest loads; a shape mismatch still refuses.
        Assert.Throws<StateDictException>(() => net.load_state_dict(state, strict: false));
        state.Remove("conv1.weight");
        var result = net.load_state_dict(state, strict: false);
        Assert.Equal(["conv1.weight", "fc.bias"], result.missing_keys);
        Assert.Equal(["fc.extra"], result.unexpected_keys);
        Assert.Equal(before["fc.weight"].Select(v => v + 1), net.fc.weight.ToArray<float>());
        Assert.Equal(before["fc.bias"], net.fc.bias!.ToArray<float>());
        Assert.Equal(1, net.bn.num_batches_tracked.item_long());
    }

    [Fact]
    public void To_float64_converts_in_place_and_keeps_leaves()
    {
        using var scope = torch.NewDisposeScope();
        using var net = new TinyNet();
        var weight = net.conv1.weight;
        net.call(TinyNet.Input(5)).backward(torch.tensor(new float[] { 1, 1, 1, 1 }, 2, 2));
        Assert.Equal(ScalarType.Float32, weight.grad!.dtype);

        Assert.Same(net, net.to(ScalarType.Float64));
        Assert.Same(weight, net.conv1.weight);
        Assert.All(net.parameters(), p =>
        {
            Assert.Equal(ScalarType.Float64, p.dtype);
            Assert.True(p.is_leaf);
            Assert.True(p.requires_grad);
        });
        Assert.Equal(ScalarType.Float64, weight.grad!.dtype);
        Assert.Equal(ScalarType.Float64, net.bn.running_var!.dtype);
        Assert.Equal(ScalarType.Int64, net.bn.num_batches_tracked!.dtype);

        net.zero_grad();
        Assert.All(net.parameters(), p => Assert.Null(p.grad));
        var y = net.call(TinyNet.Input(5).to(ScalarType.Float64));
        Assert.Equal(ScalarType.Float64, y.dtype);
        y.backward(GradCheck.Make([1, 1, 1, 1], [2, 2]));
        Assert.All(net.parameters(), p => Assert.Equal(ScalarType.Float64, p.grad!.dtype));

        Assert.Throws<ArgumentException>(() => net.to(ScalarType.Int64));
        Assert.Same(net, net.to(Device.CPU)); // already there: a no-op
        Assert.Equal(Device.CPU, weight.device);
    }

    [Fact]
    public void Parameters_outlive_the_scope_they_were_created_in_until_the_module_is_disposed()
    {
        TinyNet net;
        Tensor weight, runningMean;
        using (torch.NewDisposeScope())
        {
            net = new TinyNet();
            weight = net.conv1.weight;
            runningMean = net.bn.running_mean!;
            net.call(TinyNet.Input(6));
        }
        Assert.False(weight.IsDisposed);
        Assert.False(runningMean.IsDisposed);
        using (torch.NewDisposeScope())
            Assert.Equal(new long[] { 2, 2 }, net.call(TinyNet.Input(7)).shape);

        net.Dispose();
        Assert.True(weight.IsDisposed);
        Assert.True(runningMean.IsDisposed);
        Assert.True(net.fc.bias!.IsDisposed);
        Assert.Throws<ObjectDisposedException>(() => net.call(TinyNet.Input(7)));
        Assert.Throws<ObjectDisposedException>(() => net.state_dict());
    }
}
