// Shared by every entry-point file of the shim: handle casts and the error protocol.
//
// Protocol: an entry point that returns a tensor returns nullptr on failure; one
// that returns int returns 0 on success and -1 on failure. On failure the message
// is kept in a thread-local string that eop_last_error() exposes until the next
// failure on the same thread; the managed side copies it, so nothing is leaked.
#pragma once
#include <ATen/ATen.h>
#include <cstdint>
#include <exception>
#include <string>
#include <vector>

#define EOP_API extern "C" __attribute__((visibility("default")))

typedef at::Tensor* eop_tensor;

namespace eop {

void set_error(const char* message);

inline at::Tensor& T(eop_tensor h) {
  if (h == nullptr) throw std::invalid_argument("null tensor handle");
  return *h;
}

inline c10::optional<at::Tensor> opt(eop_tensor h) {
  if (h == nullptr) return c10::nullopt;
  return *h;
}

inline at::IntArrayRef dims(const int64_t* data, int32_t n) { return at::IntArrayRef(data, static_cast<size_t>(n)); }

inline std::vector<at::Tensor> list(const eop_tensor* hs, int32_t n) {
  std::vector<at::Tensor> v;
  v.reserve(static_cast<size_t>(n));
  for (int32_t i = 0; i < n; ++i) v.push_back(T(hs[i]));
  return v;
}

// A double from the managed side as the Scalar libtorch expects for this tensor: integral
// tensors reject floating alphas and addends ("alpha must not be a floating point number"),
// so a whole number stays an integer for them.
inline at::Scalar scalar_for(const at::Tensor& t, double v) {
  if (at::isIntegralType(t.scalar_type(), /*includeBool=*/false) && v == static_cast<double>(static_cast<int64_t>(v)))
    return at::Scalar(static_cast<int64_t>(v));
  return at::Scalar(v);
}

inline at::ScalarType dtype(int32_t code) { return static_cast<at::ScalarType>(code); }

inline at::Device device(int32_t type, int32_t index) {
  return at::Device(static_cast<c10::DeviceType>(type), static_cast<c10::DeviceIndex>(index));
}

inline at::TensorOptions options(int32_t dtype_code, int32_t device_type, int32_t device_index, bool requires_grad = false) {
  return at::TensorOptions().dtype(dtype(dtype_code)).device(device(device_type, device_index)).requires_grad(requires_grad);
}

template <class F>
eop_tensor tensor_result(F&& f) noexcept {
  try {
    return new at::Tensor(f());
  } catch (const c10::Error& e) {
    set_error(e.what_without_backtrace());
  } catch (const std::exception& e) {
    set_error(e.what());
  } catch (...) {
    set_error("unknown C++ exception in libtorch");
  }
  return nullptr;
}

template <class F>
int32_t status_result(F&& f) noexcept {
  try {
    f();
    return 0;
  } catch (const c10::Error& e) {
    set_error(e.what_without_backtrace());
  } catch (const std::exception& e) {
    set_error(e.what());
  } catch (...) {
    set_error("unknown C++ exception in libtorch");
  }
  return -1;
}

}  // namespace eop
