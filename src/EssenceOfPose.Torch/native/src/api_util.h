// Conventions of the tensor-API entry points (creation, random, elementwise, reduction,
// shape, autograd) on top of eop.h:
//   * an optional argument comes as a "has" flag next to its value, or as a negative
//     count (dims) or code (dtype, device type) meaning "not given";
//   * a fixed number of results (max with dim, sort, topk) is written to eop_tensor* out;
//   * a number of results known only afterwards (chunk, split, unbind) comes back as an
//     eop_tensor_list, which eop_tensor_list_take() empties into handles and frees.
#pragma once
#include "eop.h"

#include <memory>
#include <tuple>

typedef std::vector<at::Tensor>* eop_tensor_list;

namespace eop {

// n < 0 is PyTorch's dim=None.
inline at::OptionalIntArrayRef optdims(const int64_t* data, int32_t n) {
  if (n < 0) return c10::nullopt;
  return dims(data, n);
}

inline c10::optional<at::ScalarType> optdtype(int32_t code) {
  if (code < 0) return c10::nullopt;
  return dtype(code);
}

inline c10::optional<int64_t> optint(int32_t has, int64_t value) {
  if (!has) return c10::nullopt;
  return value;
}

inline c10::optional<double> optdouble(int32_t has, double value) {
  if (!has) return c10::nullopt;
  return value;
}

inline c10::optional<at::Scalar> optscalar(int32_t has, double value) {
  if (!has) return c10::nullopt;
  return at::Scalar(value);
}

// ATen factories refuse options with requires_grad set, so factories make the tensor
// first and mark it afterwards (it is then a leaf, as in PyTorch).
inline at::Tensor grad_if(at::Tensor t, int32_t requires_grad) {
  if (requires_grad) t.set_requires_grad(true);
  return t;
}

// Options of a *_like factory: what is not given (negative code) is taken from the model.
inline at::TensorOptions like_options(const at::Tensor& model, int32_t dtype_code, int32_t device_type,
                                      int32_t device_index) {
  auto o = at::TensorOptions().dtype(model.scalar_type()).device(model.device()).layout(model.layout());
  if (dtype_code >= 0) o = o.dtype(dtype(dtype_code));
  if (device_type >= 0) o = o.device(device(device_type, device_index));
  return o;
}

// f returns a std::tuple of two tensors; both become handles in out[0], out[1].
template <class F>
int32_t pair_result(eop_tensor* out, F&& f) noexcept {
  return status_result([&] {
    auto r = f();
    auto first = std::make_unique<at::Tensor>(std::get<0>(r));
    auto second = std::make_unique<at::Tensor>(std::get<1>(r));
    out[0] = first.release();
    out[1] = second.release();
  });
}

// f returns a std::vector<at::Tensor>; nullptr on failure, as tensor_result.
template <class F>
eop_tensor_list list_result(F&& f) noexcept {
  eop_tensor_list result = nullptr;
  status_result([&] { result = new std::vector<at::Tensor>(f()); });
  return result;
}

}  // namespace eop
