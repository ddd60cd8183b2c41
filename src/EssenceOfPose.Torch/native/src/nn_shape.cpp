// Tensor.flatten and Tensor.unflatten (the shapes nn.Flatten / nn.Unflatten need).
#include "eop.h"

using namespace eop;

EOP_API eop_tensor eop_nn_flatten(eop_tensor input, int64_t start_dim, int64_t end_dim) {
  return tensor_result([&] { return at::flatten(T(input), start_dim, end_dim); });
}

EOP_API eop_tensor eop_nn_unflatten(eop_tensor input, int64_t dim, const int64_t* sizes, int32_t nsizes) {
  return tensor_result([&] { return at::unflatten(T(input), dim, dims(sizes, nsizes)); });
}
