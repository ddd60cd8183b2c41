using System.Runtime.InteropServices;

namespace EssenceOfPose.Torch;

// native/src/random.cpp: generators (at::Generator* handles) and samplers; a zero generator is the default one.
internal static partial class Native
{
    [LibraryImport(Lib)] internal static partial IntPtr eop_generator_new(int deviceType, int deviceIndex, ulong seed);
    [LibraryImport(Lib)] internal static partial IntPtr eop_generator_default(int deviceType, int deviceIndex);
    [LibraryImport(Lib)] internal static partial void eop_generator_free(IntPtr g);
    [LibraryImport(Lib)] internal static partial int eop_generator_manual_seed(IntPtr g, ulong seed);
    [LibraryImport(Lib)] internal static partial int eop_generator_initial_seed(IntPtr g, out ulong seed);
    [LibraryImport(Lib)] internal static partial int eop_generator_seed(IntPtr g, out ulong seed);
    [LibraryImport(Lib)] internal static partial int eop_generator_device(IntPtr g, out int type, out int index);
    [LibraryImport(Lib)] internal static partial IntPtr eop_generator_get_state(IntPtr g);
    [LibraryImport(Lib)] internal static partial int eop_generator_set_state(IntPtr g, TensorHandle state);

    [LibraryImport(Lib)] internal static partial IntPtr eop_rand(long[] shape, int n, IntPtr g, int dtype, int deviceType, int deviceIndex, int requiresGrad);
    [LibraryImport(Lib)] internal static partial IntPtr eop_randn(long[] shape, int n, IntPtr g, int dtype, int deviceType, int deviceIndex, int requiresGrad);
    [LibraryImport(Lib)] internal static partial IntPtr eop_randint(long low, long high, long[] shape, int n, IntPtr g, int dtype, int deviceType, int deviceIndex, int requiresGrad);
    [LibraryImport(Lib)] internal static partial IntPtr eop_normal(double mean, double std, long[] shape, int n, IntPtr g, int dtype, int deviceType, int deviceIndex, int requiresGrad);
    [LibraryImport(Lib)] internal static partial IntPtr eop_normal_tensor(TensorHandle mean, TensorHandle std, IntPtr g);
    [LibraryImport(Lib)] internal static partial IntPtr eop_randperm(long n, IntPtr g, int dtype, int deviceType, int deviceIndex, int requiresGrad);
    [LibraryImport(Lib)] internal static partial IntPtr eop_bernoulli(TensorHandle p, IntPtr g);
    [LibraryImport(Lib)] internal static partial IntPtr eop_rand_like(TensorHandle t, IntPtr g, int dtype, int deviceType, int deviceIndex, int requiresGrad);
    [LibraryImport(Lib)] internal static partial IntPtr eop_randn_like(TensorHandle t, IntPtr g, int dtype, int deviceType, int deviceIndex, int requiresGrad);
    [LibraryImport(Lib)] internal static partial IntPtr eop_randint_like(TensorHandle t, long low, long high, IntPtr g, int dtype, int deviceType, int deviceIndex, int requiresGrad);
    [LibraryImport(Lib)] internal static partial int eop_uniform_(TensorHandle t, double from, double to, IntPtr g);
    [LibraryImport(Lib)] internal static partial int eop_normal_(TensorHandle t, double mean, double std, IntPtr g);
    [LibraryImport(Lib)] internal static partial int eop_bernoulli_(TensorHandle t, double p, IntPtr g);
}
