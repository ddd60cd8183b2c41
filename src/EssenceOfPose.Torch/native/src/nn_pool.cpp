// Spatial pooling of torch.nn.functional: max_pool2d (with or without indices), avg_pool2d, adaptive_avg_pool2d.
#include "eop.h"

using namespace eop;

EOP_API eop_tensor eop_nn_max_pool2d(eop_tensor input, const int64_t* kernel_size, const int64_t* stride,
                                     const int64_t* padding, const int64_t* dilation, int32_t ceil_mode) {
  return tensor_result([&] {
    return at::max_pool2d(T(input), dims(kernel_size, 2), dims(stride, 2), dims(padding, 2), dims(dilation, 2),
                          ceil_mode != 0);
  });
}

// Both results or neither: *out and *indices are set only on success.
EOP_API int32_t eop_nn_max_pool2d_with_indices(eop_tensor input, const int64_t* kernel_size, const int64_t* stride,
                                               const int64_t* padding, const int64_t* dilation, int32_t ceil_mode,
                                               eop_tensor* out, eop_tensor* indices) {
  return status_result([&] {
    auto r = at::max_pool2d_with_indices(T(input), dims(kernel_size, 2), dims(stride, 2), dims(padding, 2),
                                         dims(dilation, 2), ceil_mode != 0);
    *out = new at::Tensor(std::get<0>(r));
    *indices = new at::Tensor(std::get<1>(r));
  });
}

// divisor_override <= 0 means none.
EOP_API eop_tensor eop_nn_avg_pool2d(eop_tensor input, const int64_t* kernel_size, const int64_t* stride,
                                     const int64_t* padding, int32_t ceil_mode, int32_t count_include_pad,
                                     int64_t divisor_override) {
  return tensor_result([&] {
    c10::optional<int64_t> divisor = divisor_override > 0 ? c10::optional<int64_t>(divisor_override) : c10::nullopt;
    return at::avg_pool2d(T(input), dims(kernel_size, 2), dims(stride, 2), dims(padding, 2), ceil_mode != 0,
                          count_include_pad != 0, divisor);
  });
}

EOP_API eop_tensor eop_nn_adaptive_avg_pool2d(eop_tensor input, const int64_t* output_size) {
  return tensor_result([&] { return at::adaptive_avg_pool2d(T(input), dims(output_size, 2)); });
}
