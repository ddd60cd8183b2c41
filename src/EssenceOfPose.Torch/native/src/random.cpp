// Random generators and the sampling factories that draw from them. A generator handle
// (at::Generator*) is either a private generator made here or a second reference to a
// device's default generator; a null handle passed to a sampler means the default.
#include "api_util.h"

#include <ATen/CPUGeneratorImpl.h>
#include <ATen/detail/CUDAHooksInterface.h>
#include <mutex>

typedef at::Generator* eop_generator;

using namespace eop;

namespace {

c10::optional<at::Generator> gen(eop_generator g) {
  if (g == nullptr) return c10::nullopt;
  return *g;
}

at::Generator& G(eop_generator g) {
  if (g == nullptr) throw std::invalid_argument("null generator handle");
  return *g;
}

void require_cuda() {
  if (!at::hasCUDA()) throw std::invalid_argument("CUDA generator requested, but this libtorch has no usable CUDA device");
}

}  // namespace

// A new generator of its own. CUDA has no public factory without CUDA headers, so a CUDA
// generator is a clone of the device's default one, reseeded.
EOP_API eop_generator eop_generator_new(int32_t device_type, int32_t device_index, uint64_t seed) {
  eop_generator result = nullptr;
  status_result([&] {
    auto type = static_cast<c10::DeviceType>(device_type);
    if (type == c10::DeviceType::CPU) {
      result = new at::Generator(at::make_generator<at::CPUGeneratorImpl>(seed));
    } else if (type == c10::DeviceType::CUDA) {
      require_cuda();
      auto g = at::detail::getCUDAHooks().getDefaultCUDAGenerator(static_cast<c10::DeviceIndex>(device_index)).clone();
      g.set_current_seed(seed);
      result = new at::Generator(std::move(g));
    } else {
      throw std::invalid_argument("generators exist for cpu and cuda devices only");
    }
  });
  return result;
}

// A second reference to the default generator of a device (shared state, own handle).
EOP_API eop_generator eop_generator_default(int32_t device_type, int32_t device_index) {
  eop_generator result = nullptr;
  status_result([&] {
    auto type = static_cast<c10::DeviceType>(device_type);
    if (type == c10::DeviceType::CPU) {
      result = new at::Generator(at::detail::getDefaultCPUGenerator());
    } else if (type == c10::DeviceType::CUDA) {
      require_cuda();
      result = new at::Generator(
          at::detail::getCUDAHooks().getDefaultCUDAGenerator(static_cast<c10::DeviceIndex>(device_index)));
    } else {
      throw std::invalid_argument("generators exist for cpu and cuda devices only");
    }
  });
  return result;
}

EOP_API void eop_generator_free(eop_generator g) { delete g; }

EOP_API int32_t eop_generator_manual_seed(eop_generator g, uint64_t seed) {
  return status_result([&] {
    std::lock_guard<std::mutex> lock(G(g).mutex());
    G(g).set_current_seed(seed);
  });
}

EOP_API int32_t eop_generator_initial_seed(eop_generator g, uint64_t* out) {
  return status_result([&] {
    std::lock_guard<std::mutex> lock(G(g).mutex());
    *out = G(g).current_seed();
  });
}

// Reseeds from a non-deterministic source and reports the seed used.
EOP_API int32_t eop_generator_seed(eop_generator g, uint64_t* out) {
  return status_result([&] {
    std::lock_guard<std::mutex> lock(G(g).mutex());
    *out = G(g).seed();
  });
}

EOP_API int32_t eop_generator_device(eop_generator g, int32_t* type, int32_t* index) {
  return status_result([&] {
    auto d = G(g).device();
    *type = static_cast<int32_t>(d.type());
    *index = d.index();
  });
}

// The state as a uint8 CPU tensor, to give back to eop_generator_set_state.
EOP_API eop_tensor eop_generator_get_state(eop_generator g) {
  return tensor_result([&] {
    std::lock_guard<std::mutex> lock(G(g).mutex());
    return G(g).get_state();
  });
}

