using System.Runtime.InteropServices;

namespace EssenceOfPose.Torch;

// native/src/nn_norm.cpp
internal static partial class Native
{
    [LibraryImport(Lib)] internal static partial IntPtr eop_nn_batch_norm(TensorHandle input, TensorHandle runningMean, TensorHandle runningVar, TensorHandle weight, TensorHandle bias, int training, double momentum, double eps);
    [LibraryImport(Lib)] internal static partial IntPtr eop_nn_dropout(TensorHandle input, double p, int training);
    [LibraryImport(Lib)] internal static partial IntPtr eop_nn_local_response_norm(TensorHandle input, long size, double alpha, double beta, double k);
}
