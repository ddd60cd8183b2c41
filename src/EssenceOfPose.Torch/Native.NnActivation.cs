using System.Runtime.InteropServices;

namespace EssenceOfPose.Torch;

// native/src/nn_act.cpp
internal static partial class Native
{
    [LibraryImport(Lib)] internal static partial IntPtr eop_nn_relu(IntPtr input);
    [LibraryImport(Lib)] internal static partial IntPtr eop_nn_leaky_relu(IntPtr input, double negativeSlope);
    [LibraryImport(Lib)] internal static partial IntPtr eop_nn_prelu(IntPtr input, IntPtr weight);
    [LibraryImport(Lib)] internal static partial IntPtr eop_nn_elu(IntPtr input, double alpha);
    [LibraryImport(Lib)] internal static partial IntPtr eop_nn_tanh(IntPtr input);
    [LibraryImport(Lib)] internal static partial IntPtr eop_nn_sigmoid(IntPtr input);
    [LibraryImport(Lib)] internal static partial IntPtr eop_nn_softplus(IntPtr input, double beta, double threshold);
    [LibraryImport(Lib)] internal static partial IntPtr eop_nn_softmax(IntPtr input, long dim, int dtype);
    [LibraryImport(Lib)] internal static partial IntPtr eop_nn_log_softmax(IntPtr input, long dim, int dtype);
}
