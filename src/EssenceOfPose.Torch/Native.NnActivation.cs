using System.Runtime.InteropServices;

namespace EssenceOfPose.Torch;

// native/src/nn_act.cpp
internal static partial class Native
{
    [LibraryImport(Lib)] internal static partial IntPtr eop_nn_relu(TensorHandle input);
    [LibraryImport(Lib)] internal static partial IntPtr eop_nn_leaky_relu(TensorHandle input, double negativeSlope);
    [LibraryImport(Lib)] internal static partial IntPtr eop_nn_prelu(TensorHandle input, TensorHandle weight);
    [LibraryImport(Lib)] internal static partial IntPtr eop_nn_elu(TensorHandle input, double alpha);
    [LibraryImport(Lib)] internal static partial IntPtr eop_nn_tanh(TensorHandle input);
    [LibraryImport(Lib)] internal static partial IntPtr eop_nn_sigmoid(TensorHandle input);
    [LibraryImport(Lib)] internal static partial IntPtr eop_nn_softplus(TensorHandle input, double beta, double threshold);
    [LibraryImport(Lib)] internal static partial IntPtr eop_nn_softmax(TensorHandle input, long dim, int dtype);
    [LibraryImport(Lib)] internal static partial IntPtr eop_nn_log_softmax(TensorHandle input, long dim, int dtype);
}
