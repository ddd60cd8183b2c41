namespace EssenceOfPose.Torch.NN;

/// <summary>
/// torch.nn.Sequential: runs its children in order, each on the previous one's output. Children are
/// named "0", "1", ... or by the names given; appended ones take the next free number.
/// </summary>
public sealed class Sequential : Module
{
    readonly List<Module> layers = new();

    /// <summary>An empty sequence (the identity) to append() to.</summary>
    public Sequential()
    {
    }

    public Sequential(params Module[] modules)
    {
        foreach (var m in modules) append(m);
    }

    public Sequential(params (string name, Module module)[] modules)
    {
        foreach (var (name, m) in modules) layers.Add(register_module(name, m));
    }

    /// <summary>Adds a module at the end, named by its position; returns this.</summary>
    public Sequential append(Module module)
    {
        layers.Add(register_module(layers.Count.ToString(System.Globalization.CultureInfo.InvariantCulture), module));
        return this;
    }

    public int Count => layers.Count;

    /// <summary>The child at a position; negative counts from the end.</summary>
    public Module this[int index] => layers[index < 0 ? index + layers.Count : index];

    /// <summary>Intermediate results stay in the caller's dispose scope, as every other tensor does.</summary>
    public override Tensor forward(Tensor input)
    {
        var x = input;
        foreach (var layer in layers) x = layer.call(x);
        return x;
    }
}
