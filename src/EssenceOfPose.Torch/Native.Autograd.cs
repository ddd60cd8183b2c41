using System.Runtime.InteropServices;

namespace EssenceOfPose.Torch;

// native/src/autograd.cpp
internal static partial class Native
{
    [LibraryImport(Lib)]
    internal static partial int eop_autograd_grad(IntPtr[] outputs, int nOutputs, IntPtr[] inputs, int nInputs, IntPtr[]? gradOutputs, int nGradOutputs,
        int retainGraph, int createGraph, int allowUnused, [Out] IntPtr[] output);

    [LibraryImport(Lib)] internal static partial int eop_retain_grad(TensorHandle t);
    [LibraryImport(Lib)] internal static partial int eop_retains_grad(TensorHandle t, out int value);
}
