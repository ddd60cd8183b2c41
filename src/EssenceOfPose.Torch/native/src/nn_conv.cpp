// Convolutions and the affine map of torch.nn.functional: conv2d, conv_transpose2d, linear.
// Pair arguments (stride, padding, ...) arrive as length-2 arrays; the managed side expands single values.
#include "eop.h"

using namespace eop;

EOP_API eop_tensor eop_nn_conv2d(eop_tensor input, eop_tensor weight, eop_tensor bias, const int64_t* stride,
                                 const int64_t* padding, const int64_t* dilation, int64_t groups) {
  return tensor_result([&] {
    return at::conv2d(T(input), T(weight), opt(bias), dims(stride, 2), dims(padding, 2), dims(dilation, 2), groups);
  });
}

EOP_API eop_tensor eop_nn_conv_transpose2d(eop_tensor input, eop_tensor weight, eop_tensor bias, const int64_t* stride,
                                           const int64_t* padding, const int64_t* output_padding, int64_t groups,
                                           const int64_t* dilation) {
  return tensor_result([&] {
    return at::conv_transpose2d(T(input), T(weight), opt(bias), dims(stride, 2), dims(padding, 2),
                                dims(output_padding, 2), groups, dims(dilation, 2));
  });
}

EOP_API eop_tensor eop_nn_linear(eop_tensor input, eop_tensor weight, eop_tensor bias) {
  return tensor_result([&] { return at::linear(T(input), T(weight), opt(bias)); });
}
