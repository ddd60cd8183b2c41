namespace EssenceOfPose.Torch;

public static partial class torch
{
    /// <summary>PyTorch's torch.autograd: gradients computed on demand rather than accumulated.</summary>
    public static class autograd
    {
        /// <summary>
        /// The gradients of Σ outputs[i] · grad_outputs[i] with respect to each input, returned
        /// (not accumulated into .grad). A null grad_outputs entry, or a null array, means ones for a
        /// scalar output. retain_graph null keeps the graph when create_graph is set, as PyTorch;
        /// create_graph makes the gradients differentiable (higher derivatives). An input the outputs
        /// do not depend on gets null when allow_unused is set, otherwise libtorch raises.
        /// </summary>
        public static Tensor?[] grad(Tensor[] outputs, Tensor[] inputs, Tensor?[]? grad_outputs = null,
            bool? retain_graph = null, bool create_graph = false, bool allow_unused = false)
        {
            var o = Args.Handles(outputs);
            var i = Args.Handles(inputs);
            IntPtr[]? g = null;
            if (grad_outputs is not null)
            {
                g = new IntPtr[grad_outputs.Length];
                for (var k = 0; k < g.Length; k++) g[k] = grad_outputs[k]?.Handle.DangerousGetHandle() ?? IntPtr.Zero;
            }
            var result = new IntPtr[i.Length];
            Native.Check(Native.eop_autograd_grad(o, o.Length, i, i.Length, g, g?.Length ?? 0,
                retain_graph is { } r ? Args.Flag(r) : -1, Args.Flag(create_graph), Args.Flag(allow_unused), result));
            GC.KeepAlive(outputs);
            GC.KeepAlive(inputs);
            GC.KeepAlive(grad_outputs);
            var grads = new Tensor?[result.Length];
            for (var k = 0; k < grads.Length; k++) grads[k] = result[k] == IntPtr.Zero ? null : new Tensor(result[k]);
            return grads;
        }

        /// <summary>grad for one output and one input.</summary>
        public static Tensor? grad(Tensor output, Tensor input, Tensor? grad_output = null,
            bool? retain_graph = null, bool create_graph = false, bool allow_unused = false) =>
            grad([output], [input], grad_output is null ? null : [grad_output], retain_graph, create_graph, allow_unused)[0];
    }
}
