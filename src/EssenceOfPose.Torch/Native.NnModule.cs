using System.Runtime.InteropServices;

namespace EssenceOfPose.Torch;

// native/src/nn_shape.cpp, nn_init.cpp and nn_module.cpp
internal static partial class Native
{
    [LibraryImport(Lib)] internal static partial IntPtr eop_nn_flatten(TensorHandle input, long startDim, long endDim);
    [LibraryImport(Lib)] internal static partial IntPtr eop_nn_unflatten(TensorHandle input, long dim, long[] sizes, int nsizes);
    [LibraryImport(Lib)] internal static partial int eop_nn_init_uniform_(TensorHandle t, double from, double to);
    [LibraryImport(Lib)] internal static partial int eop_nn_init_normal_(TensorHandle t, double mean, double std);
    [LibraryImport(Lib)] internal static partial int eop_nn_init_constant_(TensorHandle t, double value);
    [LibraryImport(Lib)] internal static partial int eop_nn_set_data(TensorHandle t, TensorHandle newData);
}
