namespace EssenceOfPose.Torch.NN;

// state_dict / load_state_dict: parameters and persistent buffers by dotted name.
public abstract partial class Module
{
    /// <summary>
    /// Every parameter and persistent buffer by dotted name, in registration order. The values are
    /// detached handles sharing the module's storage (they join the current dispose scope; freeing
    /// them leaves the module intact), so they change when the module is trained.
    /// </summary>
    public OrderedDictionary<string, Tensor> state_dict()
    {
        ObjectDisposedException.ThrowIf(disposed, this);
        var result = new OrderedDictionary<string, Tensor>();
        foreach (var (name, t) in StateEntries()) result.Add(name, t.detach());
        return result;
    }

    /// <summary>
    /// Copies <paramref name="state_dict"/>'s values into this module's parameters and buffers, under
    /// no_grad, converting dtype and device as needed. Before copying anything it checks every key:
    /// a shape mismatch, and with <paramref name="strict"/> a missing or unexpected key, makes it throw
    /// one <see cref="StateDictException"/> listing all the problems, with nothing loaded. Returns the
    /// keys that did not match (both lists empty when strict).
    /// </summary>
    public IncompatibleKeys load_state_dict(IReadOnlyDictionary<string, Tensor> state_dict, bool strict = true)
    {
        ObjectDisposedException.ThrowIf(disposed, this);
        ArgumentNullException.ThrowIfNull(state_dict);
        var own = new OrderedDictionary<string, Tensor>();
        foreach (var (name, t) in StateEntries()) own.Add(name, t);

        var missing = own.Keys.Where(k => !state_dict.ContainsKey(k)).ToList();
        var unexpected = state_dict.Keys.Where(k => !own.ContainsKey(k)).OrderBy(k => k, StringComparer.Ordinal).ToList();
        var mismatched = new List<string>();
        foreach (var (name, target) in own)
        {
            if (!state_dict.TryGetValue(name, out var source)) continue;
            var (want, got) = (target.shape, source.shape);
            if (!want.AsSpan().SequenceEqual(got)) mismatched.Add($"{name}: expected [{string.Join(", ", want)}], got [{string.Join(", ", got)}]");
        }
        if (mismatched.Count > 0 || (strict && (missing.Count > 0 || unexpected.Count > 0)))
            throw new StateDictException(GetType().Name, strict ? missing : [], strict ? unexpected : [], mismatched);

        using (torch.no_grad())
        {
            foreach (var (name, target) in own)
                if (state_dict.TryGetValue(name, out var source)) target.copy_(source);
        }
        return new IncompatibleKeys(missing, unexpected);
    }

    IEnumerable<(string, Tensor)> StateEntries()
    {
        var seen = new HashSet<Tensor>(ReferenceEqualityComparer.Instance);
        foreach (var (path, m) in named_modules())
        {
            foreach (var (name, p) in m.parameters_)
                if (p is not null && seen.Add(p)) yield return (Join(path, name), p);
            foreach (var (name, b) in m.buffers_)
                if (b is not null && !m.nonPersistent.Contains(name) && seen.Add(b)) yield return (Join(path, name), b);
        }
    }
}

/// <summary>The keys load_state_dict(strict: false) skipped: the module's keys absent from the dictionary, and the dictionary's keys the module lacks.</summary>
public sealed record IncompatibleKeys(IReadOnlyList<string> missing_keys, IReadOnlyList<string> unexpected_keys);
