// Lifetime, metadata, data in and out, devices, threads, seeds and grad mode.
#include "eop.h"

#include <ATen/Parallel.h>
#include <cstring>
#include <torch/version.h>

namespace eop {
namespace {
thread_local std::string last_error;
}
void set_error(const char* message) { last_error = message ? message : "(no message)"; }
}  // namespace eop

using namespace eop;

EOP_API const char* eop_last_error() { return eop::last_error.c_str(); }

EOP_API void eop_tensor_free(eop_tensor t) { delete t; }

EOP_API int64_t eop_tensor_ndim(eop_tensor t) { return t->dim(); }

EOP_API int64_t eop_tensor_numel(eop_tensor t) { return t->numel(); }

EOP_API void eop_tensor_shape(eop_tensor t, int64_t* out) {
  auto s = t->sizes();
  std::memcpy(out, s.data(), s.size() * sizeof(int64_t));
}

EOP_API void eop_tensor_strides(eop_tensor t, int64_t* out) {
  auto s = t->strides();
  std::memcpy(out, s.data(), s.size() * sizeof(int64_t));
}

EOP_API int32_t eop_tensor_dtype(eop_tensor t) { return static_cast<int32_t>(t->scalar_type()); }

EOP_API void eop_tensor_device(eop_tensor t, int32_t* type, int32_t* index) {
  auto d = t->device();
  *type = static_cast<int32_t>(d.type());
  *index = d.index();
}

EOP_API int32_t eop_tensor_defined(eop_tensor t) { return t->defined() ? 1 : 0; }

// Copies caller memory into a new CPU tensor of the given dtype and shape.
EOP_API eop_tensor eop_tensor_from_data(const void* data, int32_t dtype_code, const int64_t* shape, int32_t ndim) {
  return tensor_result([&] {
    auto opts = at::TensorOptions().dtype(dtype(dtype_code));
    auto t = at::empty(dims(shape, ndim), opts);
    std::memcpy(t.data_ptr(), data, t.nbytes());
    return t;
  });
}

// Copies a tensor's values (any device, any layout) into caller memory of exactly nbytes.
EOP_API int32_t eop_tensor_copy_to(eop_tensor t, void* dst, int64_t nbytes) {
  return status_result([&] {
    auto c = T(t).detach().to(at::kCPU).contiguous();
    if (static_cast<int64_t>(c.nbytes()) != nbytes)
      throw std::invalid_argument("copy_to: destination holds " + std::to_string(nbytes) + " bytes, tensor needs " +
                                  std::to_string(c.nbytes()));
    std::memcpy(dst, c.data_ptr(), c.nbytes());
  });
}

EOP_API int32_t eop_tensor_item_double(eop_tensor t, double* out) {
  return status_result([&] { *out = T(t).item<double>(); });
}

EOP_API int32_t eop_tensor_item_int64(eop_tensor t, int64_t* out) {
  return status_result([&] { *out = T(t).item<int64_t>(); });
}

EOP_API eop_tensor eop_tensor_to(eop_tensor t, int32_t dtype_code, int32_t device_type, int32_t device_index, int32_t copy) {
  return tensor_result([&] {
    return T(t).to(options(dtype_code, device_type, device_index), /*non_blocking=*/false, copy != 0);
  });
}

EOP_API eop_tensor eop_tensor_clone(eop_tensor t) { return tensor_result([&] { return T(t).clone(); }); }
EOP_API eop_tensor eop_tensor_contiguous(eop_tensor t) { return tensor_result([&] { return T(t).contiguous(); }); }
EOP_API eop_tensor eop_tensor_detach(eop_tensor t) { return tensor_result([&] { return T(t).detach(); }); }
EOP_API eop_tensor eop_tensor_alias(eop_tensor t) { return tensor_result([&] { return T(t); }); }

EOP_API int32_t eop_tensor_is_contiguous(eop_tensor t) { return t->is_contiguous() ? 1 : 0; }

// ---- autograd -------------------------------------------------------------

EOP_API int32_t eop_tensor_requires_grad(eop_tensor t) { return t->requires_grad() ? 1 : 0; }

EOP_API int32_t eop_tensor_set_requires_grad(eop_tensor t, int32_t value) {
  return status_result([&] { T(t).set_requires_grad(value != 0); });
}

EOP_API int32_t eop_tensor_is_leaf(eop_tensor t) { return t->is_leaf() ? 1 : 0; }

// *out is nullptr when the tensor has no gradient yet.
EOP_API int32_t eop_tensor_grad(eop_tensor t, eop_tensor* out) {
  return status_result([&] {
    const auto& g = T(t).grad();
    *out = g.defined() ? new at::Tensor(g) : nullptr;
  });
}

// grad == nullptr removes the gradient (PyTorch's zero_grad(set_to_none=True)).
EOP_API int32_t eop_tensor_set_grad(eop_tensor t, eop_tensor grad) {
  return status_result([&] { T(t).mutable_grad() = grad ? T(grad) : at::Tensor(); });
}

EOP_API int32_t eop_grad_enabled() { return c10::GradMode::is_enabled() ? 1 : 0; }
EOP_API void eop_set_grad_enabled(int32_t enabled) { c10::GradMode::set_enabled(enabled != 0); }

// ---- machine ---------------------------------------------------------------

EOP_API void eop_set_num_threads(int32_t n) { at::set_num_threads(n); }
EOP_API int32_t eop_get_num_threads() { return at::get_num_threads(); }
EOP_API void eop_manual_seed(uint64_t seed) { at::manual_seed(seed); }
EOP_API int32_t eop_cuda_is_available() { return at::hasCUDA() ? 1 : 0; }
EOP_API int32_t eop_cuda_device_count() {
  try {
    return at::hasCUDA() ? static_cast<int32_t>(at::getNumGPUs()) : 0;
  } catch (...) {
    return 0;
  }
}
EOP_API const char* eop_torch_version() { return TORCH_VERSION; }
EOP_API const char* eop_parallel_info() {
  static thread_local std::string info;
  info = at::get_parallel_info();
  return info.c_str();
}
EOP_API const char* eop_config_info() {
  static thread_local std::string info;
  info = at::show_config();
  return info.c_str();
}
EOP_API int32_t eop_synchronize(int32_t device_type, int32_t device_index) {
  return status_result([&] {
    if (static_cast<c10::DeviceType>(device_type) == c10::DeviceType::CUDA) {
      // A tiny item() round trip forces the stream to drain without linking CUDA headers here.
      at::zeros({1}, at::TensorOptions().device(device(device_type, device_index))).cpu();
    }
  });
}

// gradient == nullptr means ones for a scalar output, as PyTorch's backward().
EOP_API int32_t eop_tensor_backward(eop_tensor t, eop_tensor gradient, int32_t retain_graph, int32_t create_graph) {
  return status_result([&] {
    T(t).backward(gradient ? T(gradient) : at::Tensor(), retain_graph != 0, create_graph != 0);
  });
}
