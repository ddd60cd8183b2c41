// The reference side of `eop bench torch`: the same workloads as the managed
// benchmark, run from C++ with no managed code in between.
//   matmul  — at::mm of two 1024×1024 float32 matrices (libtorch called directly)
//   conv2d  — at::conv2d, input 64×64×32×32, 128 filters 3×3, padding 1 (directly)
//   abi_add — eop_add + eop_tensor_free of two 1-element tensors through the shim's
//             C ABI: the floor of the binding's per-call overhead
// Usage: eop_bench_reference THREADS REPEATS
// Prints one JSON object with the median of REPEATS timed runs of each.
#include <ATen/ATen.h>
#include <ATen/Parallel.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <functional>
#include <vector>

extern "C" {
typedef at::Tensor* eop_tensor;
eop_tensor eop_tensor_from_data(const void* data, int32_t dtype, const int64_t* shape, int32_t ndim);
eop_tensor eop_add(eop_tensor a, eop_tensor b, double alpha);
void eop_tensor_free(eop_tensor t);
}

static double median_seconds(int repeats, int inner, const std::function<void()>& body) {
  body();  // warm-up: allocator, oneDNN primitive cache, thread pool
  std::vector<double> s;
  for (int r = 0; r < repeats; ++r) {
    auto t0 = std::chrono::steady_clock::now();
    for (int i = 0; i < inner; ++i) body();
    auto t1 = std::chrono::steady_clock::now();
    s.push_back(std::chrono::duration<double>(t1 - t0).count() / inner);
  }
  std::sort(s.begin(), s.end());
  return s[s.size() / 2];
}

int main(int argc, char** argv) {
  const int threads = argc > 1 ? std::atoi(argv[1]) : at::get_num_threads();
  const int repeats = argc > 2 ? std::atoi(argv[2]) : 7;
  at::set_num_threads(threads);
  at::manual_seed(0);

  auto a = at::randn({1024, 1024});
  auto b = at::randn({1024, 1024});
  const double mm_flop = 2.0 * 1024 * 1024 * 1024;
  double mm_s = median_seconds(repeats, 5, [&] { at::mm(a, b); });

  auto x = at::randn({64, 64, 32, 32});
  auto w = at::randn({128, 64, 3, 3});
  const double conv_flop = 2.0 * 64 * 128 * 32 * 32 * 64 * 3 * 3;
  double conv_s = median_seconds(repeats, 2, [&] { at::conv2d(x, w, {}, 1, 1); });

  const float one = 1.0f;
  const int64_t shape[1] = {1};
  eop_tensor p = eop_tensor_from_data(&one, 6, shape, 1);
  eop_tensor q = eop_tensor_from_data(&one, 6, shape, 1);
  const int calls = 100000;
  double add_s = median_seconds(repeats, 1, [&] {
    for (int i = 0; i < calls; ++i) eop_tensor_free(eop_add(p, q, 1.0));
  });
  eop_tensor_free(p);
  eop_tensor_free(q);

  std::printf("{\"threads\": %d, \"repeats\": %d, \"matmul_gflops\": %.2f, \"conv2d_gflops\": %.2f, \"abi_add_us\": %.4f}\n",
              threads, repeats, mm_flop / mm_s / 1e9, conv_flop / conv_s / 1e9, add_s / calls * 1e6);
  return 0;
}
