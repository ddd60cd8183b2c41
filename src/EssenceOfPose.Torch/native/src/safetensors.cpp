// Raw storage access for EssenceOfPose.Torch's safetensors reader and writer, which
// stream file bytes straight into and out of tensor memory (no intermediate copy,
// no 2 GiB managed-array limit).
#include "eop.h"

using namespace eop;

// A new uninitialised contiguous CPU tensor; the caller fills it through eop_st_data_ptr.
EOP_API eop_tensor eop_st_empty(int32_t dtype_code, const int64_t* shape, int32_t ndim) {
  return tensor_result([&] { return at::empty(dims(shape, ndim), at::TensorOptions().dtype(dtype(dtype_code))); });
}

// The tensor's values as a contiguous CPU tensor (the tensor itself when it already is one).
EOP_API eop_tensor eop_st_cpu_contiguous(eop_tensor t) {
  return tensor_result([&] { return T(t).detach().to(at::kCPU).contiguous(); });
}

// *out gets the address of the first element of a contiguous CPU tensor (null when it is empty).
EOP_API int32_t eop_st_data_ptr(eop_tensor t, void** out) {
  return status_result([&] {
    auto& x = T(t);
    if (!x.device().is_cpu() || !x.is_contiguous())
      throw std::invalid_argument("data_ptr: tensor is not a contiguous CPU tensor");
    *out = x.numel() == 0 ? nullptr : x.data_ptr();
  });
}