EOP_API int32_t eop_generator_set_state(eop_generator g, eop_tensor state) {
  return status_result([&] {
    std::lock_guard<std::mutex> lock(G(g).mutex());
    G(g).set_state(T(state));
  });
}

// ---- sampling factories -----------------------------------------------------

EOP_API eop_tensor eop_rand(const int64_t* shape, int32_t n, eop_generator g, int32_t dt, int32_t devt, int32_t devi,
                            int32_t rg) {
  return tensor_result([&] { return grad_if(at::rand(dims(shape, n), gen(g), options(dt, devt, devi)), rg); });
}

EOP_API eop_tensor eop_randn(const int64_t* shape, int32_t n, eop_generator g, int32_t dt, int32_t devt, int32_t devi,
                             int32_t rg) {
  return tensor_result([&] { return grad_if(at::randn(dims(shape, n), gen(g), options(dt, devt, devi)), rg); });
}

EOP_API eop_tensor eop_randint(int64_t low, int64_t high, const int64_t* shape, int32_t n, eop_generator g, int32_t dt,
                               int32_t devt, int32_t devi, int32_t rg) {
  return tensor_result([&] { return grad_if(at::randint(low, high, dims(shape, n), gen(g), options(dt, devt, devi)), rg); });
}

EOP_API eop_tensor eop_normal(double mean, double std, const int64_t* shape, int32_t n, eop_generator g, int32_t dt,
                              int32_t devt, int32_t devi, int32_t rg) {
  return tensor_result([&] {
    return grad_if(at::normal(mean, std, dims(shape, n), gen(g), options(dt, devt, devi)), rg);
  });
}

// Element-wise means and standard deviations, broadcast together.
EOP_API eop_tensor eop_normal_tensor(eop_tensor mean, eop_tensor std, eop_generator g) {
  return tensor_result([&] { return at::normal(T(mean), T(std), gen(g)); });
}

EOP_API eop_tensor eop_randperm(int64_t n, eop_generator g, int32_t dt, int32_t devt, int32_t devi, int32_t rg) {
  return tensor_result([&] { return grad_if(at::randperm(n, gen(g), options(dt, devt, devi)), rg); });
}

// 0 or 1 drawn with the probabilities in p.
EOP_API eop_tensor eop_bernoulli(eop_tensor p, eop_generator g) {
  return tensor_result([&] { return at::bernoulli(T(p), gen(g)); });
}

// The *_like samplers fill empty_like(t) as PyTorch does, so the model's memory format is kept.
EOP_API eop_tensor eop_rand_like(eop_tensor t, eop_generator g, int32_t dt, int32_t devt, int32_t devi, int32_t rg) {
  return tensor_result([&] {
    auto r = at::empty_like(T(t), like_options(T(t), dt, devt, devi));
    r.uniform_(0, 1, gen(g));
    return grad_if(r, rg);
  });
}

EOP_API eop_tensor eop_randn_like(eop_tensor t, eop_generator g, int32_t dt, int32_t devt, int32_t devi, int32_t rg) {
  return tensor_result([&] {
    auto r = at::empty_like(T(t), like_options(T(t), dt, devt, devi));
    r.normal_(0, 1, gen(g));
    return grad_if(r, rg);
  });
}

EOP_API eop_tensor eop_randint_like(eop_tensor t, int64_t low, int64_t high, eop_generator g, int32_t dt, int32_t devt,
                                    int32_t devi, int32_t rg) {
  return tensor_result([&] {
    auto r = at::empty_like(T(t), like_options(T(t), dt, devt, devi));
    r.random_(low, high, gen(g));
    return grad_if(r, rg);
  });
}

// ---- in place -----------------------------------------------------------------

EOP_API int32_t eop_uniform_(eop_tensor t, double from, double to, eop_generator g) {
  return status_result([&] { T(t).uniform_(from, to, gen(g)); });
}

EOP_API int32_t eop_normal_(eop_tensor t, double mean, double std, eop_generator g) {
  return status_result([&] { T(t).normal_(mean, std, gen(g)); });
}

EOP_API int32_t eop_bernoulli_(eop_tensor t, double p, eop_generator g) {
  return status_result([&] { T(t).bernoulli_(p, gen(g)); });
}
