// Activations of torch.nn.functional: relu, leaky_relu, prelu, elu, tanh, sigmoid, softplus, softmax, log_softmax.
#include "eop.h"

using namespace eop;

EOP_API eop_tensor eop_nn_relu(eop_tensor input) { return tensor_result([&] { return at::relu(T(input)); }); }

EOP_API eop_tensor eop_nn_leaky_relu(eop_tensor input, double negative_slope) {
  return tensor_result([&] { return at::leaky_relu(T(input), negative_slope); });
}

EOP_API eop_tensor eop_nn_prelu(eop_tensor input, eop_tensor weight) {
  return tensor_result([&] { return at::prelu(T(input), T(weight)); });
}

EOP_API eop_tensor eop_nn_elu(eop_tensor input, double alpha) {
  return tensor_result([&] { return at::elu(T(input), alpha); });
}

EOP_API eop_tensor eop_nn_tanh(eop_tensor input) { return tensor_result([&] { return at::tanh(T(input)); }); }

EOP_API eop_tensor eop_nn_sigmoid(eop_tensor input) { return tensor_result([&] { return at::sigmoid(T(input)); }); }

EOP_API eop_tensor eop_nn_softplus(eop_tensor input, double beta, double threshold) {
  return tensor_result([&] { return at::softplus(T(input), beta, threshold); });
}

// dtype_code < 0: keep the input's dtype; otherwise the input is cast to it first.
EOP_API eop_tensor eop_nn_softmax(eop_tensor input, int64_t dim, int32_t dtype_code) {
  return tensor_result([&] {
    return at::softmax(T(input), dim, dtype_code < 0 ? c10::nullopt : c10::optional<at::ScalarType>(dtype(dtype_code)));
  });
}

EOP_API eop_tensor eop_nn_log_softmax(eop_tensor input, int64_t dim, int32_t dtype_code) {
  return tensor_result([&] {
    return at::log_softmax(T(input), dim,
                           dtype_code < 0 ? c10::nullopt : c10::optional<at::ScalarType>(dtype(dtype_code)));
  });
}
