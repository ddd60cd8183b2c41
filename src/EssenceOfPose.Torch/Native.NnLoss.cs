using System.Runtime.InteropServices;

namespace EssenceOfPose.Torch;

// native/src/nn_loss.cpp: reduction is at::Reduction's number (0 none, 1 mean, 2 sum).
internal static partial class Native
{
    [LibraryImport(Lib)] internal static partial IntPtr eop_nn_cross_entropy(TensorHandle input, TensorHandle target, TensorHandle weight, long ignoreIndex, long reduction, double labelSmoothing);
    [LibraryImport(Lib)] internal static partial IntPtr eop_nn_nll_loss(TensorHandle input, TensorHandle target, TensorHandle weight, long ignoreIndex, long reduction);
    [LibraryImport(Lib)] internal static partial IntPtr eop_nn_mse_loss(TensorHandle input, TensorHandle target, long reduction);
    [LibraryImport(Lib)] internal static partial IntPtr eop_nn_l1_loss(TensorHandle input, TensorHandle target, long reduction);
    [LibraryImport(Lib)] internal static partial IntPtr eop_nn_smooth_l1_loss(TensorHandle input, TensorHandle target, long reduction, double beta);
    [LibraryImport(Lib)] internal static partial IntPtr eop_nn_binary_cross_entropy_with_logits(TensorHandle input, TensorHandle target, TensorHandle weight, TensorHandle posWeight, long reduction);
}
