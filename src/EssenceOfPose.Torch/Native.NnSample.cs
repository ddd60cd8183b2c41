using System.Runtime.InteropServices;

namespace EssenceOfPose.Torch;

// native/src/nn_sample.cpp
internal static partial class Native
{
    [LibraryImport(Lib)] internal static partial IntPtr eop_nn_interpolate(TensorHandle input, int mode, long[]? size, double[]? scales, int alignCorners, int antialias);
    [LibraryImport(Lib)] internal static partial IntPtr eop_nn_grid_sample(TensorHandle input, TensorHandle grid, int interpolation, int padding, int alignCorners);
    [LibraryImport(Lib)] internal static partial IntPtr eop_nn_affine_grid(TensorHandle theta, long[] size, int ndim, int alignCorners);
    [LibraryImport(Lib, StringMarshalling = StringMarshalling.Utf8)] internal static partial IntPtr eop_nn_pad(TensorHandle input, long[] pad, int npad, string mode, double value);
}
