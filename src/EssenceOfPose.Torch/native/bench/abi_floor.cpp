// The binding's floor: the C ABI called from a C++ loop, with no managed code in
// between. `eop bench torch` runs this and compares the managed binding with it.
// Usage: eop_abi_floor ITERATIONS REPEATS THREADS  -> prints one median in µs per call.
#include <algorithm>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <vector>

extern "C" {
typedef struct eop_tensor_s* eop_tensor;
eop_tensor eop_tensor_from_data(const void* data, int32_t dtype, const int64_t* shape, int32_t ndim);
eop_tensor eop_add(eop_tensor a, eop_tensor b, double alpha);
void eop_tensor_free(eop_tensor t);
void eop_set_num_threads(int32_t n);
}

int main(int argc, char** argv) {
  const long iterations = argc > 1 ? std::atol(argv[1]) : 200000;
  const int repeats = argc > 2 ? std::atoi(argv[2]) : 7;
  if (argc > 3) eop_set_num_threads(std::atoi(argv[3]));
  const float one = 1.0f;
  const int64_t shape[1] = {1};
  eop_tensor a = eop_tensor_from_data(&one, 6, shape, 1);
  eop_tensor b = eop_tensor_from_data(&one, 6, shape, 1);
  for (long i = 0; i < iterations / 10; ++i) eop_tensor_free(eop_add(a, b, 1.0));
  std::vector<double> us;
  for (int r = 0; r < repeats; ++r) {
    auto t0 = std::chrono::steady_clock::now();
    for (long i = 0; i < iterations; ++i) eop_tensor_free(eop_add(a, b, 1.0));
    auto t1 = std::chrono::steady_clock::now();
    us.push_back(std::chrono::duration<double, std::micro>(t1 - t0).count() / iterations);
  }
  std::sort(us.begin(), us.end());
  std::printf("%.4f\n", us[us.size() / 2]);
  eop_tensor_free(a);
  eop_tensor_free(b);
  return 0;
}
