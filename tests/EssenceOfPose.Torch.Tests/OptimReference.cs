namespace EssenceOfPose.Torch.Tests;

/// <summary>
/// The published update rules of torch.optim (SGD, Adam, AdamW), written out in C# doubles
/// element by element, for the optimiser tests to compare against.
/// </summary>
static class OptimReference
{
    /// <summary>Runs SGD for as many steps as <paramref name="grads"/> has gradients.</summary>
    public static double[] Sgd(double[] p0, double[][] grads, double lr, double momentum = 0, double dampening = 0,
        double weight_decay = 0, bool nesterov = false)
    {
        var p = (double[])p0.Clone();
        double[]? buf = null;
        foreach (var g in grads)
        {
            var d = new double[p.Length];
            for (var i = 0; i < p.Length; i++) d[i] = g[i] + weight_decay * p[i];
            if (momentum != 0)
            {
                if (buf is null) buf = (double[])d.Clone();
                else
                    for (var i = 0; i < p.Length; i++) buf[i] = momentum * buf[i] + (1 - dampening) * d[i];
                for (var i = 0; i < p.Length; i++) d[i] = nesterov ? d[i] + momentum * buf[i] : buf[i];
            }
            for (var i = 0; i < p.Length; i++) p[i] -= lr * d[i];
        }
        return p;
    }

    /// <summary>Runs Adam (or, with <paramref name="decoupled"/>, AdamW) for as many steps as <paramref name="grads"/> has gradients.</summary>
    public static double[] Adam(double[] p0, double[][] grads, double lr, double beta1, double beta2, double eps,
        double weight_decay = 0, bool amsgrad = false, bool decoupled = false)
    {
        var p = (double[])p0.Clone();
        var m = new double[p.Length];
        var v = new double[p.Length];
        var vmax = new double[p.Length];
        var t = 0;
        foreach (var g0 in grads)
        {
            t++;
            var bc1 = 1 - Math.Pow(beta1, t);
            var bc2 = 1 - Math.Pow(beta2, t);
            for (var i = 0; i < p.Length; i++)
            {
                var g = g0[i];
                if (decoupled) p[i] *= 1 - lr * weight_decay;
                else g += weight_decay * p[i];
                m[i] = beta1 * m[i] + (1 - beta1) * g;
                v[i] = beta2 * v[i] + (1 - beta2) * g * g;
                vmax[i] = Math.Max(vmax[i], v[i]);
                var denom = Math.Sqrt(amsgrad ? vmax[i] : v[i]) / Math.Sqrt(bc2) + eps;
                p[i] -= lr / bc1 * m[i] / denom;
            }
        }
        return p;
    }
}
