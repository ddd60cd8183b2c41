// Deterministic factories: zeros, ones, full, empty, arange, linspace, eye and the *_like forms.
// The managed side resolves PyTorch's default dtype (float32, or int64 for integer arange and
// full), so every factory here receives an explicit dtype; *_like ones take a negative code
// for "as the model tensor".
#include "api_util.h"

using namespace eop;

EOP_API eop_tensor eop_zeros(const int64_t* shape, int32_t n, int32_t dt, int32_t devt, int32_t devi, int32_t rg) {
  return tensor_result([&] { return grad_if(at::zeros(dims(shape, n), options(dt, devt, devi)), rg); });
}

EOP_API eop_tensor eop_ones(const int64_t* shape, int32_t n, int32_t dt, int32_t devt, int32_t devi, int32_t rg) {
  return tensor_result([&] { return grad_if(at::ones(dims(shape, n), options(dt, devt, devi)), rg); });
}

EOP_API eop_tensor eop_empty(const int64_t* shape, int32_t n, int32_t dt, int32_t devt, int32_t devi, int32_t rg) {
  return tensor_result([&] { return grad_if(at::empty(dims(shape, n), options(dt, devt, devi)), rg); });
}

EOP_API eop_tensor eop_full(const int64_t* shape, int32_t n, double value, int32_t dt, int32_t devt, int32_t devi,
                            int32_t rg) {
  return tensor_result([&] { return grad_if(at::full(dims(shape, n), value, options(dt, devt, devi)), rg); });
}

// An integer fill value keeps all 64 bits (a double would round above 2^53).
EOP_API eop_tensor eop_full_int64(const int64_t* shape, int32_t n, int64_t value, int32_t dt, int32_t devt,
                                  int32_t devi, int32_t rg) {
  return tensor_result([&] { return grad_if(at::full(dims(shape, n), value, options(dt, devt, devi)), rg); });
}

EOP_API eop_tensor eop_arange(double start, double end, double step, int32_t dt, int32_t devt, int32_t devi,
                              int32_t rg) {
  return tensor_result([&] { return grad_if(at::arange(start, end, step, options(dt, devt, devi)), rg); });
}

EOP_API eop_tensor eop_arange_int64(int64_t start, int64_t end, int64_t step, int32_t dt, int32_t devt, int32_t devi,
                                    int32_t rg) {
  return tensor_result([&] { return grad_if(at::arange(start, end, step, options(dt, devt, devi)), rg); });
}

EOP_API eop_tensor eop_linspace(double start, double end, int64_t steps, int32_t dt, int32_t devt, int32_t devi,
                                int32_t rg) {
  return tensor_result([&] { return grad_if(at::linspace(start, end, steps, options(dt, devt, devi)), rg); });
}

// m < 0: square.
EOP_API eop_tensor eop_eye(int64_t n, int64_t m, int32_t dt, int32_t devt, int32_t devi, int32_t rg) {
  return tensor_result([&] { return grad_if(at::eye(n, m < 0 ? n : m, options(dt, devt, devi)), rg); });
}

EOP_API eop_tensor eop_zeros_like(eop_tensor t, int32_t dt, int32_t devt, int32_t devi, int32_t rg) {
  return tensor_result([&] { return grad_if(at::zeros_like(T(t), like_options(T(t), dt, devt, devi)), rg); });
}

EOP_API eop_tensor eop_ones_like(eop_tensor t, int32_t dt, int32_t devt, int32_t devi, int32_t rg) {
  return tensor_result([&] { return grad_if(at::ones_like(T(t), like_options(T(t), dt, devt, devi)), rg); });
}

EOP_API eop_tensor eop_empty_like(eop_tensor t, int32_t dt, int32_t devt, int32_t devi, int32_t rg) {
  return tensor_result([&] { return grad_if(at::empty_like(T(t), like_options(T(t), dt, devt, devi)), rg); });
}

EOP_API eop_tensor eop_full_like(eop_tensor t, double value, int32_t dt, int32_t devt, int32_t devi, int32_t rg) {
  return tensor_result([&] { return grad_if(at::full_like(T(t), value, like_options(T(t), dt, devt, devi)), rg); });
}
