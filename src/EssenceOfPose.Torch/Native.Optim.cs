using System.Runtime.InteropServices;

namespace EssenceOfPose.Torch;

// optim.cpp: one call per parameter per optimiser step, and gradient clipping over all parameters.
internal static partial class Native
{
    [LibraryImport(Lib)]
    internal static partial int eop_optim_sgd_step(TensorHandle param, ref IntPtr momentumBuffer, double lr, double momentum,
        double dampening, double weightDecay, int nesterov, int maximize, out int stepped);

    [LibraryImport(Lib)]
    internal static partial int eop_optim_adam_step(TensorHandle param, ref IntPtr expAvg, ref IntPtr expAvgSq, ref IntPtr maxExpAvgSq,
        long step, double lr, double beta1, double beta2, double eps, double weightDecay, int amsgrad, int decoupled,
        int maximize, out int stepped);

    [LibraryImport(Lib)]
    internal static unsafe partial int eop_optim_clip_grad_norm(IntPtr* parameters, int n, double maxNorm, double normType,
        int errorIfNonfinite, out double totalNorm);

    [LibraryImport(Lib)]
    internal static unsafe partial int eop_optim_clip_grad_value(IntPtr* parameters, int n, double clipValue);
}
