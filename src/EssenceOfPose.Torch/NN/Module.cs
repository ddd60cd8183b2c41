using System.Diagnostics.CodeAnalysis;

namespace EssenceOfPose.Torch.NN;

/// <summary>
/// Base of every layer and model, as torch.nn.Module: it owns named parameters (leaf tensors that
/// require grad), buffers (state such as running statistics) and child modules, all kept in
/// registration order. Registered tensors are taken out of every <see cref="DisposeScope"/>:
/// the module frees them in <see cref="Dispose"/>. Run a module with <see cref="call"/>, which
/// checks that it is alive and then runs <see cref="forward"/>. The partial files Module.*.cs hold
/// mode switching and conversion (Module.Modes.cs) and state dictionaries (Module.State.cs).
/// </summary>
public abstract partial class Module : IDisposable
{
    readonly OrderedDictionary<string, Tensor?> parameters_ = new();
    readonly OrderedDictionary<string, Tensor?> buffers_ = new();
    readonly HashSet<string> nonPersistent = new();
    readonly OrderedDictionary<string, Module> children_ = new();
    bool disposed;

    /// <summary>The computation; subclasses implement it, callers use <see cref="call"/>.</summary>
    public abstract Tensor forward(Tensor input);

    /// <summary>Runs <see cref="forward"/> (PyTorch's module(x)); throws once the module was disposed.</summary>
    public Tensor call(Tensor input)
    {
        ObjectDisposedException.ThrowIf(disposed, this);
        return forward(input);
    }

    public bool IsDisposed => disposed;

    // ---- registration -------------------------------------------------------

    /// <summary>
    /// Adds a parameter under <paramref name="name"/> and returns it. The module takes the tensor
    /// itself (no copy): it leaves every dispose scope and gets requires_grad set. It must be a leaf
    /// (pass t.detach() otherwise). null reserves the name for an absent parameter (bias=false).
    /// </summary>
    [return: NotNullIfNotNull(nameof(parameter))]
    public Tensor? register_parameter(string name, Tensor? parameter)
    {
        CheckNewName(name);
        if (parameter is not null)
        {
            if (!parameter.is_leaf)
                throw new ArgumentException($"parameter '{name}' is computed from other tensors (not a leaf); register parameter.detach() instead",
                    nameof(parameter));
            DisposeScope.Detach(parameter);
            if (parameter.dtype.IsFloatingPoint()) parameter.requires_grad = true;
        }
        parameters_.Add(name, parameter);
        return parameter;
    }

    /// <summary>
    /// Adds a buffer (state that is no parameter, e.g. running statistics) and returns it; the module
    /// takes the tensor out of every dispose scope. Non-persistent buffers stay out of state_dict().
    /// </summary>
    [return: NotNullIfNotNull(nameof(buffer))]
    public Tensor? register_buffer(string name, Tensor? buffer, bool persistent = true)
    {
        CheckNewName(name);
        if (buffer is not null) DisposeScope.Detach(buffer);
        buffers_.Add(name, buffer);
        if (!persistent) nonPersistent.Add(name);
        return buffer;
    }

    /// <summary>Adds a child module, whose parameters then appear as name.param; returns the child.</summary>
    public T register_module<T>(string name, T module) where T : Module
    {
        ArgumentNullException.ThrowIfNull(module);
        if (ReferenceEquals(module, this)) throw new ArgumentException("a module cannot be its own child", nameof(module));
        CheckNewName(name);
        children_.Add(name, module);
        return module;
    }

    void CheckNewName(string name)
    {
        ObjectDisposedException.ThrowIf(disposed, this);
        if (string.IsNullOrEmpty(name)) throw new ArgumentException("name must not be empty", nameof(name));
        if (name.Contains('.')) throw new ArgumentException($"name '{name}' must not contain '.'", nameof(name));
        if (parameters_.ContainsKey(name) || buffers_.ContainsKey(name) || children_.ContainsKey(name))
            throw new ArgumentException($"'{name}' is already registered in this {GetType().Name}", nameof(name));
    }

    // ---- enumeration --------------------------------------------------------

    /// <summary>Direct children with their names, in registration order.</summary>
    public IEnumerable<(string name, Module module)> named_children()
    {
        foreach (var (name, child) in children_) yield return (name, child);
    }

    public IEnumerable<Module> children() => named_children().Select(c => c.module);

    /// <summary>This module (named <paramref name="prefix"/>) and all below it, depth first, each once.</summary>
    public IEnumerable<(string name, Module module)> named_modules(string prefix = "")
    {
        var seen = new HashSet<Module>(ReferenceEqualityComparer.Instance);
        return Walk(this, prefix, seen);

        static IEnumerable<(string, Module)> Walk(Module m, string prefix, HashSet<Module> seen)
        {
            if (!seen.Add(m)) yield break;
            yield return (prefix, m);
            foreach (var (name, child) in m.children_)
                foreach (var item in Walk(child, Join(prefix, name), seen))
                    yield return item;
        }
    }

    public IEnumerable<Module> modules() => named_modules().Select(m => m.module);

    /// <summary>Parameters with dotted names (features.conv1.weight); a tensor shared by two modules appears once.</summary>
    public IEnumerable<(string name, Tensor parameter)> named_parameters(string prefix = "", bool recurse = true) =>
        NamedTensors(prefix, recurse, m => m.parameters_);

    public IEnumerable<Tensor> parameters(bool recurse = true) => named_parameters(recurse: recurse).Select(p => p.parameter);

    /// <summary>Buffers with dotted names, persistent or not.</summary>
    public IEnumerable<(string name, Tensor buffer)> named_buffers(string prefix = "", bool recurse = true) =>
        NamedTensors(prefix, recurse, m => m.buffers_);

    public IEnumerable<Tensor> buffers(bool recurse = true) => named_buffers(recurse: recurse).Select(b => b.buffer);

    IEnumerable<(string, Tensor)> NamedTensors(string prefix, bool recurse, Func<Module, OrderedDictionary<string, Tensor?>> of)
    {
        var seen = new HashSet<Tensor>(ReferenceEqualityComparer.Instance);
        IEnumerable<(string name, Module module)> owners = recurse ? named_modules(prefix) : [(prefix, this)];
        foreach (var (path, m) in owners)
            foreach (var (name, t) in of(m))
                if (t is not null && seen.Add(t))
                    yield return (Join(path, name), t);
    }

    static string Join(string prefix, string name) => prefix.Length == 0 ? name : prefix + "." + name;

    /// <summary>PyTorch's repr header: the type name and its children.</summary>
    public override string ToString()
    {
        var kids = children_.Count == 0 ? "" : "(" + string.Join(", ", children_.Select(c => $"{c.Key}: {c.Value.GetType().Name}")) + ")";
        return GetType().Name + kids;
    }

    // ---- lifetime -----------------------------------------------------------

    /// <summary>Frees the parameters and buffers of this module and of every child.</summary>
    public void Dispose()
    {
        if (disposed) return;
        disposed = true;
        foreach (var t in parameters_.Values) t?.Dispose();
        foreach (var t in buffers_.Values) t?.Dispose();
        foreach (var child in children_.Values) child.Dispose();
        GC.SuppressFinalize(this);
    }

    /// <summary>A new float32 CPU tensor of zeros, for layers to fill with an initialiser before registering it.</summary>
    internal static Tensor NewFloat32(params long[] shape)
    {
        long n = 1;
        foreach (var s in shape) n *= s;
        return torch.tensor<float>(new float[n], shape);
    }
}
